/// Tekton tasks and pipelines, found in any YAML file by their apiVersion.
enum Tekton: PipelineReader {
    static let system = CISystem.tekton
    static let locations: GlobSet? = nil

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.compactMap { detect(path: path, document: $0) }
    }

    static func mayHold(_ text: String) -> Bool { ByteSearch.contains(text, "tekton.dev/") }

    static func detect(path: String, document: DataNode) -> CIPipeline? {
        guard let api = document["apiVersion"]?.string, api.hasPrefix("tekton.dev/"), document["kind"]?.string != nil,
              let spec = document["spec"] else { return nil }
        var pipeline = CIPipeline(system: .tekton, path: path)
        pipeline.collectContainers(spec, under: ["steps", "tasks"])
        return pipeline
    }
}

extension CISystem {
    static let tekton = CISystem(rawValue: "tekton")
}

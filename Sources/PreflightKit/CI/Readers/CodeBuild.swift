/// AWS CodeBuild's `buildspec.yml`. Triggers live outside the repository.
enum CodeBuild: PipelineReader {
    static let system = CISystem.codeBuild
    static let locations: GlobSet? = globs(["buildspec*.yml", "buildspec*.yaml"])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .codeBuild, path: path)
        if case .map(let phases, _)? = document["phases"] {
            for (phase, body) in phases { pipeline.addSteps(from: body["commands"], job: phase) }
        }
        return pipeline
    }
}

extension CISystem {
    static let codeBuild = CISystem(rawValue: "codebuild")
}

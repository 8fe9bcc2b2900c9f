/// Kubernetes CronJobs, found in any YAML file by their apiVersion and kind: a job the cluster runs on a schedule,
/// its containers' commands as its steps.
enum KubernetesCronJobs: PipelineReader {
    static let system = CISystem.kubernetesCronJob
    static let locations: GlobSet? = nil

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.compactMap { detect(path: path, document: $0) }
    }

    static func mayHold(_ text: String) -> Bool { ByteSearch.contains(text, "CronJob") && ByteSearch.contains(text, "batch/") }

    static func detect(path: String, document: DataNode) -> CIPipeline? {
        guard let api = document["apiVersion"]?.string, api.hasPrefix("batch/"), document["kind"]?.string == "CronJob",
              let spec = document["spec"] else { return nil }
        var pipeline = CIPipeline(system: .kubernetesCronJob, path: path)
        pipeline.name = document["metadata"]?["name"]?.string
        pipeline.scheduleLine = spec["schedule"]?.line ?? spec.line
        let suspended = spec["suspend"]?.string == "true"
        pipeline.collectContainers(spec, under: ["initContainers", "containers"])
        if suspended { for position in pipeline.steps.indices { pipeline.steps[position].disabled = true } }
        return pipeline
    }
}

extension CISystem {
    static let kubernetesCronJob = CISystem(rawValue: "kubernetes-cronjob")
}

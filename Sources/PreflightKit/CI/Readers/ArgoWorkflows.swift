/// Argo Workflows (workflows, cron workflows and templates), found in any YAML file by their apiVersion and kind.
enum ArgoWorkflows: PipelineReader {
    static let system = CISystem.argoWorkflows
    static let locations: GlobSet? = nil
    static let kinds: Set<String> = ["Workflow", "CronWorkflow", "WorkflowTemplate", "ClusterWorkflowTemplate"]

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.compactMap { detect(path: path, document: $0) }
    }

    static func mayHold(_ text: String) -> Bool { ByteSearch.contains(text, "argoproj.io/") }

    static func detect(path: String, document: DataNode) -> CIPipeline? {
        guard let api = document["apiVersion"]?.string, api.hasPrefix("argoproj.io/"), let kind = document["kind"]?.string,
              kinds.contains(kind), let spec = document["spec"] else { return nil }
        var pipeline = CIPipeline(system: .argoWorkflows, path: path)
        if kind == "CronWorkflow" { pipeline.scheduleLine = spec["schedule"]?.line ?? spec["schedules"]?.line ?? spec.line }
        pipeline.collectContainers(spec, under: ["templates"])
        return pipeline
    }
}

extension CISystem {
    static let argoWorkflows = CISystem(rawValue: "argo-workflows")
}

/// Reads Azure Pipelines YAML (`azure-pipelines.yml`, `.pipelines/`, `.azure-pipelines/`).
enum AzurePipelines: PipelineReader {
    static let system = CISystem.azurePipelines
    static let locations: GlobSet? = globs([
        "azure-pipelines*.yml", "azure-pipelines*.yaml", "/.azure-pipelines/**/*.y*ml", "/.pipelines/**/*.y*ml", "/azure-pipelines/**/*.y*ml",
    ])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

    static let stepKeys = ["script", "bash", "pwsh", "powershell", "task", "template", "displayName"]

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .azurePipelines, path: path)
        if let schedules = document["schedules"], !schedules.children.isEmpty {
            pipeline.scheduleLine = schedules.line
        }
        if let pr = document["pr"], pr.string != "none" {
            pipeline.pullRequestLine = pr.line
        }
        collectSteps(document, job: nil, into: &pipeline)
        return pipeline
    }

    private static func collectSteps(_ node: DataNode, job: String?, into pipeline: inout CIPipeline) {
        guard case .map(let pairs, _) = node else {
            for child in node.children { collectSteps(child, job: job, into: &pipeline) }
            return
        }
        let name = node["job"]?.string ?? node["deployment"]?.string ?? job
        for (key, value) in pairs {
            if key == "steps" {
                for step in value.elements {
                    for stepKey in stepKeys { pipeline.addSteps(from: step[stepKey], job: name) }
                }
            } else {
                collectSteps(value, job: name, into: &pipeline)
            }
        }
    }
}

extension CISystem {
    static let azurePipelines = CISystem(rawValue: "azure-pipelines")
}

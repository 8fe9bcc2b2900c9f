/// Bitbucket's `bitbucket-pipelines.yml`.
enum BitbucketPipelines: PipelineReader {
    static let system = CISystem.bitbucket
    static let locations: GlobSet? = globs(["/bitbucket-pipelines.yml"])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .bitbucket, path: path)
        guard let pipelines = document["pipelines"] else { return pipeline }
        if let pullRequests = pipelines["pull-requests"] { pipeline.pullRequestLine = pullRequests.line ?? pipelines.line }
        collectScripts(pipelines, job: nil, into: &pipeline)
        return pipeline
    }

    private static func collectScripts(_ node: DataNode, job: String?, into pipeline: inout CIPipeline) {
        guard case .map(let pairs, _) = node else {
            for child in node.children { collectScripts(child, job: job, into: &pipeline) }
            return
        }
        let name = node["name"]?.string ?? job
        for (key, value) in pairs {
            if key == "script" || key == "after-script" { pipeline.addSteps(from: value, job: name) }
            else if key == "image" { pipeline.addSteps(from: value["name"] ?? value, job: name, kind: .image) }
            else if key == "name" { pipeline.addSteps(from: value, job: name, kind: .label) }
            else if key == "pipe" { pipeline.addSteps(from: value, job: name, kind: .action) }
            else { collectScripts(value, job: name, into: &pipeline) }
        }
    }
}

extension CISystem {
    static let bitbucket = CISystem(rawValue: "bitbucket")
}

/// Reads `.github/workflows/*.yml`.
enum GitHubActions: PipelineReader {
    static let system = CISystem.githubActions
    static let locations: GlobSet? = globs(["/.github/workflows/*.yml", "/.github/workflows/*.yaml"])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

    static let pullRequestEvents: Set<String> = ["pull_request", "pull_request_target", "merge_group"]

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .githubActions, path: path)
        if let trigger = document["on"] ?? document["true"] {
            for (event, line) in events(trigger) {
                if event == "schedule" { pipeline.scheduleLine = pipeline.scheduleLine ?? line }
                if pullRequestEvents.contains(event) { pipeline.pullRequestLine = pipeline.pullRequestLine ?? line }
            }
        }
        guard case .map(let jobs, _)? = document["jobs"] else { return pipeline }
        for (name, job) in jobs {
            pipeline.addSteps(from: job["uses"], job: name)
            for step in job["steps"]?.elements ?? [] {
                let parts = ["name", "uses", "run"].compactMap { step[$0] }
                for part in parts { pipeline.addSteps(from: part, job: name) }
            }
        }
        return pipeline
    }

    /// `on: push`, `on: [push, pull_request]` or `on: {schedule: …}`.
    private static func events(_ node: DataNode) -> [(String, Int?)] {
        switch node {
        case .scalar(let event, let line): return [(event, line)]
        case .list(let items, _): return items.compactMap { item in item.string.map { ($0, item.line) } }
        case .map(let pairs, _): return pairs.map { ($0.key, $0.value.line ?? node.line) }
        }
    }
}

extension CISystem {
    static let githubActions = CISystem(rawValue: "github-actions")
}

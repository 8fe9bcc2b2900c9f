/// Reads `.github/workflows/*.yml`.
enum GitHubActions {
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

/// Reads `.gitlab-ci.yml` and included files.
enum GitLabCI {
    static let reserved: Set<String> = ["stages", "variables", "include", "default", "workflow", "image", "services",
                                        "before_script", "after_script", "cache", "pages:deploy"]

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .gitlab, path: path)
        guard case .map(let pairs, _) = document else { return pipeline }
        for (name, job) in pairs where !reserved.contains(name) {
            guard case .map = job else { continue }
            for key in ["before_script", "script", "after_script", "trigger", "image"] {
                pipeline.addSteps(from: job[key], job: name)
            }
        }
        for scalar in document.scalars {
            let text = scalar.text
            if text == "schedules" || (text.contains("CI_PIPELINE_SOURCE") && text.contains("\"schedule\"")) {
                pipeline.scheduleLine = pipeline.scheduleLine ?? scalar.line
            }
            if text == "merge_requests" || text.contains("merge_request_event") {
                pipeline.pullRequestLine = pipeline.pullRequestLine ?? scalar.line
            }
        }
        return pipeline
    }
}

/// Reads Azure Pipelines YAML (`azure-pipelines.yml`, `.pipelines/`, `.azure-pipelines/`).
enum AzurePipelines {
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

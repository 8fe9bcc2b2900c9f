/// Reads `.gitlab-ci.yml` and included files.
enum GitLabCI: PipelineReader {
    static let system = CISystem.gitlab
    static let locations: GlobSet? = globs(["/.gitlab-ci.yml", "*.gitlab-ci.yml", "/.gitlab/ci/**/*.yml"])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

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

extension CISystem {
    static let gitlab = CISystem(rawValue: "gitlab")
}

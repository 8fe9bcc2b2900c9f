/// Reads `.gitlab-ci.yml` and included files: jobs' scripts (with `extends` and `default:` merged in), hidden
/// template jobs (`.name`) as run only through `extends`, and jobs whose rules say `when: never` as disabled.
enum GitLabCI: PipelineReader {
    static let system = CISystem.gitlab
    static let locations: GlobSet? = globs(["/.gitlab-ci.yml", "*.gitlab-ci.yml", "/.gitlab/ci/**/*.yml"])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

    static let reserved: Set<String> = ["stages", "variables", "include", "default", "workflow", "image", "services",
                                        "before_script", "after_script", "cache", "pages:deploy"]
    static let scriptKeys = ["before_script", "script", "after_script"]

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .gitlab, path: path)
        guard case .map(let pairs, _) = document else { return pipeline }
        let jobs = Dictionary(pairs.filter { !reserved.contains($0.key) }, uniquingKeysWith: { first, _ in first })
        let defaults = document["default"] ?? document
        for (name, job) in pairs where !reserved.contains(name) && !name.hasPrefix(".") {
            guard case .map = job else { continue }
            let disabled = isNever(job, jobs: jobs)
            let start = pipeline.steps.count
            // `when: on_failure`: the job runs only when a job of an earlier stage failed.
            defer { if lookup("when", in: job, jobs: jobs)?.string == "on_failure" { pipeline.markOnFailure(from: start) } }
            for key in scriptKeys {
                let node = lookup(key, in: job, jobs: jobs) ?? (key == "script" ? nil : defaults[key])
                pipeline.addSteps(from: node, job: name, disabled: disabled)
            }
            pipeline.addSteps(from: lookup("image", in: job, jobs: jobs) ?? defaults["image"], job: name, kind: .image, disabled: disabled)
            // A child pipeline's file (`trigger: {include: x.yml}`), or the project a string `trigger:` names.
            let trigger = job["trigger"]
            pipeline.addSteps(from: trigger?["include"] ?? (trigger?.string != nil ? trigger : nil), job: name, kind: .action, disabled: disabled)
        }
        for include in includes(document["include"]) {
            pipeline.steps.append(CIStep(job: nil, text: include.text, line: include.line, kind: .action))
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

    /// The local files `include:` names: `include: ci/a.yml`, `- local: ci/b.yml`, `- ci/c.yml`. Remote,
    /// project and template includes are used by identity elsewhere, not read.
    static func includes(_ node: DataNode?) -> [(text: String, line: Int?)] {
        guard let node else { return [] }
        let entries = node.elements.isEmpty ? [node] : node.elements
        return entries.compactMap { entry in
            let local = entry.string ?? entry["local"]?.string
            guard let local, !local.contains("://") else { return nil }
            return (local, entry.line ?? entry["local"]?.line)
        }
    }

    /// `key` of the job, or of the jobs it extends: with several (`extends: [.a, .b]`) the last that has it wins,
    /// as GitLab merges them; at most 11 levels deep, as GitLab allows.
    private static func lookup(_ key: String, in job: DataNode, jobs: [String: DataNode], depth: Int = 0) -> DataNode? {
        if let value = job[key] { return value }
        guard depth < 11 else { return nil }
        let parents = job["extends"].map { $0.scalars.map(\.text) } ?? []
        for parent in parents.reversed() {
            if let next = jobs[parent], let value = lookup(key, in: next, jobs: jobs, depth: depth + 1) { return value }
        }
        return nil
    }

    /// `when: never`, or rules that all end in `when: never`, its own or inherited through `extends`.
    private static func isNever(_ job: DataNode, jobs: [String: DataNode]) -> Bool {
        if lookup("when", in: job, jobs: jobs)?.string == "never" { return true }
        let rules = lookup("rules", in: job, jobs: jobs)?.elements ?? []
        return !rules.isEmpty && rules.allSatisfy { $0["when"]?.string == "never" }
    }
}

extension CISystem {
    static let gitlab = CISystem(rawValue: "gitlab")
}

/// Reads `.github/workflows/*.yml`, and composite actions (`action.yml`) that local steps use.
enum GitHubActions: PipelineReader {
    static let system = CISystem.githubActions
    static let locations: GlobSet? = globs(["/.github/workflows/*.yml", "/.github/workflows/*.yaml"])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

    static let pullRequestEvents: Set<String> = ["pull_request", "pull_request_target", "merge_group"]

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .githubActions, path: path)
        pipeline.name = document["name"]?.string
        if let trigger = document["on"] ?? document["true"] {
            for (event, line) in events(trigger) {
                if event == "schedule" { pipeline.scheduleLine = pipeline.scheduleLine ?? line }
                if pullRequestEvents.contains(event) { pipeline.pullRequestLine = pipeline.pullRequestLine ?? line }
                if event == "workflow_run" {
                    let workflows = trigger["workflow_run"]?["workflows"]
                    pipeline.triggeredBy += workflows?.scalars.map(\.text) ?? []
                    pipeline.triggeredByLine = pipeline.triggeredByLine ?? line
                }
            }
        }
        let workflowDirectory = document["defaults"]?["run"]?["working-directory"]?.string.map(workspaceRelative)
        guard case .map(let jobs, _)? = document["jobs"] else { return pipeline }
        let off = disabledJobs(jobs)
        for (name, job) in jobs {
            let disabled = off.contains(name)
            let start = pipeline.steps.count
            // A job that calls a reusable workflow (`uses: ./.github/workflows/x.yml` or `owner/repo/…@ref`).
            pipeline.addSteps(from: job["uses"], job: name, kind: .action, disabled: disabled)
            addSteps(job["steps"], job: name, disabled: disabled,
                     directory: job["defaults"]?["run"]?["working-directory"]?.string.map(workspaceRelative) ?? workflowDirectory, into: &pipeline)
            if StaticCondition.isOnFailure(job["if"]) { pipeline.markOnFailure(from: start) }
        }
        return pipeline
    }

    /// Jobs that never run: those whose `if:` is false as written, and those that need one of them, unless their own
    /// `if:` runs them whatever the jobs they need did (`always()`, `failure()`, `!cancelled()`).
    static func disabledJobs(_ jobs: [(key: String, value: DataNode)]) -> Set<String> {
        var off = Set(jobs.filter { StaticCondition.isFalse($0.value["if"]) }.map(\.key))
        // Each round adds a job or stops, so at most one round per job.
        for _ in jobs.indices {
            let more = jobs.filter { job in
                guard !off.contains(job.key) else { return false }
                let condition = job.value["if"]?.string ?? ""
                if ["always()", "failure()", "cancelled()"].contains(where: condition.contains) { return false }
                return job.value["needs"]?.scalars.contains { off.contains($0.text) } ?? false
            }
            guard !more.isEmpty else { break }
            off.formUnion(more.map(\.key))
        }
        return off
    }

    /// A composite action's steps (`runs: {using: composite, steps: […]}`), as a pipeline of its own.
    static func parseAction(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .githubActions, path: path)
        addSteps(document["runs"]?["steps"], job: document["name"]?.string, disabled: false, directory: nil, into: &pipeline)
        return pipeline
    }

    private static func addSteps(_ steps: DataNode?, job: String?, disabled: Bool, directory: String?, into pipeline: inout CIPipeline) {
        for step in steps?.elements ?? [] {
            let off = disabled || StaticCondition.isFalse(step["if"])
            let start = pipeline.steps.count
            pipeline.addSteps(from: step["name"], job: job, kind: .label, disabled: off)
            pipeline.addSteps(from: step["uses"], job: job, kind: .action, disabled: off)
            pipeline.addSteps(from: step["run"], job: job, disabled: off,
                              directory: (step["working-directory"]?.string).map(workspaceRelative) ?? directory)
            if StaticCondition.isOnFailure(step["if"]) { pipeline.markOnFailure(from: start) }
        }
    }

    /// A working directory as a path from the checkout: `${{ github.workspace }}/ml` is `ml`.
    static func workspaceRelative(_ directory: String) -> String {
        for root in ["${{ github.workspace }}", "${{github.workspace}}", "$GITHUB_WORKSPACE", "${GITHUB_WORKSPACE}"] where directory.hasPrefix(root) {
            return "." + directory.dropFirst(root.count)
        }
        return directory
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

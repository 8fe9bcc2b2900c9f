/// A Databricks asset bundle (databricks.yml), or the body of `databricks jobs submit --json @file.json`, as the
/// jobs it declares and what their tasks run: `spark_python_task.python_file`, `notebook_task.notebook_path`,
/// `sql_task.file.path` (files, relative to the file that declares them, or to the repository root for a job with
/// `git_source`), `python_wheel_task` (its entry point and parameters), `dbt_task.commands`, `for_each_task`'s
/// task, and `run_job_task` into another job of the bundle. `include`d files and `targets` overrides are not read.
struct DatabricksBundle {
    struct Job: Sendable, Hashable {
        var key: String
        var line: Int
        /// `schedule.quartz_cron_expression` (`0 0 3 * * ?`), nil when unscheduled.
        var schedule: String?
        /// What `trigger` starts it on (`periodic`, `file_arrival`, `table_update`), or `continuous`; nil when none.
        var trigger: String?
    }

    private(set) var jobs: [Job] = []
    private(set) var problems: [CommandProblem] = []
    private var nodes: [String: DataNode] = [:]
    private var directory = ""
    /// Depth of `run_job_task` and `for_each_task` followed at most.
    static let maxDepth = 16
    /// Steps given at most: jobs that run other jobs several times over multiply.
    static let maxSteps = 10_000

    init(_ text: String, path: String) {
        let (documents, problems) = SpecFile.documents(text, path: path)
        self.init(documents: documents, path: path, problems: problems)
    }

    init(documents: [DataNode], path: String, problems: [CommandProblem] = []) {
        self.problems = problems
        directory = SpecFile.directory(of: path)
        guard let root = documents.first else { return }
        if let include = root["include"] {
            self.problems.append(CommandProblem(line: SpecFile.line(include, or: 1), message: "include: the included files are not read"))
        }
        if root["tasks"] != nil, root["resources"] == nil {
            add(key: root["run_name"]?.string ?? "", root)
            return
        }
        guard case .map(let pairs, _)? = root["resources"]?["jobs"] else { return }
        for (key, job) in pairs { add(key: key, job) }
    }

    /// Whether the file declares any job.
    var isBundle: Bool { !jobs.isEmpty }

    private mutating func add(key: String, _ job: DataNode) {
        guard nodes[key] == nil else { return }
        nodes[key] = job
        let trigger = job["trigger"]?.keys.first { $0 != "pause_status" } ?? (job["continuous"] != nil ? "continuous" : nil)
        jobs.append(Job(key: key, line: SpecFile.line(job, or: 1), schedule: job["schedule"]?["quartz_cron_expression"]?.string, trigger: trigger))
    }

    /// What the jobs `keys` (every job when empty) run, their tasks in the order written.
    func steps(_ keys: [String]) -> FollowResult {
        var result = FollowResult(problems: problems)
        for key in keys.isEmpty ? jobs.map(\.key) : keys {
            guard nodes[key] != nil else {
                result.problems.append(CommandProblem(line: 1, message: "no job \(key)"))
                continue
            }
            var active: Set<String> = []
            follow(key, via: [], active: &active, into: &result)
        }
        return result
    }

    private func follow(_ key: String, via: [String], active: inout Set<String>, into result: inout FollowResult) {
        guard let job = nodes[key] else { return }
        guard active.insert(key).inserted, via.count < Self.maxDepth * 2 else {
            result.problems.append(CommandProblem(line: SpecFile.line(job, or: 1), message: "job \(key) runs itself"))
            return
        }
        defer { active.remove(key) }
        guard result.steps.count < Self.maxSteps else {
            if !result.problems.contains(where: { $0.message.hasPrefix("more than") }) {
                result.problems.append(CommandProblem(line: SpecFile.line(job, or: 1), message: "more than \(Self.maxSteps) steps; the rest is not read"))
            }
            return
        }
        let fromGit = job["git_source"] != nil
        for task in job["tasks"]?.elements ?? [] {
            self.task(task, job: key, fromGit: fromGit, via: via + [key], depth: 0, active: &active, into: &result)
        }
    }

    private func task(_ task: DataNode, job: String, fromGit: Bool, via: [String], depth: Int,
                      active: inout Set<String>, into result: inout FollowResult) {
        guard case .map = task else { return }
        let via = via + [task["task_key"]?.string ?? ""]
        let line = SpecFile.line(task, or: 1)
        func file(_ node: DataNode?, _ what: String, source: DataNode?) {
            guard let node else { return }
            let line = SpecFile.line(node, or: line)
            guard let written = node.string else {
                result.problems.append(CommandProblem(line: line, message: "task \(via.last ?? ""): \(what) is not a string"))
                return
            }
            let base = fromGit && source?.string != "WORKSPACE" || source?.string == "GIT" ? "" : directory
            guard let path = SpecFile.join(base, written) else {
                result.problems.append(CommandProblem(line: line, message: "task \(via.last ?? ""): \(written) is not a path in the repository"))
                return
            }
            result.steps.append(FollowedStep(.file(path), line: line, via: via))
            if what == "notebook_path", !(path.split(separator: "/").last ?? "").contains(".") {
                result.problems.append(CommandProblem(line: line, message: "task \(via.last ?? ""): notebook \(written) has no extension; the file is \(path).py or \(path).ipynb"))
            }
        }
        if let python = task["spark_python_task"] { file(python["python_file"], "python_file", source: python["source"]) }
        if let notebook = task["notebook_task"] { file(notebook["notebook_path"], "notebook_path", source: notebook["source"]) }
        if let sql = task["sql_task"]?["file"] { file(sql["path"], "sql file", source: sql["source"]) }
        if let wheel = task["python_wheel_task"] {
            let entry = wheel["entry_point"]?.string ?? wheel["package_name"]?.string
            if let entry {
                var words = [entry] + (wheel["parameters"].flatMap(SpecFile.words) ?? [])
                if case .map(let pairs, _)? = wheel["named_parameters"] {
                    words += pairs.compactMap { pair in pair.value.string.map { "--\(pair.key)=\($0)" } }
                }
                result.steps.append(FollowedStep(.words(words), line: SpecFile.line(wheel, or: line), via: via))
            }
        }
        if let dbt = task["dbt_task"]?["commands"] {
            for command in dbt.elements {
                if let text = command.string { result.steps.append(FollowedStep(.shell(text), line: SpecFile.line(command, or: line), via: via)) }
            }
        }
        if let nested = task["for_each_task"]?["task"] {
            guard depth < Self.maxDepth else {
                result.problems.append(CommandProblem(line: line, message: "task \(via.last ?? ""): for_each_task nests too deep"))
                return
            }
            self.task(nested, job: job, fromGit: fromGit, via: via, depth: depth + 1, active: &active, into: &result)
        }
        if let run = task["run_job_task"] {
            let id = run["job_id"]?.string ?? ""
            if let other = Self.referencedJob(id), nodes[other] != nil {
                follow(other, via: via, active: &active, into: &result)
            } else {
                result.problems.append(CommandProblem(line: SpecFile.line(run, or: line), message: "task \(via.last ?? ""): job \(id) is not in the bundle"))
            }
        }
    }

    /// The key of `${resources.jobs.KEY.id}`.
    private static func referencedJob(_ id: String) -> String? {
        let prefix = "${resources.jobs.", suffix = ".id}"
        guard id.hasPrefix(prefix), id.hasSuffix(suffix), id.count > prefix.count + suffix.count else { return nil }
        return String(id.dropFirst(prefix.count).dropLast(suffix.count))
    }
}

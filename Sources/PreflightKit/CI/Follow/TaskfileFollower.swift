/// `task test`, `task` (the `default` task), `task -d sub -t ci.yml lint`: go-task's Taskfile.yml `tasks`: `cmds`
/// (strings, `cmd:`, `task:` calls, `defer:`), `deps` first, `dir` as the directory; included Taskfiles are
/// recorded as problems, not followed.
enum TaskfileFollower: CommandFollower {
    static let name = "task"

    static let files = ["Taskfile.yml", "taskfile.yml", "Taskfile.yaml", "taskfile.yaml",
                        "Taskfile.dist.yml", "taskfile.dist.yml", "Taskfile.dist.yaml", "taskfile.dist.yaml"]

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "task" else { return nil }
        let arguments = CommandArguments(command.arguments, valued: ["-d", "--dir", "-t", "--taskfile", "-o", "--output", "-C", "--concurrency",
                                                                     "--interval", "--sort", "--output-group-begin", "--output-group-end"])
        let informational: Set<String> = ["-l", "--list", "-a", "--list-all", "--init", "-i", "--version", "--summary", "-h", "--help",
                                          "--completion", "--json", "--status"]
        guard !arguments.options.contains(where: { informational.contains($0.name) }) else { return nil }
        let directory = arguments.values(["-d", "--dir"]).last.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        // `task test VAR=value`: assignments are variables, not tasks.
        let names = arguments.positionals.filter { !$0.contains("=") }
        if let file = arguments.values(["-t", "--taskfile"]).last {
            return FollowRequest(candidates: [directory + file], names: names)
        }
        return FollowRequest(candidates: files.map { directory + $0 }, names: names)
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let (document, problems) = TaskFiles.document(text, path: path.hasSuffix(".yml") || path.hasSuffix(".yaml") ? path : path + ".yml")
        var result = FollowResult(problems: problems)
        guard let document else { return result }
        let root = TaskFiles.directory(of: path)
        var namespaces: Set<String> = []
        if case .map(let includes, _)? = document["includes"] {
            for (namespace, include) in includes {
                namespaces.insert(namespace)
                let file = include.string ?? include["taskfile"]?.string ?? "?"
                result.problems.append(CommandProblem(line: include.line ?? 1, message: "Taskfile '\(file)' included as '\(namespace)': not followed"))
            }
        }
        var aliases: [String: String] = [:]
        guard case .map(let tasks, _)? = document["tasks"] else {
            result.problems += (names.isEmpty ? ["default"] : names).map { CommandProblem(line: 1, message: "no task '\($0)'") }
            return result
        }
        let declared = Set(tasks.map(\.key))
        for (name, node) in tasks {
            for alias in node["aliases"]?.strings ?? [] where aliases[alias] == nil { aliases[alias] = name }
        }
        var graph = TaskGraph(noun: "task")
        func reference(_ name: String, line: Int) -> TaskGraph.Item {
            let target = declared.contains(name) ? name : aliases[name] ?? name
            if !declared.contains(target),
               let colon = target.firstIndex(of: ":"), namespaces.contains(String(target[..<colon])) {
                return .problem(CommandProblem(line: line, message: "task '\(target)' is in an included Taskfile: not followed"))
            }
            return .task(target, line: line)
        }
        for (name, node) in tasks {
            let line = node.line ?? 1
            var task = TaskGraph.Task(line: line)
            let directory = node["dir"]?.string.flatMap { TaskFiles.join(root, $0) }
            for dependency in node["deps"]?.elements ?? [] {
                if let target = dependency.string ?? dependency["task"]?.string { task.items.append(reference(target, line: dependency.line ?? line)) }
            }
            let commands: [DataNode]
            switch node {
            case .scalar, .list: commands = node.elements
            case .map: commands = node["cmds"]?.elements ?? node["cmd"].map { [$0] } ?? []
            }
            for command in commands {
                let commandLine = command.line ?? line
                let form = command["defer"] ?? command
                if let target = form["task"]?.string {
                    task.items.append(reference(target, line: commandLine))
                } else if let text = form.string ?? form["cmd"]?.string {
                    let shell = text.contains("{{.CLI_ARGS}}")
                        ? TaskFiles.collapsingSpaces(text.replacingOccurrences(of: "{{.CLI_ARGS}}", with: "")).trimmingCharacters(in: .whitespacesAndNewlines)
                        : text.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !shell.isEmpty { task.items.append(.step(.shell(shell), line: form["cmd"]?.line ?? commandLine, directory: directory)) }
                }
            }
            graph.tasks[name] = task
        }
        let asked = (names.isEmpty ? ["default"] : names).map { declared.contains($0) ? $0 : aliases[$0] ?? $0 }
        let resolved = graph.resolve(asked)
        result.steps = resolved.steps
        result.problems += resolved.problems
        return result
    }
}

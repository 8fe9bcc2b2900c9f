/// `poe test`, `uv run poe test`, `poetry run poe test`, `poetry poe test`: the tasks of Poe the Poet in
/// pyproject.toml `[tool.poe.tasks]` (or poe_tasks.toml/.yaml/.json): a command, a shell script, a Python
/// function's module as a file, sequences and references of other tasks, `deps` first.
enum PoeFollower: CommandFollower {
    static let name = "poe"

    static let files = ["pyproject.toml", "poe_tasks.toml", "poe_tasks.yaml", "poe_tasks.json"]

    static func request(for command: ShellCommand) -> FollowRequest? {
        var arguments = command.arguments
        if command.program == "poetry", arguments.first == "poe" {
            arguments = arguments.dropFirst()
        } else if command.program != "poe" && command.program != "poethepoet" {
            return nil
        }
        let parsed = CommandArguments(arguments, valued: ["-C", "--directory", "--root", "-e", "--executor", "--executor-opt"], stopAtPositional: true)
        guard let task = parsed.positionals.first, !task.hasPrefix("_") else { return nil }
        let directory = parsed.values(["-C", "--directory", "--root"]).last.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        return FollowRequest(candidates: files.map { directory + $0 }, names: [task])
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let (document, problems) = TaskFiles.document(text, path: path)
        guard let document else { return path.hasSuffix("pyproject.toml") ? nil : FollowResult(problems: problems) }
        guard let poe = document["tool"]?["poe"] ?? (path.hasSuffix("pyproject.toml") ? nil : document) else { return nil }
        var reader = Reader(root: TaskFiles.directory(of: path))
        reader.problems = problems
        for include in poe["include"]?.elements ?? [] {
            let file = include.string ?? include["path"]?.string ?? "?"
            reader.problems.append(CommandProblem(line: include.line ?? 1, message: "tasks included from '\(file)': not followed"))
        }
        if case .map(let pairs, _) = poe["tasks"] {
            for (name, node) in pairs {
                reader.graph.tasks[name] = TaskGraph.Task(items: reader.items(name, node, depth: 0), line: node.line ?? 1)
            }
        }
        var result = reader.graph.resolve(names)
        result.problems = reader.problems + result.problems
        return result
    }

    private struct Reader {
        let root: String
        var graph = TaskGraph(noun: "poe task")
        var problems: [CommandProblem] = []


        init(root: String) { self.root = root }

        /// What a task's definition runs, its `deps` first; `name` is the task's name for problems. A string is a
        /// task of `scalarType` (a `cmd` at the top, a task's name in a sequence unless `default_item_type` says).
        func items(_ name: String, _ node: DataNode, depth: Int, scalarType: String = "cmd", listItemType: String = "ref") -> [TaskGraph.Item] {
            let line = node.line ?? 1
            guard depth < 16 else {
                return [.problem(CommandProblem(line: line, message: "poe task '\(name)' nested too deep: not followed"))]
            }
            switch node {
            case .scalar(let text, _):
                return scalarType == "ref" ? reference(text, line: line) : items(name, .map([(scalarType, node)], line: line), depth: depth + 1)
            case .list(let elements, _):
                return elements.flatMap { items(name, $0, depth: depth + 1, scalarType: listItemType, listItemType: listItemType) }
            case .map:
                break
            }
            var result: [TaskGraph.Item] = []
            for dependency in node["deps"]?.elements ?? [] { result += dependency.string.map { reference($0, line: dependency.line ?? line) } ?? [] }
            for used in node["uses"]?.children ?? [] { result += used.string.map { reference($0, line: used.line ?? line) } ?? [] }
            let directory = node["cwd"]?.string.flatMap { TaskFiles.join(root, $0) }
            if let command = node["cmd"] {
                let text = command.string ?? ShellQuoting.line(command.strings)
                result.append(.step(.shell(text), line: command.line ?? line, directory: directory))
            } else if let shell = node["shell"]?.string {
                result.append(.step(.shell(shell), line: node["shell"]?.line ?? line, directory: directory))
            } else if let script = node["script"]?.string {
                let scriptLine = node["script"]?.line ?? line
                if let module = TaskFiles.modulePath(script), let file = TaskFiles.join(root, module) {
                    result.append(.step(.file(file), line: scriptLine, directory: directory))
                } else {
                    result.append(.problem(CommandProblem(line: scriptLine, message: "poe task '\(name)' calls '\(script)', not a module by dotted name: not followed")))
                }
            } else if let sequence = node["sequence"] ?? node["parallel"] {
                let type = node["default_item_type"]?.string ?? "ref"
                result += items(name, sequence, depth: depth + 1, scalarType: type, listItemType: type)
            } else if let reference = node["ref"]?.string {
                result += self.reference(reference, line: node["ref"]?.line ?? line)
            } else if node["expr"] != nil || node["switch"] != nil {
                result.append(.problem(CommandProblem(line: line, message: "poe task '\(name)' is an \(node["expr"] != nil ? "expr" : "switch") task: not followed")))
            }
            return result
        }

        /// `other --flag`: the task named by the first word.
        private func reference(_ text: String, line: Int) -> [TaskGraph.Item] {
            TaskFiles.words(text).first.map { [.task($0, line: line)] } ?? []
        }
    }
}

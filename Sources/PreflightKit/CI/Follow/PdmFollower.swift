/// `pdm run test`, `pdm test`: the scripts of pyproject.toml `[tool.pdm.scripts]`: a command (string or
/// `cmd`), a `shell` script, a `composite` of other scripts, a `call` of a Python function (its module as a file),
/// with `pre_NAME` and `post_NAME` hooks around each.
enum PdmFollower: CommandFollower {
    static let name = "pdm"

    /// pdm's own commands; any other first word names a script.
    private static let builtins: Set<String> = ["add", "build", "cache", "completion", "config", "export", "fix", "import", "info",
                                                "init", "install", "list", "lock", "new", "outdated", "plugin", "publish", "python",
                                                "py", "remove", "run", "search", "self", "show", "sync", "update", "use", "venv"]

    static func request(for command: ShellCommand) -> FollowRequest? {
        var directory = ""
        let script: String?
        if let prefix = command.prefixes.last(where: { $0.hasPrefix("pdm ") && $0.split(separator: " ").contains("run") }) {
            let words = prefix.split(separator: " ").map(String.init)
            if let option = words.firstIndex(where: { $0 == "-p" || $0 == "--project" }), option + 1 < words.count {
                directory = words[option + 1] + "/"
            }
            script = command.words.first
        } else if command.program == "pdm", let first = command.arguments.first, !first.hasPrefix("-"), !builtins.contains(first) {
            script = first
        } else {
            return nil
        }
        guard let script else { return nil }
        // `pdm run pytest` without a pyproject.toml runs pytest itself: nothing to say.
        return FollowRequest(candidates: [directory + "pyproject.toml"], names: [script], optional: true)
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let (document, problems) = TaskFiles.document(text, path: path)
        guard case .map(let pairs, _)? = document?["tool"]?["pdm"]?["scripts"] else { return nil }
        // A word that is no script is a command pdm runs as it is, which the caller reads: nothing more to follow.
        let declared = Set(pairs.map(\.key))
        let names = names.filter(declared.contains)
        let root = TaskFiles.directory(of: path)
        var graph = TaskGraph(noun: "pdm script")
        let scripts = declared
        for (name, node) in pairs where name != "_" {
            let line = node.line ?? 1
            var task = TaskGraph.Task(items: [.task("pre_" + name, line: line, optional: true)], line: line)
            let directory = node["working_dir"]?.string.flatMap { TaskFiles.join(root, $0) }
            if let text = node.string ?? node["cmd"]?.string {
                task.items.append(.step(.shell(TaskFiles.argumentPlaceholders(text)), line: node["cmd"]?.line ?? line, directory: directory))
            } else if case .list(let words, let wordsLine)? = node["cmd"] {
                task.items.append(.step(.words(words.compactMap(\.string).map(TaskFiles.argumentPlaceholders).filter { !$0.isEmpty }),
                                        line: wordsLine ?? line, directory: directory))
            } else if let shell = node["shell"]?.string {
                task.items.append(.step(.shell(TaskFiles.argumentPlaceholders(shell)), line: node["shell"]?.line ?? line, directory: directory))
            } else if let call = node["call"]?.string {
                if let module = TaskFiles.modulePath(call), let file = TaskFiles.join(root, module) {
                    task.items.append(.step(.file(file), line: node["call"]?.line ?? line, directory: directory))
                } else {
                    task.items.append(.problem(CommandProblem(line: line, message: "pdm script '\(name)' calls '\(call)', not a module by dotted name: not followed")))
                }
            } else if let composite = node["composite"] {
                for item in composite.elements {
                    guard let text = item.string else { continue }
                    let command = TaskFiles.collapsingSpaces(TaskFiles.argumentPlaceholders(text)).trimmingCharacters(in: .whitespaces)
                    if let first = TaskFiles.words(command).first, scripts.contains(first) {
                        task.items.append(.task(first, line: item.line ?? line))
                    } else if !command.isEmpty {
                        task.items.append(.step(.shell(command), line: item.line ?? line, directory: directory))
                    }
                }
            }
            task.items.append(.task("post_" + name, line: line, optional: true))
            graph.tasks[name] = task
        }
        var result = graph.resolve(names)
        result.problems = problems + result.problems
        return result
    }
}

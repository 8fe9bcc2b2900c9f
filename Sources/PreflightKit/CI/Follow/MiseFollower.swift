/// `mise run test`, `mise r lint ::: test`, `mise tasks run test`: mise's tasks, from the `[tasks]` of mise.toml
/// (or .mise.toml, mise/config.toml, .mise/config.toml, .config/mise.toml, .config/mise/config.toml): `run` (one
/// command or several, `{ task = … }` calls), `depends` first and `depends_post` after, `dir`, `file`; else a file
/// task (`mise-tasks/NAME`, `.mise/tasks/NAME`, …), read like a shell script.
enum MiseFollower: CommandFollower {
    static let name = "mise"

    static let configs = ["mise.toml", ".mise.toml", "mise/config.toml", ".mise/config.toml", ".config/mise.toml", ".config/mise/config.toml"]
    static let taskDirectories = ["mise-tasks", ".mise-tasks", "mise/tasks", ".mise/tasks", ".config/mise/tasks"]

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "mise" else { return nil }
        var words = command.arguments[...]
        var directory = ""
        while let word = words.first, word.hasPrefix("-") {
            words = words.dropFirst()
            if word == "-C" || word == "--cd", let value = words.popFirst() { directory = value.hasSuffix("/") ? value : value + "/" }
        }
        if words.first == "tasks" || words.first == "task" || words.first == "t" { words = words.dropFirst() }
        guard let subcommand = words.popFirst(), subcommand == "run" || subcommand == "r" else { return nil }
        // `mise run lint --fix ::: test`: each task is the first word after `:::`.
        var names: [String] = []
        var expectingTask = true
        while let word = words.popFirst() {
            if word == "--" { expectingTask = false; continue }
            if word == ":::" { expectingTask = true; continue }
            if expectingTask, word.hasPrefix("-") {
                if ["-j", "--jobs", "-o", "--output", "-t", "--tool", "-C", "--cd", "-E", "--env", "--timeout"].contains(word) { _ = words.popFirst() }
                continue
            }
            if expectingTask { names.append(word); expectingTask = false }
        }
        if names.isEmpty { names = ["default"] }
        var candidates = configs.map { directory + $0 }
        if names.count == 1, !names[0].contains("*") {
            let file = names[0].replacingOccurrences(of: ":", with: "/")
            candidates += taskDirectories.map { directory + $0 + "/" + file }
        }
        return FollowRequest(candidates: candidates, names: names)
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        guard path.hasSuffix(".toml") else { return followFileTask(names, path: path, text: text) }
        let (document, problems) = TaskFiles.document(text, path: path)
        guard case .map(let tasks, _)? = document?["tasks"] else { return nil }
        let declared = Set(tasks.map(\.key))
        var aliases: [String: String] = [:]
        for (name, node) in tasks {
            for alias in node["alias"]?.strings ?? node["aliases"]?.strings ?? [] where aliases[alias] == nil { aliases[alias] = name }
        }
        let asked = names.map { declared.contains($0) ? $0 : aliases[$0] ?? $0 }
        // Tasks this file does not declare may be file tasks: the next candidate is tried.
        guard asked.contains(where: declared.contains) else { return nil }
        let root = projectRoot(of: path)
        var graph = TaskGraph(noun: "mise task")
        func reference(_ text: String, line: Int) -> TaskGraph.Item? {
            TaskFiles.words(text).first.map { .task(declared.contains($0) ? $0 : aliases[$0] ?? $0, line: line) }
        }
        for (name, node) in tasks {
            let line = node.line ?? 1
            var task = TaskGraph.Task(line: line)
            for dependency in node["depends"]?.elements ?? [] {
                if let text = dependency.string, let item = reference(text, line: dependency.line ?? line) { task.items.append(item) }
            }
            let directory = node["dir"]?.string.flatMap { value in
                TaskFiles.join(root, value.hasPrefix("{{config_root}}") ? String(value.dropFirst(15).drop { $0 == "/" }) : value)
            }
            let run = node.string != nil || node.keys.isEmpty ? node : node["run"] ?? node["script"]
            for command in run?.elements ?? [] {
                let commandLine = command.line ?? line
                if let text = command.string {
                    task.items.append(.step(.shell(text), line: commandLine, directory: directory))
                } else {
                    for target in (command["task"]?.strings ?? []) + (command["tasks"]?.strings ?? []) {
                        if let item = reference(target, line: commandLine) { task.items.append(item) }
                    }
                }
            }
            if let file = node["file"]?.string, let resolved = TaskFiles.join(root, file) {
                task.items.append(.step(.file(resolved), line: node["file"]?.line ?? line, directory: directory))
            }
            for dependency in node["depends_post"]?.elements ?? [] {
                if let text = dependency.string, let item = reference(text, line: dependency.line ?? line) { task.items.append(item) }
            }
            graph.tasks[name] = task
        }
        var result = graph.resolve(asked)
        result.problems = problems + result.problems
        return result
    }

    /// A file task: its text is a script like any other, run as the task asked.
    private static func followFileTask(_ names: [String], path: String, text: String) -> FollowResult? {
        guard var result = ShellScriptFollower.follow(names, path: path, text: text) else { return nil }
        for index in result.steps.indices { result.steps[index].via = Array(names.prefix(1)) }
        return result
    }

    /// The directory a config belongs to: `.config/mise.toml` and `mise/config.toml` configure the project above.
    private static func projectRoot(of path: String) -> String {
        var directory = TaskFiles.directory(of: path)
        for suffix in ["/.config/mise", "/.config", "/.mise", "/mise"] where ("/" + directory).hasSuffix(suffix) {
            directory = String(("/" + directory).dropLast(suffix.count).dropFirst())
            break
        }
        return directory
    }
}

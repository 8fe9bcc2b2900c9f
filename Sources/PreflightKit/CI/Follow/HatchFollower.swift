/// `hatch run test`, `hatch run lint:all`, `hatch run +py=3.11 test:cov`, `hatch -e docs run build`: the scripts of
/// hatch.toml `[envs.NAME.scripts]` or pyproject.toml `[tool.hatch.envs.NAME.scripts]`, inherited through each
/// environment's `template` (the `default` environment unless set); a line naming another script of the
/// environment runs that script, as hatch does.
enum HatchFollower: CommandFollower {
    static let name = "hatch"

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard let prefix = command.prefixes.last(where: { $0.hasPrefix("hatch ") && $0.split(separator: " ").contains("run") }) else { return nil }
        let prefixWords = prefix.split(separator: " ").map(String.init)
        var environment = "default"
        if let option = prefixWords.firstIndex(where: { $0 == "-e" || $0 == "--env" }), option + 1 < prefixWords.count {
            environment = prefixWords[option + 1]
        }
        // `+py=3.11` and `-py=3.10` select matrix variables, not the script.
        guard let script = command.words.first(where: { !$0.hasPrefix("+") && !$0.hasPrefix("-") }) else { return nil }
        let name = script.contains(":") ? script : environment + ":" + script
        // `hatch run pytest` in a project without hatch scripts runs pytest itself: nothing to say when no file is there.
        return FollowRequest(candidates: ["hatch.toml", "pyproject.toml"], names: [name], optional: true)
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let (document, problems) = TaskFiles.document(text, path: path)
        guard let document else { return nil }
        guard case .map(let environments, _)? = path.hasSuffix("pyproject.toml") ? document["tool"]?["hatch"]?["envs"] : document["envs"] else {
            return nil
        }
        var asked: [String] = []
        for name in names {
            let (environment, script) = split(name)
            // A matrix environment (`test.py3.11`) has the scripts of the one it is generated from.
            let declared = environments.contains { $0.key == environment } ? environment : String(environment.prefix { $0 != "." })
            asked.append(key(declared, script))
        }
        let graph = Self.graph(environments, asked: asked)
        // A word that is no script of the environment is a command hatch runs as it is, which the caller reads:
        // nothing more to follow here.
        let known = asked.filter { graph.tasks[$0] != nil }
        var result = graph.resolve(known)
        result.problems = problems + result.problems
        return result
    }

    private static func split(_ name: String) -> (String, String) {
        guard let colon = name.firstIndex(of: ":") else { return ("default", name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    private static func key(_ environment: String, _ script: String) -> String {
        environment == "default" ? script : environment + ":" + script
    }

    /// The scripts of every environment the asked ones reach, each environment's own over its template's.
    private static func graph(_ environments: [(key: String, value: DataNode)], asked: [String]) -> TaskGraph {
        var graph = TaskGraph(noun: "hatch script")
        var pending = asked.map { split($0.contains(":") ? $0 : "default:" + $0).0 }
        var done: Set<String> = []
        while let environment = pending.popLast(), done.count < 256 {
            guard done.insert(environment).inserted else { continue }
            let scripts = Self.scripts(of: environment, in: environments)
            let names = Set(scripts.map(\.name))
            for (name, node) in scripts {
                var task = TaskGraph.Task(line: node.line ?? 1)
                for line in node.elements {
                    guard let text = line.string else { continue }
                    let command = TaskFiles.collapsingSpaces(TaskFiles.argumentPlaceholders(text)).trimmingCharacters(in: .whitespaces)
                    if let first = TaskFiles.words(command).first, names.contains(first) {
                        task.items.append(.task(key(environment, first), line: line.line ?? task.line))
                    } else if !command.isEmpty {
                        task.items.append(.step(.shell(command), line: line.line ?? task.line))
                    }
                }
                graph.tasks[key(environment, name)] = task
            }
        }
        return graph
    }

    /// An environment's scripts with those it inherits, in the order they are declared, its own winning.
    private static func scripts(of environment: String, in environments: [(key: String, value: DataNode)]) -> [(name: String, node: DataNode)] {
        var chain: [String] = []
        var current: String? = environment
        while let name = current, !chain.contains(name), chain.count < 16 {
            chain.append(name)
            let table = environments.first { $0.key == name }?.value
            let template = table?["template"]?.string ?? (name == "default" ? nil : "default")
            current = template == name ? nil : template
        }
        var scripts: [(name: String, node: DataNode)] = []
        var positions: [String: Int] = [:]
        for name in chain.reversed() {
            guard case .map(let pairs, _)? = environments.first(where: { $0.key == name })?.value["scripts"] else { continue }
            for (script, node) in pairs {
                if let index = positions[script] {
                    scripts[index].node = node
                } else {
                    positions[script] = scripts.count
                    scripts.append((script, node))
                }
            }
        }
        return scripts
    }
}

/// `dvc repro [TARGET…]` and `dvc exp run [TARGET…]`: the stages of a `dvc.yaml` (a target's upstream stages
/// first, found through its `deps` that other stages list as `outs`), each stage's `cmd` run in its `wdir`.
enum DVCFollower: CommandFollower {
    static let name = "dvc"
    static let isOnlyAName = false

    /// Options of `dvc repro` / `dvc exp run` that take a value.
    private static let valued: Set<String> = ["-n", "--name", "-S", "--set-param", "-m", "--message", "--run-cache", "-j", "--jobs", "--glob"]

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "dvc" else { return nil }
        var words = command.arguments[...]
        guard let sub = words.popFirst(), sub == "repro" || (sub == "exp" && words.popFirst() == "run") else { return nil }
        var targets: [String] = []
        var single = false
        while let word = words.popFirst() {
            if word.hasPrefix("-") {
                if word == "-s" || word == "--single-item" { single = true }
                if valued.contains(word) { words = words.dropFirst() }
            } else {
                targets.append(word)
            }
        }
        // `dvc repro sub/dvc.yaml:train`: the file is before the colon; a bare stage name is in ./dvc.yaml.
        var file = "dvc.yaml"
        var names: [String] = []
        for target in targets {
            let parts = target.split(separator: ":", maxSplits: 1).map(String.init)
            if parts[0].hasSuffix("dvc.yaml") {
                file = parts[0]
                if parts.count > 1 { names.append(parts[1]) }
            } else {
                names.append(target)
            }
        }
        return FollowRequest(candidates: [file], names: single ? names.map { "!" + $0 } : names)
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        guard let document = try? StructuredParser.parse(text, path: path).first, case .map(let stages, _)? = document["stages"] else {
            return FollowResult(problems: [CommandProblem(line: 1, message: "no stages in \(path)")])
        }
        var result = FollowResult()
        let producers = Dictionary(stages.flatMap { stage in outs(stage.value).map { ($0, stage.key) } }, uniquingKeysWith: { first, _ in first })
        let byName = Dictionary(stages, uniquingKeysWith: { first, _ in first })
        var order: [String] = []
        var visiting: Set<String> = []
        func visit(_ name: String, single: Bool, line: Int) {
            guard !order.contains(name) else { return }
            guard let stage = byName[name] else {
                result.problems.append(CommandProblem(line: line, message: "no stage '\(name)'"))
                return
            }
            guard visiting.insert(name).inserted else {
                result.problems.append(CommandProblem(line: stage.line ?? line, message: "stages depend on each other in a cycle at '\(name)'"))
                return
            }
            if !single {
                for dependency in deps(stage) { if let producer = producers[dependency], producer != name { visit(producer, single: false, line: stage.line ?? line) } }
            }
            order.append(name)
        }
        let asked = names.isEmpty ? stages.map(\.key) : names
        for name in asked { visit(name.hasPrefix("!") ? String(name.dropFirst()) : name, single: name.hasPrefix("!"), line: 1) }
        for name in order {
            guard let stage = byName[name] else { continue }
            let body = stage["do"] ?? stage   // a `foreach` stage runs its `do:` once per item
            let directory = body["wdir"]?.string.flatMap { RepositoryPath.join(RepositoryPath.directory(of: path), $0) }
            let commands = body["cmd"].map { $0.string != nil ? [$0] : $0.elements } ?? []
            for command in commands {
                guard let text = command.string else { continue }
                result.steps.append(FollowedStep(.shell(text), line: command.line ?? stage.line ?? 1, via: [name], directory: directory))
            }
        }
        return result
    }

    private static func paths(_ node: DataNode?) -> [String] {
        (node?.elements ?? []).compactMap { $0.string ?? $0.keys.first }.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 }
    }

    private static func deps(_ stage: DataNode) -> [String] { paths((stage["do"] ?? stage)["deps"]) }

    private static func outs(_ stage: DataNode) -> [String] {
        let body = stage["do"] ?? stage
        return paths(body["outs"]) + paths(body["metrics"]) + paths(body["plots"])
    }
}

/// `docker compose up [service…]`, `docker compose run [options] service [command…]`, `docker-compose …`, with
/// `-f` (the first file that is a compose file is read; later files, which Compose merges over it, are not) and
/// `--project-directory`: what each service started runs (`ComposeFile.step`), the services it depends on first.
/// `up` without services starts every service without `profiles` or with an active `--profile`.
///
/// The options that change what runs reach `follow` in the names, before the services: `--profile=NAME`,
/// `--entrypoint=TEXT`, `--no-deps`; a `run` command follows `--` (`["--no-deps", "train", "--", "pytest"]`).
/// A service that builds its image and sets no command gives its Dockerfile as a `.file` step, whose command
/// `DockerBuildFollower.containerCommand` reads.
enum ComposeFollower: CommandFollower {
    static let name = "docker compose"

    private static let global: Set<String> = [
        "-f", "--file", "-p", "--project-name", "--project-directory", "--profile", "--env-file", "--ansi",
        "--progress", "--parallel", "-H", "--host", "--context", "--config", "-l", "--log-level",
    ]
    private static let upValued: Set<String> = [
        "--scale", "-t", "--timeout", "--exit-code-from", "--attach", "--no-attach", "--pull", "--wait-timeout",
    ]
    private static let runValued: Set<String> = [
        "-e", "--env", "--env-from-file", "-l", "--label", "-p", "--publish", "-v", "--volume", "-w", "--workdir",
        "-u", "--user", "--name", "--entrypoint", "--pull", "--cap-add", "--cap-drop",
    ]
    static let files = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]
    /// Depth of `depends_on` followed at most.
    static let maxDependencyDepth = 32

    static func request(for command: ShellCommand) -> FollowRequest? {
        var words: ArraySlice<String>
        switch command.program {
        case "docker", "podman":
            let outer = CommandArguments(command.arguments, valued: global, stopAtPositional: true)
            guard outer.positionals.first == "compose" else { return nil }
            words = outer.positionals.dropFirst()
        case "docker-compose", "podman-compose":
            words = command.arguments
        default:
            return nil
        }
        let options = CommandArguments(words, valued: global, stopAtPositional: true)
        guard let subcommand = options.positionals.first else { return nil }
        var names = options.values(["--profile"]).map { "--profile=" + $0 }
        switch subcommand {
        case "up":
            names += CommandArguments(options.positionals.dropFirst(), valued: upValued).positionals
        case "run":
            let run = CommandArguments(options.positionals.dropFirst(), valued: runValued, stopAtPositional: true)
            guard let service = run.positionals.first else { return nil }
            names += run.values(["--entrypoint"]).map { "--entrypoint=" + $0 }
            if run.has(["--no-deps"]) { names.append("--no-deps") }
            names.append(service)
            let given = Array(run.positionals.dropFirst())
            if !given.isEmpty { names += ["--"] + given }
        default:
            return nil
        }
        let directory = options.values(["--project-directory"]).last.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        let given = options.values(["-f", "--file"]).filter { $0 != "-" }
        let candidates = given.isEmpty ? files.map { directory + $0 } : given
        return FollowRequest(candidates: candidates.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 }, names: names)
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let compose = ComposeFile(text, path: path)
        guard compose.isCompose else { return compose.problems.isEmpty ? nil : FollowResult(problems: compose.problems) }
        let split = names.firstIndex(of: "--")
        let options = names[..<(split ?? names.endIndex)]
        let commandOverride = split.map { Array(names[names.index(after: $0)...]) }
        let profiles = Set(options.compactMap { $0.hasPrefix("--profile=") ? String($0.dropFirst(10)) : nil })
        let entrypoint = options.last { $0.hasPrefix("--entrypoint=") }.map { String($0.dropFirst(13)) }
        let noDeps = options.contains("--no-deps")
        var asked = options.filter { !$0.hasPrefix("--") }
        if asked.isEmpty {
            asked = compose.services.filter { $0.profiles.isEmpty || !profiles.isDisjoint(with: $0.profiles) }.map(\.name)
        }
        var result = FollowResult(problems: compose.problems)
        var started: Set<String> = []
        func start(_ name: String, asked: Bool, depth: Int) {
            guard !started.contains(name) else { return }
            guard let service = compose.service(named: name) else {
                result.problems.append(CommandProblem(line: 1, message: "no service \(name)"))
                return
            }
            started.insert(name)
            if !(noDeps && asked) {
                if depth < maxDependencyDepth {
                    for dependency in service.dependsOn { start(dependency, asked: false, depth: depth + 1) }
                } else {
                    result.problems.append(CommandProblem(line: service.line, message: "service \(name): depends_on nests too deep"))
                }
            }
            let isRun = commandOverride != nil || entrypoint != nil
            let (step, problem) = asked && isRun
                ? compose.step(service, entrypointOverride: entrypoint, commandOverride: commandOverride)
                : compose.step(service)
            if let step { result.steps.append(step) }
            if let problem { result.problems.append(problem) }
        }
        for name in asked { start(name, asked: true, depth: 0) }
        return result
    }
}

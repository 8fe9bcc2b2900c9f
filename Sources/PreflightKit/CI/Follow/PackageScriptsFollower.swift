/// `npm test`, `npm run build`, `npm run-script x`, `yarn test`, `yarn run x`, `pnpm test`, `pnpm run x`,
/// `bun run x`: the `scripts` of package.json, with their `pre<name>` and `post<name>` hooks around them (npm's
/// lifecycle). A script that runs another one (`npm run lint`) is shell that is followed again from there.
enum PackageScriptsFollower: CommandFollower {
    static let name = "package.json scripts"

    /// npm's commands that run the script of the same name, and the aliases of `run`.
    private static let npmScripts: [String: String] = ["test": "test", "t": "test", "tst": "test", "start": "start", "stop": "stop",
                                                       "restart": "restart", "it": "test", "install-test": "test", "cit": "test",
                                                       "clean-install-test": "test"]
    private static let runs: Set<String> = ["run", "run-script", "rum", "urn"]
    /// yarn's and pnpm's own commands: any other first word names a script.
    private static let builtins: Set<String> = [
        "add", "audit", "autoclean", "bin", "cache", "check", "config", "create", "dedupe", "deploy", "dlx", "doctor", "env", "exec",
        "explain", "fetch", "generate-lock-entry", "global", "help", "import", "info", "init", "install", "i", "install-test", "licenses",
        "link", "list", "ls", "login", "logout", "node", "npm", "outdated", "owner", "pack", "patch", "patch-commit", "plugin",
        "policies", "prune", "publish", "rebuild", "rb", "remove", "rm", "root", "server", "set", "setup", "store", "tag", "team",
        "unlink", "unplug", "up", "update", "upgrade", "upgrade-interactive", "version", "versions", "why", "workspace", "workspaces",
        "ci", "approve-builds", "self-update", "licenses", "x",
    ]

    static func request(for command: ShellCommand) -> FollowRequest? {
        let manager = command.program
        guard ["npm", "yarn", "pnpm", "bun"].contains(manager) else { return nil }
        let valued: Set<String> = ["--prefix", "-C", "--dir", "--cwd", "-w", "--workspace", "--filter", "-F", "--loglevel", "--cache"]
        let arguments = CommandArguments(command.arguments, valued: valued, stopAtPositional: true)
        // A workspace or filter names another package; which one is not known here.
        guard !arguments.options.contains(where: { ["-w", "--workspace", "--workspaces", "--filter", "-F", "-r", "--recursive"].contains($0.name) }) else {
            return nil
        }
        let directory = arguments.values(["--prefix", "-C", "--dir", "--cwd"]).last.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        guard let first = arguments.positionals.first else { return nil }
        let script: String?
        if runs.contains(first) {
            // `npm run build --if-present`: options may follow the script's name.
            script = arguments.positionals.dropFirst().first { !$0.hasPrefix("-") }
        } else if manager == "npm" || manager == "bun" {
            script = manager == "npm" ? npmScripts[first] : nil
        } else {
            script = builtins.contains(first) ? nil : first
        }
        guard let script, !script.hasPrefix("-"), !(manager == "bun" && (script.contains("/") || script.contains("."))) else { return nil }
        return FollowRequest(candidates: [directory + "package.json"], names: [script])
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let (document, problems) = TaskFiles.document(text, path: "package.json")
        guard let document else { return FollowResult(problems: problems) }
        var graph = TaskGraph(noun: "script")
        var result = FollowResult(problems: problems)
        if case .map(let pairs, _) = document["scripts"] {
            for (key, value) in pairs {
                guard let script = value.string else {
                    result.problems.append(CommandProblem(line: value.line ?? 1, message: "script '\(key)' is not a string: not followed"))
                    continue
                }
                graph.tasks[key] = TaskGraph.Task(items: [.step(.shell(script), line: value.line ?? 1)], line: value.line ?? 1)
            }
        }
        for name in names {
            guard var task = graph.tasks[name] else { continue }
            task.items = [.task("pre" + name, line: task.line, optional: true)] + task.items + [.task("post" + name, line: task.line, optional: true)]
            graph.tasks[name] = task
        }
        let resolved = graph.resolve(names)
        result.steps = resolved.steps
        result.problems += resolved.problems
        return result
    }
}

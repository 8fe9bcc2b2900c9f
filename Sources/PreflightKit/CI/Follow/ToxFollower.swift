/// `tox`, `tox -e py39,lint`, `tox run -e x`, `python -m tox`, `uvx tox`, `TOXENV=lint tox`: each environment's
/// `commands_pre`, `commands` and `commands_post`, in the environment's `changedir`. Without `-e`, the `env_list`,
/// or what `[gh-actions]` maps Python versions to when the file has that section; `-m LABEL`, the `labels` of it.
enum ToxFollower: CommandFollower {
    static let name = "tox"

    private static let valued: Set<String> = ["-e", "-c", "--conf", "--root", "--workdir", "-x", "--override", "-m", "--labels",
                                              "-f", "--factors", "--installpkg", "--discover", "--hashseed", "--result-json"]
    /// Subcommands that run environments' commands; the others (list, config, exec, …) do not.
    private static let running: Set<String> = ["run", "r", "run-parallel", "p", "legacy", "le"]
    private static let notRunning: Set<String> = ["list", "l", "config", "c", "depends", "de", "devenv", "d", "quickstart", "q",
                                                  "exec", "e", "schema"]
    static let files = ["tox.ini", "setup.cfg", "pyproject.toml", "tox.toml"]

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "tox" else { return nil }
        let arguments = CommandArguments(command.arguments, valued: valued)
        if let subcommand = arguments.positionals.first {
            if notRunning.contains(subcommand) { return nil }
            if !running.contains(subcommand), arguments.positionals.count > 1 { return nil }
        }
        if arguments.options.contains(where: { ["--help", "-h", "--version", "--showconfig", "-l", "-a", "--listenvs", "--listenvs-all"].contains($0.name) }) {
            return nil
        }
        // Labels are looked up once the file is read; `-m` cannot take a word starting with `--`, so none is an env.
        var envs = arguments.values(["-e"]).flatMap { ToxConfig.expandList($0) }
            + arguments.values(["-m", "--labels"]).flatMap { TaskFiles.words($0) }.map { "--label=" + $0 }
        if envs.isEmpty, let toxenv = command.assignments.last(where: { $0.hasPrefix("TOXENV=") }) {
            envs = ToxConfig.expandList(String(toxenv.dropFirst(7)))
        }
        if let config = arguments.values(["-c", "--conf"]).last {
            let isFile = files.contains { config.hasSuffix($0) } || config.hasSuffix(".ini") || config.hasSuffix(".toml") || config.hasSuffix(".cfg")
            let directory = config.hasSuffix("/") ? config : config + "/"
            return FollowRequest(candidates: isFile ? [config] : files.map { directory + $0 }, names: envs)
        }
        return FollowRequest(candidates: files, names: envs)
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        guard let config = ToxConfig(path: path, text: text) else { return nil }
        var result = FollowResult(problems: config.problems)
        var envs: [String] = []
        for name in names {
            if name == "ALL" {
                envs += config.envList
            } else if name.hasPrefix("--label=") {
                let label = String(name.dropFirst(8))
                if let labelled = config.labels[label] { envs += labelled } else { result.problems.append(CommandProblem(line: 1, message: "no tox label '\(label)'")) }
            } else {
                envs.append(name)
            }
        }
        if names.isEmpty {
            envs = !config.ghActionsEnvs.isEmpty ? config.ghActionsEnvs : config.envList.isEmpty ? ["py"] : config.envList
        }
        let toxDirectory = TaskFiles.directory(of: path)
        var seen: Set<String> = []
        var budget = 20_000
        for env in envs where seen.insert(env).inserted {
            guard budget > 0 else { break }
            guard config.declares(env) || config.hasBase else {
                result.problems.append(CommandProblem(line: 1, message: "no tox env '\(env)'"))
                continue
            }
            let environment = config.environment(env, budget: &budget)
            let directory = environment.changedir.flatMap { TaskFiles.join(toxDirectory, $0) }
            result.steps += environment.commands.map { FollowedStep($0.action, line: $0.line, via: [env], directory: directory) }
        }
        if budget <= 0 {
            result.problems.append(CommandProblem(line: 1, message: "more commands than can be read: the rest is not followed"))
        }
        return result
    }
}

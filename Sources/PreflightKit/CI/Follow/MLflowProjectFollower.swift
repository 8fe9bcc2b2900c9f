/// `mlflow run DIR [-e ENTRY]`: the entry point's `command` in DIR's `MLproject` (`main` when none is named); an
/// entry point named as a `.py` or `.sh` file that the MLproject does not declare runs that file, as MLflow does.
enum MLflowProjectFollower: CommandFollower {
    static let name = "mlflow run"
    static let isOnlyAName = false

    private static let valued: Set<String> = [
        "-e", "--entry-point", "-v", "--version", "-P", "--param-list", "-A", "--docker-args", "--experiment-name",
        "--experiment-id", "-b", "--backend", "-c", "--backend-config", "--env-manager", "--storage-dir", "--run-id",
        "--run-name", "--build-image",
    ]

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "mlflow", command.arguments.first == "run" else { return nil }
        var words = command.arguments.dropFirst()
        var entry = "main"
        var uri: String?
        while let word = words.popFirst() {
            if valued.contains(word) {
                let value = words.popFirst()
                if word == "-e" || word == "--entry-point", let value { entry = value }
            } else if !word.hasPrefix("-"), uri == nil {
                uri = word
            }
        }
        // A git or remote URI is another repository's project.
        guard let uri, !uri.contains("://"), !uri.hasPrefix("git@") else { return nil }
        let directory = uri == "." ? "" : (uri.hasSuffix("/") ? uri : uri + "/")
        return FollowRequest(candidates: [directory + "MLproject"], names: [entry])
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        guard let document = try? StructuredParser.parse(text, path: path + ".yaml").first else {
            return FollowResult(problems: [CommandProblem(line: 1, message: "\(path) is not YAML")])
        }
        var result = FollowResult()
        for name in names {
            if let command = document["entry_points"]?[name]?["command"], let text = command.string {
                result.steps.append(FollowedStep(.shell(text), line: command.line ?? 1, via: [name]))
            } else if name.hasSuffix(".py") || name.hasSuffix(".sh") {
                let program = name.hasSuffix(".py") ? "python" : "bash"
                result.steps.append(FollowedStep(.words([program, name]), line: 1, via: [name]))
            } else {
                result.problems.append(CommandProblem(line: 1, message: "no entry point '\(name)'"))
            }
        }
        return result
    }
}

/// `databricks bundle run [options] [JOB_KEY]` (every job of the bundle without a key) and
/// `databricks jobs submit --json @run.json`: what the jobs' tasks run (`DatabricksBundle`). The bundle is
/// databricks.yml (or .yaml, or bundle.yml) of the command's directory. `databricks bundle deploy` runs nothing and
/// is not followed; a key that names a pipeline or app, not a job, is a problem.
enum DatabricksBundleFollower: CommandFollower {
    static let name = "databricks bundle run"
    static let isOnlyAName = false

    private static let valued: Set<String> = [
        "-t", "--target", "-p", "--profile", "--var", "--params", "--python-params", "--python-named-params",
        "--notebook-params", "--jar-params", "--sql-params", "--spark-submit-params", "--pipeline-params",
        "--dbt-commands", "--refresh", "--full-refresh", "-o", "--output", "--log-level", "--log-file", "--log-format",
        "--timeout", "--json", "--key",
    ]
    static let files = ["databricks.yml", "databricks.yaml", "bundle.yml", "bundle.yaml"]

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "databricks" else { return nil }
        let arguments = CommandArguments(command.arguments, valued: valued)
        let positionals = arguments.positionals
        switch (positionals.first, positionals.dropFirst().first) {
        case ("bundle", "run"):
            return FollowRequest(candidates: files, names: Array(positionals.dropFirst(2).prefix(1)))
        case ("jobs", "submit"):
            guard let body = arguments.values(["--json"]).last, body.hasPrefix("@"), body.count > 1 else { return nil }
            let file = String(body.dropFirst())
            return FollowRequest(candidates: [file.hasPrefix("./") ? String(file.dropFirst(2)) : file])
        default:
            return nil
        }
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let bundle = DatabricksBundle(text, path: path)
        guard bundle.isBundle || !bundle.problems.isEmpty else { return nil }
        return bundle.steps(names)
    }
}

/// `anyscale job submit -f job.yaml`, `anyscale job submit --config-file job.yaml`, `anyscale jobs submit job.yaml`
/// (the older CLI's positional file): the job's `entrypoint`, shell text, run in its `working_dir` (or the older
/// `runtime_env.working_dir`) taken relative to the spec's directory when local. An entrypoint given after `--`
/// replaces the file's: it reaches `follow` as the names `["--", word…]`. A file without an entrypoint gives nil.
/// `anyscale job submit -- python main.py` names no file and is left to the shell reader.
enum AnyscaleJobFollower: CommandFollower {
    static let name = "anyscale job submit"
    static let isOnlyAName = false

    private static let files: Set<String> = ["-f", "--config-file"]
    private static let valued: Set<String> = files.union([
        "-n", "--name", "-w", "--working-dir", "--image-uri", "--containerfile", "--compute-config", "--env", "-e",
        "-r", "--requirements", "--exclude", "--excludes", "--py-module", "--cloud", "--project", "--project-id",
        "--ray-version", "--max-retries", "--timeout-s", "--description", "--registry-login-secret", "--version",
    ])

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "anyscale" else { return nil }
        let arguments = CommandArguments(command.arguments, valued: valued)
        let positionals = arguments.positionals
        guard positionals.count >= 2, ["job", "jobs"].contains(positionals[0]), positionals[1] == "submit" else { return nil }
        let file = arguments.values(files).last ?? positionals.dropFirst(2).first { isYAML($0) }
        guard let file else { return nil }
        let override = arguments.rest.flatMap { $0.isEmpty ? nil : ["--"] + $0 } ?? []
        return FollowRequest(candidates: [file.hasPrefix("./") ? String(file.dropFirst(2)) : file], names: override)
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let (documents, problems) = SpecFile.documents(text, path: path)
        guard let job = documents.first else { return problems.isEmpty ? nil : FollowResult(problems: problems) }
        let directory = (job["working_dir"] ?? job["runtime_env"]?["working_dir"])?.string
            .flatMap { SpecFile.join(SpecFile.directory(of: path), $0) }
        let via = job["name"]?.string.map { [$0] } ?? []
        if names.first == "--" {
            return FollowResult(steps: [FollowedStep(.words(Array(names.dropFirst())), line: 1, via: via, directory: directory)])
        }
        guard let entrypoint = job["entrypoint"] else { return nil }
        guard let text = entrypoint.string else {
            return FollowResult(problems: [CommandProblem(line: SpecFile.line(entrypoint, or: 1), message: "entrypoint is not a string")])
        }
        return FollowResult(steps: [FollowedStep(.shell(text), line: SpecFile.line(entrypoint, or: 1), via: via, directory: directory)])
    }

    private static func isYAML(_ word: String) -> Bool {
        let lower = word.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }
}

/// `docker build .`, `docker build -f docker/Dockerfile.ci --target test ctx`, `docker buildx build`,
/// `docker image build`, `podman build`: the RUN instructions of the stages the build runs (`Dockerfile.runs`),
/// which can run tests. What the image runs later (CMD, ENTRYPOINT) is not a build step: `Dockerfile.defaultCommand`
/// gives it to whoever ties a container to the image (a compose service). `-f` is relative to the command's
/// directory, the default Dockerfile to the context's; a context that is a URL or `-` is not followed.
enum DockerBuildFollower: CommandFollower {
    static let name = "docker build"

    private static let files: Set<String> = ["-f", "--file"]
    private static let valued: Set<String> = files.union([
        "-t", "--tag", "--build-arg", "--target", "--platform", "-o", "--output", "--cache-from", "--cache-to", "--label",
        "--network", "--secret", "--ssh", "--progress", "--iidfile", "--add-host", "--build-context", "--metadata-file",
        "--shm-size", "-m", "--memory", "--memory-swap", "--ulimit", "--cgroup-parent", "--isolation", "--attest",
        "--annotation", "--call", "--allow", "--builder", "-c", "--cpu-shares", "--cpuset-cpus", "--cpuset-mems",
        "--cpu-period", "--cpu-quota", "--security-opt", "--label-file", "--format", "--layers", "--jobs",
        "-H", "--host", "--context", "--config", "-l", "--log-level",
    ])

    static func request(for command: ShellCommand) -> FollowRequest? {
        let arguments = CommandArguments(command.arguments, valued: valued)
        var positionals = arguments.positionals[...]
        switch command.program {
        case "docker":
            if positionals.first == "buildx" || positionals.first == "image" || positionals.first == "builder" { positionals.removeFirst() }
        case "podman": break
        default: return nil
        }
        guard positionals.popFirst() == "build", let context = positionals.first ?? arguments.rest?.first,
              context != "-", !context.contains("://"), !context.hasPrefix("git@"), !context.contains("$") else { return nil }
        let directory = context == "." || context == "./" ? "" : (context.hasSuffix("/") ? context : context + "/")
        let candidates: [String]
        if let file = arguments.values(files).last {
            guard file != "-" else { return nil }
            candidates = [file]
        } else {
            candidates = (command.program == "podman" ? ["Containerfile", "Dockerfile"] : ["Dockerfile"]).map { directory + $0 }
        }
        let target = arguments.values(["--target"]).last
        return FollowRequest(candidates: candidates.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 }, names: target.map { [$0] } ?? [])
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let dockerfile = Dockerfile(text)
        var result = FollowResult(steps: dockerfile.runs(target: names.first), problems: dockerfile.problems)
        if let target = names.first, dockerfile.stage(named: target) == nil {
            result.problems.append(CommandProblem(line: 1, message: "no build stage \(target)"))
        }
        return result
    }

    /// What a container of the image the Dockerfile at `path` builds runs, for a `.file` step naming a Dockerfile
    /// (a compose service that builds its image and sets no command): its ENTRYPOINT and CMD; no step, and a
    /// problem, when it sets neither.
    static func containerCommand(path: String, text: String) -> FollowResult {
        let dockerfile = Dockerfile(text)
        guard let step = dockerfile.defaultCommand() else {
            return FollowResult(problems: dockerfile.problems + [CommandProblem(line: 1, message: "no CMD or ENTRYPOINT: the base image's command runs")])
        }
        return FollowResult(steps: [step], problems: dockerfile.problems)
    }
}

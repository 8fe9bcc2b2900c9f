/// `docker build` and `docker run` as the graph reads them: an image built from a tracked context, and a command
/// run in it. The command given to `docker run` runs in the image; the graph reads it as running in the build
/// context's directory, where a Dockerfile's `COPY . .` puts those files.
enum DockerInvocation {
    case build(tags: [String], context: String, dockerfile: String?)
    case run(image: String, command: [String])

    private static let buildValued: Set<String> = [
        "-t", "--tag", "-f", "--file", "--build-arg", "--target", "--platform", "--label", "--cache-from", "--cache-to",
        "--secret", "--ssh", "--network", "--progress", "-o", "--output", "--iidfile", "--shm-size", "--add-host",
    ]
    private static let runValued: Set<String> = [
        "-e", "--env", "--env-file", "-v", "--volume", "--name", "-p", "--publish", "-w", "--workdir", "--network",
        "--entrypoint", "-u", "--user", "--mount", "--gpus", "-m", "--memory", "--cpus", "--shm-size", "--platform",
        "--label", "-l", "--add-host", "--hostname", "-h", "--ipc", "--restart", "--runtime", "--cidfile", "--device",
        "--log-driver", "--pull", "--ulimit", "--cap-add", "--cap-drop", "--security-opt", "--tmpfs", "--expose",
    ]

    /// nil for any other command (`docker push`, `docker login`, `docker compose …`).
    init?(_ command: ShellCommand) {
        guard command.program == "docker" || command.program == "podman" else { return nil }
        var words = command.arguments[...]
        let sub = words.popFirst()
        let build = sub == "build" || (sub == "buildx" && words.popFirst() == "build") || (sub == "image" && words.popFirst() == "build")
        let run = sub == "run" || (sub == "container" && words.popFirst() == "run")
        guard build || run else { return nil }
        var tags: [String] = []
        var entrypoint: String?
        var dockerfile: String?
        var positional: [String] = []
        while let word = words.popFirst() {
            if !positional.isEmpty && run { positional.append(word); continue }
            if word.hasPrefix("-") {
                let (name, inline) = word.hasPrefix("--") && word.contains("=")
                    ? (String(word.prefix { $0 != "=" }), String(word.drop { $0 != "=" }.dropFirst())) : (word, nil)
                guard (build ? Self.buildValued : Self.runValued).contains(name) else { continue }
                let value = inline ?? words.popFirst() ?? ""
                if name == "-t" || name == "--tag" { tags.append(value) }
                if name == "--entrypoint" { entrypoint = value }
                if build && (name == "-f" || name == "--file") { dockerfile = value }
            } else {
                positional.append(word)
            }
        }
        if build {
            guard let context = positional.last else { return nil }
            self = .build(tags: tags, context: context, dockerfile: dockerfile)
        } else {
            guard let image = positional.first else { return nil }
            self = .run(image: image, command: (entrypoint.map { [$0] } ?? []) + positional.dropFirst())
        }
    }
}

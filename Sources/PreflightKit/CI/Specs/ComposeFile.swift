/// A compose file's services as what their containers run: `command` and `entrypoint` (a string is shell text, a
/// list exec form), the Dockerfile of a service that builds its image, its `depends_on` and `profiles`. YAML merge
/// keys (`<<: *defaults`) are read; `extends` and `include` are not followed.
struct ComposeFile {
    struct Service: Sendable {
        var name: String
        var line: Int
        var command: DataNode?
        var entrypoint: DataNode?
        /// The Dockerfile `build` names, relative to the repository root; nil without `build` or when its context
        /// is not in the repository (a URL) or the Dockerfile is inline.
        var dockerfile: String?
        var hasBuild: Bool
        var dependsOn: [String]
        var profiles: [String]
    }

    private(set) var services: [Service] = []
    private(set) var problems: [CommandProblem] = []
    /// Whether the file has a `services` mapping at all.
    private(set) var isCompose = false
    private var index: [String: Int] = [:]

    init(_ text: String, path: String) {
        let (documents, problems) = SpecFile.documents(text, path: path)
        self.problems = problems
        guard let root = documents.first, case .map(let pairs, _)? = root["services"] else { return }
        isCompose = true
        let directory = SpecFile.directory(of: path)
        for (name, node) in pairs {
            guard case .map = node else {
                self.problems.append(CommandProblem(line: SpecFile.line(node, or: 1), message: "service \(name) is not a mapping"))
                continue
            }
            let build = SpecFile.value(node, "build")
            var dockerfile: String?
            if let build {
                let context = build.string ?? build["context"]?.string ?? "."
                if build["dockerfile_inline"] == nil, let root = SpecFile.join(directory, context) {
                    dockerfile = SpecFile.join(root, build["dockerfile"]?.string ?? "Dockerfile")
                }
            }
            let depends = SpecFile.value(node, "depends_on")
            if index[name] == nil { index[name] = services.count }
            services.append(Service(
                name: name, line: SpecFile.line(node, or: 1),
                command: SpecFile.value(node, "command"), entrypoint: SpecFile.value(node, "entrypoint"),
                dockerfile: dockerfile, hasBuild: build != nil,
                dependsOn: depends.map { $0.keys.isEmpty ? $0.elements.compactMap(\.string) : $0.keys } ?? [],
                profiles: SpecFile.value(node, "profiles")?.elements.compactMap(\.string) ?? []))
        }
    }

    func service(named name: String) -> Service? { index[name].map { services[$0] } }

    /// What `service` runs: its entrypoint and command joined (`entrypointOverride`, `commandOverride` replacing
    /// them, as `docker compose run` does), or its image's Dockerfile as a file when it sets neither and builds
    /// one (`Dockerfile.defaultCommand` reads what that runs); nil when it runs its image's default.
    func step(_ service: Service, entrypointOverride: String? = nil, commandOverride: [String]? = nil) -> (FollowedStep?, CommandProblem?) {
        let entry: Part? = entrypointOverride.map { .shell($0) } ?? service.entrypoint.flatMap(Self.part)
        let command: Part? = commandOverride.map { .words($0) } ?? service.command.flatMap(Self.part)
        let line = SpecFile.line(commandOverride == nil ? service.command ?? service.entrypoint : service.entrypoint, or: service.line)
        for (key, node) in [("command", service.command), ("entrypoint", service.entrypoint)] {
            if let node, Self.part(node) == nil {
                return (nil, CommandProblem(line: SpecFile.line(node, or: service.line), message: "service \(service.name): \(key) is neither a string nor a list of strings"))
            }
        }
        let action: FollowedStep.Action
        switch (entry, command) {
        case (nil, nil):
            guard let dockerfile = service.dockerfile else { return (nil, nil) }
            return (FollowedStep(.file(dockerfile), line: service.line, via: [service.name]), nil)
        case (let part?, nil), (nil, let part?):
            action = part.action
        case (.words(let entry)?, .words(let command)?):
            action = .words(entry + command)
        case (let entry?, let command?):
            action = .shell(entry.text + " " + command.text)
        }
        return (FollowedStep(action, line: line, via: [service.name]), nil)
    }

    private enum Part: Equatable {
        case shell(String), words([String])

        var action: FollowedStep.Action {
            switch self {
            case .shell(let text): return .shell(text)
            case .words(let words): return .words(words)
            }
        }

        var text: String {
            switch self {
            case .shell(let text): return text
            case .words(let words): return ShellQuoting.line(words)
            }
        }
    }

    private static func part(_ node: DataNode) -> Part? {
        if let text = node.string { return .shell(text) }
        return SpecFile.words(node).map { .words($0) }
    }
}

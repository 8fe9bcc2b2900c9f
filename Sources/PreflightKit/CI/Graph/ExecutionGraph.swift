/// What each pipeline really runs: its steps' commands, followed transitively into the files they name (Makefiles,
/// scripts, task runners, job specs, local actions and templates), with a depth bound and each file's task followed
/// once per pipeline. A pure reading of tracked files: nothing is executed; a file the repository does not track
/// is "not followed", never an error.
struct ExecutionGraph {
    let index: RepositoryIndex
    let reader: RepositoryReader
    /// Deepest chain of files followed from a step.
    var maxDepth = 12
    /// Most commands kept for one pipeline.
    var maxCommands = 20_000
    /// Most distinct test runs whose collection is worked out in one gate.
    var maxCollections = 256
    /// The files each test run collects, by its command and directory.
    private var collections: [String: [String]?] = [:]
    private let texts: FileTexts

    init(index: RepositoryIndex, reader: RepositoryReader) {
        self.index = index
        self.reader = reader
        texts = FileTexts(index: index, reader: reader)
    }

    /// Sets `runs` and `unfollowed` of every pipeline, then lets pipelines started by others (`workflow_run`) take
    /// their triggers. An Azure or GitLab file that another pipeline uses as a template or include is no pipeline of
    /// its own: what it runs counts through the pipelines that use it.
    mutating func resolve(_ pipelines: inout [CIPipeline]) {
        var included: Set<String> = []
        for position in pipelines.indices {
            if pipelines[position].system == .cloudBuild { pipelines[position].root = cloudBuildWorkspace(pipelines[position]) }
            var walk = Walk(pipeline: pipelines[position])
            let pipeline = pipelines[position]
            walk.variables = variables(of: pipeline)
            walk.included.formUnion(pipeline.variableFiles)
            walkSteps(pipeline.steps, of: pipeline.path, root: pipeline.root, system: pipeline.system, chain: [], depth: 0, into: &walk)
            pipelines[position].runs = walk.runs
            pipelines[position].unfollowed = walk.unfollowed
            included.formUnion(walk.included)
        }
        pipelines.removeAll { [.azurePipelines, .gitlab].contains($0.system) && included.contains($0.path) }
        TriggerInheritance.apply(&pipelines)
    }

    /// The directory a Cloud Build configuration's `dir:` steps are relative to: the workspace is what was submitted,
    /// the repository (a trigger) or the configuration's own directory (`gcloud builds submit` run there, as samples
    /// do). The configuration's directory when its steps' directories are found there and not at the top.
    private func cloudBuildWorkspace(_ pipeline: CIPipeline) -> String {
        let own = RepositoryPath.directory(of: pipeline.path)
        guard pipeline.root.isEmpty, !own.isEmpty else { return pipeline.root }
        let directories = Set(pipeline.steps.compactMap(\.directory).filter { !$0.hasPrefix("/") && !$0.contains("$") })
        guard !directories.isEmpty else { return pipeline.root }
        let atTop = directories.filter { index.tracksDirectory($0) }.count
        let beside = directories.filter { index.tracksDirectory(own + "/" + $0) }.count
        return beside > atTop ? own : pipeline.root
    }

    /// A command as written on one line: continuations and the line breaks inside it become single spaces.
    static func oneLine(_ text: String) -> String {
        guard text.contains("\n") else { return text }
        return text.replacingOccurrences(of: "\\\n", with: "\n").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// The pipeline's variables: those of the files it names first, then its own.
    private func variables(of pipeline: CIPipeline) -> [String: String] {
        var values: [String: String] = [:]
        for file in pipeline.variableFiles {
            guard let document = texts.documents(of: file)?.first else { continue }
            values.merge(AzurePipelines.variables(document)) { _, new in new }
        }
        return values.merging(pipeline.variables) { _, own in own }
    }

    /// What one pipeline's walk has found so far.
    private struct Walk {
        var pipeline: CIPipeline
        var runs: [RunCommand] = []
        var unfollowed: [Proof] = []
        var visited: Set<String> = []
        /// The runs found, by their chain and words (a command run in an image has its `docker run`'s chain).
        var chains: Set<[Proof]> = []
        /// Files read as templates, includes or local actions of this pipeline.
        var included: Set<String> = []
        /// Values of the pipeline's `$(name)` macros (Azure).
        var variables: [String: String] = [:]
        var full = false
        var collectionsCapped = false
        /// Images built so far (`docker build -t tag [-f file] context`), by tag: their context directory and
        /// Dockerfile.
        var images: [String: (context: String, dockerfile: String)] = [:]

        static func key(_ chain: [Proof], _ words: [String]) -> [Proof] { chain + [Proof(text: words.joined(separator: " "))] }
    }

    /// `failing`: the steps run only when an earlier one failed (a template used by such a step).
    private mutating func walkSteps(_ steps: [CIStep], of path: String, root: String, system: CISystem, chain: [Proof],
                                    depth: Int, failing: Bool = false, into walk: inout Walk) {
        for step in steps where !step.disabled {
            let failing = failing || step.onFailure
            let before = walk.runs.count
            defer { if failing { for position in before..<walk.runs.count { walk.runs[position].onFailure = true } } }
            switch step.kind {
            case .label, .image:
                continue
            case .file:
                add(RunCommand(words: [step.text], directory: root, kind: .file, chain: chain + [Proof(path: path, line: step.line, text: step.text)]),
                    to: &walk)
            case .action:
                let link = Proof(path: path, line: step.line, text: step.text)
                let position = add(RunCommand(words: [step.text], directory: "", kind: .action, chain: chain + [link]), to: &walk)
                if followLocal(step, of: path, root: root, system: system, chain: chain + [link], depth: depth, failing: failing, into: &walk),
                   let position {
                    walk.runs[position].followed = true
                }
            case .run:
                let azure = system == .azurePipelines
                let written = step.directory.map { azure ? AzurePipelines.expandMacros($0, walk.variables) : $0 } ?? ""
                let directory = RepositoryPath.join(root, written)
                let text = azure ? AzurePipelines.expandMacros(step.text, walk.variables) : step.text
                walkShell(text, firstLine: step.line ?? 1, path: path, directory: directory, chain: chain, depth: depth, into: &walk)
            }
        }
    }

    private mutating func walkShell(_ text: String, firstLine: Int, path: String, directory: String?, chain: [Proof],
                                    depth: Int, into walk: inout Walk) {
        for command in ShellCommandLine(text, firstLine: firstLine).commands {
            guard !walk.full else { return }
            visit(command, directory: directory, chain: chain + [Proof(path: path, line: command.line, text: Self.oneLine(command.text))],
                  depth: depth, into: &walk)
        }
    }

    private mutating func visit(_ command: ShellCommand, directory: String?, chain: [Proof], depth: Int, into walk: inout Walk) {
        // The same command reached the same way twice (tox's py311 and py312 running one `commands`) is one.
        guard !walk.chains.contains(Walk.key(chain, command.words)) else { return }
        let workingDirectory = directory.flatMap { RepositoryPath.join($0, command.directory ?? "") }
        var run = RunCommand(words: command.words, prefixes: command.prefixes, directory: workingDirectory, kind: .command, chain: chain)
        if let workingDirectory, run.role == .runs {
            run.collected = collection(of: command, in: workingDirectory, chain: chain, into: &walk)
        } else if workingDirectory == nil, TestCollector.runner(of: command) != nil {
            walk.unfollowed.append(Proof(path: chain.last?.path, line: chain.last?.line,
                                         text: "\(chain.last?.text ?? command.text): not collected: its directory is not known"))
        }
        let position = add(run, to: &walk)
        guard run.role == .runs else { return }
        var followed = false
        var runsInImage = false
        if let workingDirectory, let docker = DockerInvocation(command) {
            followed = followDocker(docker, from: workingDirectory, command: command, chain: chain, depth: depth, into: &walk)
            if case .run = docker { runsInImage = true }
        }
        // A build also runs its RUN lines, which its follower reads; a run in an image was read above.
        // The first follower that reads the command follows it.
        for follower in CommandFollowers.all where !runsInImage {
            guard let request = follower.request(for: command) else { continue }
            let read = follow(request, with: follower, from: workingDirectory, chain: chain, depth: depth, into: &walk)
            followed = followed || read && follower.isOnlyAName
            break
        }
        if followed, let position { walk.runs[position].followed = true }
    }

    /// The test files a test run collects, worked out once per command and directory, and at most
    /// `maxCollections` times a gate: past that, a run is not collected and the pipeline says so.
    private mutating func collection(of command: ShellCommand, in directory: String, chain: [Proof], into walk: inout Walk) -> [String]? {
        let key = ([directory] + command.assignments + command.prefixes + command.words).joined(separator: "\u{0}")
        if let known = collections[key] { return known }
        guard TestCollector.runner(of: command) != nil else { return nil }
        guard collections.count < maxCollections else {
            if !walk.collectionsCapped {
                walk.unfollowed.append(Proof(path: chain.last?.path, line: chain.last?.line,
                                             text: "\(chain.last?.text ?? ""): not collected: more than \(maxCollections) test runs in this repository"))
            }
            walk.collectionsCapped = true
            return nil
        }
        let files = TestCollector.collect(command, in: directory, files: index.files, read: texts.text(of:))?.files
        collections[key] = files
        return files
    }

    /// Whether the request named a file of the repository that declares what was asked (its steps are then walked).
    @discardableResult
    private mutating func follow(_ request: FollowRequest, with follower: any CommandFollower.Type, from directory: String?,
                                 chain: [Proof], depth: Int, into walk: inout Walk) -> Bool {
        let asked = chain.last
        func unfollowed(_ why: String) -> Bool {
            walk.unfollowed.append(Proof(path: asked?.path, line: asked?.line, text: "\(asked?.text ?? follower.name): not followed: \(why)"))
            return false
        }
        guard let directory else { return unfollowed("its directory is not known") }
        let paths = request.candidates.map { RepositoryPath.join(directory, $0) }
        var untracked: [String] = []
        for case let written? in paths {
            // In a project template the file may be kept as `Makefile.tmpl`, `tox.ini.jinja`.
            let path = ([written] + TemplateTree.suffixes.map { written + $0 }).first(where: index.tracks) ?? written
            guard index.tracks(path) else { untracked.append(path); continue }
            guard let text = texts.text(of: path) else { return unfollowed("\(path) cannot be read as text") }
            guard let result = texts.follow(follower, request.names, path: path, text: text) else { continue }
            // A script runs in its caller's directory: run from another one, it runs other things.
            let place = follower.runsInCallerDirectory ? "\(directory)\u{0}\(path)" : path
            guard depth < maxDepth else { return unfollowed("files nested deeper than \(maxDepth)") }
            guard walk.visited.insert("\(follower.name)\u{0}\(place)\u{0}\(request.names.joined(separator: "\u{0}"))").inserted else { return true }
            for name in result.covered { walk.visited.insert("\(follower.name)\u{0}\(place)\u{0}\(name)") }
            for problem in result.problems.prefix(5) {
                walk.unfollowed.append(Proof(path: path, line: problem.line, text: problem.message))
            }
            let ownDirectory = follower.runsInCallerDirectory ? directory : RepositoryPath.directory(of: path)
            for step in result.steps {
                guard !walk.full else { return true }
                // A follower may write the root as ".".
                let directory = step.directory.map { $0 == "." ? "" : $0 } ?? ownDirectory
                walkFollowed(step, in: path, directory: directory, chain: chain, depth: depth, into: &walk)
            }
            return true
        }
        if paths.contains(nil) { return unfollowed("it names a path outside the repository") }
        // Every file is there, and none declares what the follower reads (a manifest without Jobs): the command
        // runs as itself.
        if request.optional || untracked.isEmpty { return false }
        return unfollowed(untracked.count == 1 ? "\(untracked[0]) is not in the repository"
                          : "none of \(untracked.joined(separator: ", ")) is in the repository")
    }

    /// One step a followed file declares: shell text or words read as commands, or a file that runs (a Dockerfile
    /// runs its image's command).
    private mutating func walkFollowed(_ step: FollowedStep, in path: String, directory: String?, chain: [Proof], depth: Int,
                                       into walk: inout Walk) {
        switch step.action {
        case .shell(let shell):
            walkShell(shell, firstLine: step.line, path: path, directory: directory, chain: chain, depth: depth + 1, into: &walk)
        case .words(let words):
            walkShell(ShellQuoting.line(words), firstLine: step.line, path: path, directory: directory, chain: chain, depth: depth + 1, into: &walk)
        case .file(let file):
            let link = Proof(path: path, line: step.line, text: file)
            add(RunCommand(words: [file], directory: directory, kind: .file, chain: chain + [link]), to: &walk)
            let name = file.split(separator: "/").last.map(String.init) ?? file
            if name == "Dockerfile" || name == "Containerfile" || name.hasPrefix("Dockerfile.") || name.hasSuffix(".Dockerfile") {
                followImage(file, context: RepositoryPath.directory(of: file), chain: chain + [link], depth: depth + 1, into: &walk)
            }
        }
    }

    /// An image built from the repository keeps its context; a command run in it is read as run there.
    /// Whether a `docker run` was followed into the image's command (a build is recorded, and followed by its
    /// follower).
    private mutating func followDocker(_ docker: DockerInvocation, from directory: String, command: ShellCommand,
                                       chain: [Proof], depth: Int, into walk: inout Walk) -> Bool {
        switch docker {
        case .build(let tags, let context, let file):
            guard let context = RepositoryPath.join(directory, context),
                  let dockerfile = file.map({ RepositoryPath.join(directory, $0) }) ?? RepositoryPath.join(context, "Dockerfile") else { return false }
            for tag in tags { walk.images[tag] = (context, dockerfile) }
            return false
        case .run(let image, let words):
            guard let built = walk.images[image] else {
                let why = "\(image) is not built from the repository by this pipeline"
                walk.unfollowed.append(Proof(path: chain.last?.path, line: chain.last?.line, text: "\(command.text): not followed: \(why)"))
                return false
            }
            guard !words.isEmpty else {
                return followImage(built.dockerfile, context: built.context, chain: chain, depth: depth, into: &walk)
            }
            var inner = command
            inner.words = words
            inner.prefixes = command.prefixes + ["docker run \(image)"]
            inner.directory = nil
            visit(inner, directory: built.context, chain: chain, depth: depth + 1, into: &walk)
            return true
        }
    }

    /// What a container of the image a Dockerfile builds runs (its ENTRYPOINT and CMD), in the build context.
    @discardableResult
    private mutating func followImage(_ dockerfile: String, context: String, chain: [Proof], depth: Int, into walk: inout Walk) -> Bool {
        guard walk.visited.insert("image\u{0}\(dockerfile)").inserted else { return true }
        guard index.tracks(dockerfile), let text = texts.text(of: dockerfile) else {
            walk.unfollowed.append(Proof(path: chain.last?.path, line: chain.last?.line, text: "\(chain.last?.text ?? dockerfile): not followed: \(dockerfile) is not in the repository"))
            return false
        }
        let result = DockerBuildFollower.containerCommand(path: dockerfile, text: text)
        for problem in result.problems.prefix(5) { walk.unfollowed.append(Proof(path: dockerfile, line: problem.line, text: problem.message)) }
        for step in result.steps { walkFollowed(step, in: dockerfile, directory: context, chain: chain, depth: depth, into: &walk) }
        return !result.steps.isEmpty
    }

    /// Local actions, reusable workflows and templates a step uses: `./.github/actions/x`, `./.github/workflows/y.yml`,
    /// Azure `template: ci/steps.yml`. One in another repository (`owner/repo@v1`, `x.yml@templates`) is used by
    /// identity only.
    /// Whether the reference named a file of the repository, whose steps are then walked.
    private mutating func followLocal(_ step: CIStep, of path: String, root: String, system: CISystem, chain: [Proof],
                                      depth: Int, failing: Bool, into walk: inout Walk) -> Bool {
        guard let reference = LocalReference(step.text, system: system, from: path, root: root) else { return false }
        guard depth < maxDepth else {
            walk.unfollowed.append(Proof(path: path, line: step.line, text: "\(step.text): not followed: files nested deeper than \(maxDepth)"))
            return false
        }
        // Once for what runs anyway and once for what runs on failure: a rollback reuses the deploy's template.
        guard walk.visited.insert("local\u{0}\(failing)\u{0}\(reference.candidates)").inserted else { return true }
        for candidate in reference.candidates where index.tracks(candidate) {
            walk.included.insert(candidate)
            guard let documents = texts.documents(of: candidate) else {
                walk.unfollowed.append(Proof(path: path, line: step.line, text: "\(step.text): not followed: \(candidate) cannot be read"))
                return false
            }
            for document in documents {
                let included = reference.parse(candidate, document)
                walkSteps(included.steps, of: candidate, root: root, system: system, chain: chain, depth: depth + 1, failing: failing, into: &walk)
            }
            return true
        }
        walk.unfollowed.append(Proof(path: path, line: step.line,
                                     text: "\(step.text): not followed: \(reference.candidates.joined(separator: " or ")) not in the repository"))
        return false
    }

    /// Keeps `run` and says where; nil when it was kept before or the pipeline is full.
    @discardableResult
    private func add(_ run: RunCommand, to walk: inout Walk) -> Int? {
        guard walk.chains.insert(Walk.key(run.chain, run.words)).inserted else { return nil }
        guard walk.runs.count < maxCommands else {
            if !walk.full {
                walk.unfollowed.append(Proof(path: walk.pipeline.path, text: "more than \(maxCommands) commands: the rest not followed"))
            }
            walk.full = true
            return nil
        }
        walk.runs.append(run)
        return walk.runs.count - 1
    }
}

/// Tracked files' texts, each read once for the whole graph.
final class FileTexts {
    private let index: RepositoryIndex
    private let reader: RepositoryReader
    /// By path; nil when the file is untracked or not readable as text.
    private var texts: [String: String?] = [:]
    /// Parsed YAML or JSON, by path; nil when the file cannot be read or parsed.
    private var documents: [String: [DataNode]?] = [:]

    init(index: RepositoryIndex, reader: RepositoryReader) {
        self.index = index
        self.reader = reader
    }

    func text(of path: String) -> String? {
        if let known = texts[path] { return known }
        var text: String?
        if index.tracks(path), case .text(let read) = reader.read(path) {
            text = TemplateTree.generated(path) == nil ? read : TemplateTree.rendered(read)
        }
        texts[path] = text
        return text
    }

    /// Files as followers read them, by follower and path.
    private var read: [String: Any] = [:]

    /// What `follower` says the tasks `names` of the file at `path` run, the file read once per follower.
    func follow<Follower: CommandFollower>(_ follower: Follower.Type, _ names: [String], path: String, text: String) -> FollowResult? {
        let key = "\(Follower.name)\u{0}\(path)"
        if let file = read[key] as? Follower.File { return Follower.follow(names, in: file, path: path) }
        let file = Follower.read(path: path, text: text)
        read[key] = file
        return Follower.follow(names, in: file, path: path)
    }

    /// The documents of a tracked YAML or JSON file, parsed once (a variable template several pipelines name).
    func documents(of path: String) -> [DataNode]? {
        if let known = documents[path] { return known }
        let parsed = text(of: path).flatMap { try? StructuredParser.parse($0, path: path) }
        documents[path] = parsed
        return parsed
    }
}

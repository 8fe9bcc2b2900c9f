/// One way a command leads to more commands declared in a file of the repository: a task runner (make, just, tox,
/// nox, poe, npm, …), a shell script run by path, a job spec a CLI submits (a Kubernetes Job, an Anyscale job, a
/// Databricks bundle), a compose service. A follower is one file in `CI/Follow/`, registered in
/// `CommandFollowers.all`. It is a pure reading of text: nothing is executed.
protocol CommandFollower: Sendable {
    /// The follower's name in proofs and problems: "make", "tox", "kubectl apply".
    static var name: String { get }
    /// The file and the tasks `command` asks for, or nil when `command` is not one this follower reads.
    static func request(for command: ShellCommand) -> FollowRequest?
    /// What the tasks `names` (the file's default when empty) run, as declared in `text` (the file at `path`,
    /// relative to the repository root); nil when the file declares nothing for this follower (a pyproject.toml
    /// without `[tool.poe]`), so that the next candidate file is tried.
    static func follow(_ names: [String], path: String, text: String) -> FollowResult?
    /// What a file reads as before its tasks are followed: its text, or a parsed model (a `Makefile`) that the
    /// graph keeps, so that a file several commands name is parsed once.
    associatedtype File = String
    static func read(path: String, text: String) -> File
    /// `follow(_:path:text:)` on a file already read.
    static func follow(_ names: [String], in file: File, path: String) -> FollowResult?
    /// Whether the command's own words are only a name for what the file declares (`make smoke`, `tox -e e2e`,
    /// `bash scripts/smoke.sh`), so that once followed it counts only through what it leads to; false where the tool
    /// says what kind of thing runs (`dvc repro` runs the declared ML pipeline, `mlflow run` a project).
    static var isOnlyAName: Bool { get }
    /// Whether what the file runs runs in the directory of the command that ran it (a shell script) rather than in
    /// the file's own directory (a Makefile, a tox.ini, a compose file).
    static var runsInCallerDirectory: Bool { get }
}

extension CommandFollower {
    static var runsInCallerDirectory: Bool { false }
    static var isOnlyAName: Bool { true }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        follow(names, in: read(path: path, text: text), path: path)
    }
}

extension CommandFollower where File == String {
    static func read(path: String, text: String) -> String { text }
    static func follow(_ names: [String], in file: String, path: String) -> FollowResult? { follow(names, path: path, text: file) }
}

/// What a command asks a follower to read.
struct FollowRequest: Sendable, Hashable {
    /// Files to try in order, relative to the command's working directory (`tox.ini`, then `pyproject.toml`, …);
    /// the first the repository tracks whose `follow` is not nil is read.
    var candidates: [String]
    /// The tasks, sessions, services or jobs asked for; empty for the file's default.
    var names: [String]

    /// Whether a candidate the repository does not track is simply not followed, without a note (`source
    /// activate` finds `activate` on the PATH, not in the repository).
    var optional = false

    init(candidates: [String], names: [String] = [], optional: Bool = false) {
        self.candidates = candidates
        self.names = names
        self.optional = optional
    }
}

/// What a followed file declares for the tasks asked.
struct FollowResult: Sendable, Hashable {
    var steps: [FollowedStep] = []
    /// What could not be read or followed (no such task, a cycle, a limit).
    var problems: [CommandProblem] = []
    /// Tasks of the same file whose steps are already in `steps` (a Makefile's `$(MAKE) lint` followed in place),
    /// so that a command naming one of them is not followed again.
    var covered: [String] = []

    init(steps: [FollowedStep] = [], problems: [CommandProblem] = []) {
        self.steps = steps
        self.problems = problems
    }
}

/// One thing a followed file runs.
struct FollowedStep: Sendable, Hashable {
    enum Action: Sendable, Hashable {
        /// Shell text, read with `ShellCommandLine` (a recipe line, a tox command, a compose `command:` string).
        case shell(String)
        /// A command in exec form, one word an element (`command: ["python", "train.py"]`, `session.run("pytest")`).
        case words([String])
        /// A file that runs as a whole, relative to the repository root (a Databricks `python_file`, a notebook).
        case file(String)
    }

    var action: Action
    /// The 1-based line of the followed file it is written on.
    var line: Int
    /// The tasks that led to it inside the file, outermost first (`["test", "unit"]`); empty when none.
    var via: [String] = []
    /// The working directory it runs in, relative to the repository root, when the file sets one (tox
    /// `changedir`, a compose `working_dir` that maps to the repository); nil for the directory of the command.
    var directory: String?

    init(_ action: Action, line: Int, via: [String] = [], directory: String? = nil) {
        self.action = action
        self.line = line
        self.via = via
        self.directory = directory
    }
}

/// The registry: every follower, tried in this order for each command.
enum CommandFollowers {
    static let all: [any CommandFollower.Type] = [
        MakeFollower.self, JustFollower.self, ShellScriptFollower.self, DVCFollower.self, MLflowProjectFollower.self,
        KubernetesJobFollower.self, AnyscaleJobFollower.self, DockerBuildFollower.self, ComposeFollower.self,
        DatabricksBundleFollower.self,
        ToxFollower.self, NoxFollower.self, PackageScriptsFollower.self, PoeFollower.self,
        HatchFollower.self, PdmFollower.self, TaskfileFollower.self, MiseFollower.self,
    ]
}

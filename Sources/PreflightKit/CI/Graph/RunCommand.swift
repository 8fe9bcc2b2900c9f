/// One command a pipeline really runs, found in its steps or in a file a step runs, with the chain of places that
/// lead to it: `.github/workflows/ci.yml:15 make test → Makefile:12 python -m pytest tests/unit`.
public struct RunCommand: Sendable, Hashable {
    /// What runs: the program and its arguments, after assignments and wrappers (`uv run`, `python -m`); for an
    /// action, its identity (`actions/stale@v9`); for a file that runs as a whole, its path.
    public let words: [String]
    /// The wrappers it runs under, outermost first (`uv run`, `python -m`).
    public let prefixes: [String]
    /// Its working directory relative to the repository root ("" for the root); nil when it cannot be known
    /// (an absolute path, a variable).
    public var directory: String?
    public let kind: Kind
    /// From the pipeline's step to this command, each place with its text.
    public var chain: [Proof]
    /// The tracked test files it collects, when it runs a test runner Preflight reads.
    public var collected: [String]?
    /// Whether what it runs was followed into a file of the repository (`make test`, `bash ci.sh`, a local action):
    /// it then counts only through the commands it leads to, never by its own name.
    public var followed = false
    /// Whether it runs only when an earlier step failed (see `CIStep.onFailure`).
    public var onFailure = false

    public enum Kind: String, Sendable, Hashable {
        /// A command the shell runs.
        case command
        /// An action, task or template used by identity.
        case action
        /// A file that runs as a whole (a Databricks task's `python_file`, a script with a Python shebang).
        case file
    }

    /// The command as one line, wrappers first: `python -m pytest tests`.
    public let text: String
    /// What a probe's pattern is matched against: the wrappers, the program, the words before its first option
    /// (`python -m fraud.validate_model`, `great_expectations checkpoint run x`, `python train.py`) and the names of
    /// its options (`--benchmark-only`), never the values options take (`--ignore=tests/integration`,
    /// `-f canary.yaml`, `--config configs/hyperparams.yaml`).
    public let matchText: String
    /// What the command does, as far as its words say.
    public let role: Role

    public init(words: [String], prefixes: [String] = [], directory: String?, kind: Kind, chain: [Proof], collected: [String]? = nil) {
        self.words = words
        self.prefixes = prefixes
        self.directory = directory
        self.kind = kind
        self.chain = chain
        self.collected = collected
        text = (prefixes + words).joined(separator: " ")
        role = Self.role(words: words, prefixes: prefixes, kind: kind)
        guard kind == .command else {
            matchText = text
            return
        }
        let leading = words.prefix(1) + words.dropFirst().prefix { !$0.hasPrefix("-") }
        let options = words.dropFirst(leading.count).filter { $0.hasPrefix("-") }.map { String($0.prefix { $0 != "=" }) }
        matchText = (prefixes + leading + options).joined(separator: " ")
    }

    private static func role(words: [String], prefixes: [String], kind: Kind) -> Role {
        guard kind == .command, let program = words.first.map(CommandUnwrapping.baseName) else { return .runs }
        if textPrograms.contains(program) { return .text }
        // Under a runner (`hatch run test`, `pdm run test`) the word names a script, not the shell's `test`.
        if utilities.contains(program), prefixes.isEmpty { return .utility }
        let subcommand = words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
        if packageManagers[program]?.contains(subcommand) == true || systemInstallers.contains(program) { return .install }
        return .runs
    }

    /// Whether a command only writes text, installs packages, is a shell utility, or runs something.
    public enum Role: Sendable {
        case text, install, utility, runs
    }

    private static let textPrograms: Set<String> = ["echo", "printf", ":", "true", "false"]
    /// Shell built-ins and file utilities: conditions, directories, variables, copies. They run no practice.
    private static let utilities: Set<String> = [
        "[", "[[", "test", "cd", "pushd", "popd", "export", "set", "unset", "exit", "return", "shift", "sleep", "wait",
        "mkdir", "rmdir", "ls", "cp", "mv", "rm", "ln", "cat", "touch", "chmod", "chown", "pwd", "which", "type",
        "read", "trap", "umask", "ulimit", "alias", "local", "declare", "eval",
    ]
    private static let systemInstallers: Set<String> = ["apt", "apt-get", "yum", "dnf", "apk", "brew", "choco", "zypper"]
    private static let packageManagers: [String: Set<String>] = [
        "pip": ["install", "download", "wheel", "uninstall"], "pip3": ["install", "download", "wheel", "uninstall"],
        "uv": ["pip", "sync", "add", "lock", "venv", "tool", "python"], "poetry": ["install", "add", "lock", "update"],
        "pdm": ["install", "add", "sync", "lock", "update"], "pipenv": ["install", "sync", "lock"],
        "conda": ["install", "create", "env", "update"], "mamba": ["install", "create", "env", "update"],
        "micromamba": ["install", "create", "env", "update"], "npm": ["install", "ci", "i", "add"],
        "yarn": ["install", "add"], "pnpm": ["install", "add", "i"], "gem": ["install"], "cargo": ["install", "fetch"],
        "go": ["get", "install", "mod"],
    ]
}

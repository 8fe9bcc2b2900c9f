/// A run of a test runner, and the tracked test files it collects.
struct TestCollection: Sendable, Hashable {
    /// The runner as Preflight names it: `pytest`, `unittest`, `go test`, `mvn`, `gradle`, `sbt`, `jest`, `vitest`.
    var runner: String
    /// Repository-relative paths, sorted.
    var files: [String]
    /// What could not be known or makes the run collect nothing (a path in a variable, `--pyargs` modules, a path
    /// that does not exist, `--collect-only`), each on the command's line.
    var problems: [CommandProblem]
}

/// Which tracked test files a test command collects, read from its arguments and the runner's configuration files
/// as the runner documents them. Pure: the caller gives the tracked files and a reader of their text.
enum TestCollector {
    /// nil when `command` runs no test runner Preflight knows. `directory` is the command's working directory
    /// relative to the repository root ("" for the root); a `cd` inside the command is the caller's to apply. `files`
    /// are all tracked files, sorted. `read` returns a tracked file's text (nil when untracked or unreadable) — used
    /// for config files only.
    static func collect(_ command: ShellCommand, in directory: String, files: [String], read: (String) -> String?) -> TestCollection? {
        let paths = TrackedPaths(sorted: files)
        let problem = { (message: String) in CommandProblem(line: command.line, message: message) }
        guard let directory = RepositoryPath.join("", directory) else {
            return runner(of: command).map { TestCollection(runner: $0, files: [], problems: [problem("working directory \(directory): not resolved")]) }
        }
        switch command.program {
        case "pytest", "py.test":
            return withoutActuallyEscaping(read) { read in
                var collector = PytestCollector(command: command, directory: directory, paths: paths, read: read)
                let found = collector.collect()
                return TestCollection(runner: "pytest", files: found, problems: collector.problems.map(problem))
            }
        case "unittest" where command.prefixes.last?.hasSuffix("-m") == true:
            var collector = UnittestCollector(command: command, directory: directory, paths: paths)
            let found = collector.collect()
            return TestCollection(runner: "unittest", files: found, problems: collector.problems.map(problem))
        case "go" where command.arguments.first == "test":
            return withoutActuallyEscaping(read) { read in
                var collector = GoTestCollector(command: command, directory: directory, paths: paths, read: read)
                let found = collector.collect()
                return TestCollection(runner: "go test", files: found, problems: collector.problems.map(problem))
            }
        case "jest", "vitest":
            let tool = JSTestCollector.Tool(rawValue: command.program)!
            return withoutActuallyEscaping(read) { read in
                var collector = JSTestCollector(tool, command: command, directory: directory, paths: paths, read: read)
                guard let found = collector.collect() else { return nil }
                return TestCollection(runner: tool.rawValue, files: found, problems: collector.problems.map(problem))
            }
        default:
            guard let tool = JVMTestCollector.tool(of: command) else { return nil }
            var collector = JVMTestCollector(tool, command: command, directory: directory, paths: paths)
            guard let found = collector.collect() else { return nil }
            return TestCollection(runner: tool.rawValue, files: found, problems: collector.problems.map(problem))
        }
    }

    /// The runner `command` runs, nil when none Preflight knows.
    static func runner(of command: ShellCommand) -> String? {
        collect(command, in: "", files: [], read: { _ in nil })?.runner
    }
}

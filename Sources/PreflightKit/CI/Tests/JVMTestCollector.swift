/// What the test task of a JVM build runs, by each build tool's conventions (build files are not read): the test
/// sources `src/test/{java,kotlin,groovy,scala}/` of the project in the working directory and of the projects below
/// it (a build runs its subprojects' tests too), or of the projects selected.
///
/// - Maven (`mvn`, `mvnw`): a phase that includes `test` (`test`, `package`, `verify`, `install`, `deploy`, …) or
///   `surefire:test`; Surefire's default includes (`Test*`, `*Test`, `*Tests`, `*TestCase`); `-pl` projects, `-f`;
///   `-DskipTests`, `-Dmaven.test.skip` run nothing; `-Dtest=` class patterns.
/// - Gradle (`gradle`, `gradlew`): `test`, `check`, `build` (also `:sub:test`); every test source; `-x test` runs
///   nothing; `--tests` class patterns.
/// - sbt: `test`, `+test`, `core/test` (the directory `core` when there is one), `testOnly PATTERNS`; every test
///   source.
struct JVMTestCollector {
    enum Tool: String { case maven = "mvn", gradle, sbt }

    let tool: Tool
    let command: ShellCommand
    let directory: String
    let paths: TrackedPaths
    private(set) var problems: [String] = []

    static let sourceSets = ["java", "kotlin", "groovy", "scala"]
    static let extensions = [".java", ".kt", ".groovy", ".scala"]

    /// The tool `command` runs, when it is one of these and runs tests.
    static func tool(of command: ShellCommand) -> Tool? {
        switch command.program {
        case "mvn", "mvnw": .maven
        case "gradle", "gradlew": .gradle
        case "sbt": .sbt
        default: nil
        }
    }

    init(_ tool: Tool, command: ShellCommand, directory: String, paths: TrackedPaths) {
        self.tool = tool
        self.command = command
        self.directory = directory
        self.paths = paths
    }

    /// nil when the command runs no test task.
    mutating func collect() -> [String]? {
        switch tool {
        case .maven: maven()
        case .gradle: gradle()
        case .sbt: sbt()
        }
    }

    private static let mavenTestPhases: Set<String> = [
        "test", "prepare-package", "package", "pre-integration-test", "integration-test", "post-integration-test",
        "verify", "install", "deploy", "surefire:test",
    ]

    private mutating func maven() -> [String]? {
        var words = command.arguments[...]
        var runsTests = false, skipped = false
        var base = directory
        var projects: [String] = []
        var filters: [String] = []
        while var word = words.popFirst() {
            if word == "-D", let property = words.popFirst() { word = "-D" + property }
            switch word {
            case "-pl", "--projects": projects += (words.popFirst() ?? "").split(separator: ",").map(String.init)
            case "-f", "--file":
                if let file = words.popFirst(), let path = RepositoryPath.join(directory, file) {
                    base = file.hasSuffix(".xml") ? RepositoryPath.parent(path) : path
                }
            case "-P", "-s", "-gs", "-t", "-T", "-rf", "-b", "-l": _ = words.popFirst()
            default:
                if word.hasPrefix("-DskipTests") || word.hasPrefix("-Dmaven.test.skip") {
                    skipped = !(word.hasSuffix("=false"))
                } else if word.hasPrefix("-Dtest=") {
                    filters += word.dropFirst("-Dtest=".count).split(separator: ",").map(String.init)
                } else if !word.hasPrefix("-"), Self.mavenTestPhases.contains(word) || word.hasSuffix(":surefire:test") {
                    runsTests = true
                }
            }
        }
        guard runsTests else { return nil }
        if skipped {
            problems.append("tests are skipped (-DskipTests or -Dmaven.test.skip)")
            return []
        }
        let roots = projects.isEmpty ? [base] : projects.compactMap { project -> String? in
            // `-pl :artifact` names an artifact id, which only the pom says.
            guard !project.hasPrefix(":"), !project.hasPrefix("!"), let path = RepositoryPath.join(base, project) else {
                problems.append("-pl \(project): not resolved")
                return nil
            }
            return path
        }
        return testSources(below: roots, filters: filters) { name in
            name.hasPrefix("Test") || name.hasSuffix("Test") || name.hasSuffix("Tests") || name.hasSuffix("TestCase")
        }
    }

    private mutating func gradle() -> [String]? {
        var words = command.arguments[...]
        var roots: [String] = []
        var everywhere = false
        var excluded = false
        var filters: [String] = []
        let valued: Set<String> = ["-p", "--project-dir", "-b", "--build-file", "-c", "--settings-file", "-I", "--init-script",
                                   "-g", "--gradle-user-home", "--console", "--warning-mode", "--max-workers", "-D", "-P"]
        var base = directory
        while let word = words.popFirst() {
            if word == "-x" || word == "--exclude-task" {
                if let task = words.popFirst(), ["test", "check"].contains(task.split(separator: ":").last.map(String.init) ?? task) { excluded = true }
                continue
            }
            if word == "--tests" {
                if let filter = words.popFirst() { filters.append(filter) }
                continue
            }
            if word == "-p" || word == "--project-dir", let value = words.first {
                base = RepositoryPath.join(directory, value) ?? base
            }
            if valued.contains(word) { _ = words.popFirst(); continue }
            guard !word.hasPrefix("-") else { continue }
            let parts = word.split(separator: ":", omittingEmptySubsequences: false)
            guard let task = parts.last, ["test", "check", "build"].contains(task) else { continue }
            let project = parts.dropLast().filter { !$0.isEmpty }.joined(separator: "/")
            if project.isEmpty { everywhere = true } else if let path = RepositoryPath.join(base, project) { roots.append(path) }
        }
        guard everywhere || !roots.isEmpty else { return nil }
        if excluded {
            problems.append("-x test: the test task is excluded")
            return []
        }
        return testSources(below: everywhere ? [base] : roots, filters: filters) { _ in true }
    }

    private mutating func sbt() -> [String]? {
        var roots: [String] = []
        var filters: [String] = []
        for argument in command.arguments {
            // A quoted argument is one sbt command with its own words: `"testOnly *ModelSpec"`.
            let words = argument.split(separator: " ").map(String.init)
            guard let first = words.first else { continue }
            let scoped = first.drop { $0 == "+" }.split(separator: "/")
            guard let task = scoped.last, ["test", "testOnly", "testQuick"].contains(task) else { continue }
            filters += words.dropFirst().prefix { $0 != "--" }
            // `core/test`: a project's id, which is its directory's name unless build.sbt says otherwise.
            let project = scoped.count == 2 ? RepositoryPath.join(directory, String(scoped[0])) : nil
            roots.append(project.flatMap { paths.isDirectory($0) ? $0 : nil } ?? directory)
        }
        guard !roots.isEmpty else { return nil }
        return testSources(below: roots, filters: filters) { _ in true }
    }

    /// The files of the test source sets below `roots` whose class name `isTest` accepts and the filters select.
    private mutating func testSources(below roots: [String], filters: [String], isTest: (Substring) -> Bool) -> [String] {
        let patterns = filters.prefix(256).map { filter -> (include: Bool, pattern: FilenamePattern) in
            let include = !filter.hasPrefix("!")
            var text = include ? filter : String(filter.dropFirst())
            if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
            return (include, FilenamePattern(text))
        }
        var result = Set<String>()
        for root in Set(roots).sorted() {
            for file in paths.below(root) {
                guard let className = Self.testClass(file), isTest(RepositoryPath.name(file).prefix { $0 != "." }) else { continue }
                let simple = className.split(separator: ".").last.map(String.init) ?? className
                let includes = patterns.filter(\.include)
                let selected = includes.isEmpty || includes.contains { $0.pattern.matches(className) || $0.pattern.matches(simple) }
                let dropped = patterns.contains { !$0.include && ($0.pattern.matches(className) || $0.pattern.matches(simple)) }
                if selected, !dropped { result.insert(file) }
            }
        }
        return result.sorted()
    }

    /// The qualified class name of a file under `…/src/test/<set>/` with a JVM source extension.
    private static func testClass(_ file: String) -> String? {
        guard let ext = extensions.first(where: file.hasSuffix) else { return nil }
        for set in sourceSets {
            let marker = "src/test/\(set)/"
            guard let range = file.range(of: file.hasPrefix(marker) ? marker : "/" + marker) else { continue }
            let relative = file[range.upperBound...].dropLast(ext.count)
            return String(relative.map { $0 == "/" ? "." : $0 })
        }
        return nil
    }
}

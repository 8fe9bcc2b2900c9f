/// What `go test` runs: the `_test.go` files of the packages named, read as the go command documents package
/// patterns in module mode — `.` (also what no package means), relative directories, `./...` (a directory and
/// those below it, except directories starting with `.` or `_`, `testdata`, `vendor` and nested modules), and
/// import paths of the module whose go.mod is nearest above the working directory. Build constraints are not read:
/// every test file of a package counts.
struct GoTestCollector {
    let command: ShellCommand
    let directory: String
    let paths: TrackedPaths
    let read: (String) -> String?
    private(set) var problems: [String] = []

    init(command: ShellCommand, directory: String, paths: TrackedPaths, read: @escaping (String) -> String?) {
        self.command = command
        self.directory = directory
        self.paths = paths
        self.read = read
    }

    /// Flags of `go test` and of the build that take a value (`-run X` or `-run=X`).
    private static let valued: Set<String> = [
        "run", "skip", "bench", "benchtime", "count", "covermode", "coverpkg", "coverprofile", "cpu", "list", "parallel",
        "timeout", "shuffle", "fuzz", "fuzztime", "fuzzminimizetime", "blockprofile", "blockprofilerate", "cpuprofile",
        "memprofile", "memprofilerate", "mutexprofile", "mutexprofilefraction", "outputdir", "trace", "o", "exec", "tags",
        "p", "mod", "modfile", "ldflags", "gcflags", "asmflags", "gccgoflags", "pkgdir", "toolexec", "overlay", "pgo", "C",
        "vet", "compiler", "installsuffix", "buildmode", "coverpkg", "json-output",
    ]

    mutating func collect() -> [String] {
        var words = command.arguments.dropFirst()
        var patterns: [String] = []
        var workingDirectory = directory
        while let word = words.popFirst() {
            if word == "-args" || word == "--args" { break }
            guard word.hasPrefix("-"), word.count > 1 else {
                patterns.append(word)
                continue
            }
            let flag = word.drop { $0 == "-" }
            let name = flag.prefix { $0 != "=" }
            var value = flag.contains("=") ? String(flag.drop { $0 != "=" }.dropFirst()) : nil
            if Self.valued.contains(String(name)), value == nil { value = words.popFirst() }
            switch (name, value) {
            case ("c", _), ("list", _):
                problems.append("-\(name): go test runs no test")
                return []
            case ("C", let value?):
                guard let moved = RepositoryPath.join(directory, value) else {
                    problems.append("-C \(value): not resolved")
                    return []
                }
                workingDirectory = moved
            default: break
            }
        }
        if patterns.isEmpty { patterns = ["."] }
        var collected = Set<String>()
        let files = patterns.filter { $0.hasSuffix(".go") }
        for file in files {
            guard let path = RepositoryPath.join(workingDirectory, file), paths.isFile(path) else {
                problems.append("\(file): not a tracked file")
                continue
            }
            if Self.isTestFile(RepositoryPath.name(path)) { collected.insert(path) }
        }
        for pattern in patterns where !pattern.hasSuffix(".go") {
            guard let found = packageFiles(pattern, in: workingDirectory) else { continue }
            if found.isEmpty, !pattern.contains("...") { continue }
            if found.isEmpty { problems.append("\(pattern): matched no test files") }
            collected.formUnion(found)
        }
        return collected.sorted()
    }

    /// The test files of the packages `pattern` names; nil when it cannot be known.
    private mutating func packageFiles(_ pattern: String, in workingDirectory: String) -> [String]? {
        var relative = pattern
        var base = workingDirectory
        if !(pattern == "." || pattern == ".." || pattern.hasPrefix("./") || pattern.hasPrefix("../")) {
            guard let (moduleDirectory, module) = module(above: workingDirectory),
                  pattern == module || pattern.hasPrefix(module + "/") || pattern == module + "/..." else {
                problems.append("\(pattern): not a package of this module")
                return nil
            }
            base = moduleDirectory
            relative = pattern == module ? "." : "./" + pattern.dropFirst(module.count + 1)
        }
        let recursive = relative.hasSuffix("/...") || relative == "..."
        let fixed = recursive ? String(relative.dropLast(relative == "..." ? 3 : 4)) : relative
        guard !fixed.contains("..."), let root = RepositoryPath.join(base, fixed.isEmpty ? "." : fixed) else {
            problems.append("\(pattern): not resolved")
            return nil
        }
        if let own = moduleDirectory(above: workingDirectory), moduleDirectory(above: root) != own {
            problems.append("\(pattern): in another module than the working directory's (go.work is not read)")
            return nil
        }
        guard recursive else {
            return paths.below(root).filter { RepositoryPath.parent($0) == root && Self.isTestFile(RepositoryPath.name($0)) }
        }
        var excluded: [String: Bool] = [root: false]
        return paths.below(root).filter { file in
            Self.isTestFile(RepositoryPath.name(file)) && !isExcluded(RepositoryPath.parent(file), &excluded)
        }
    }

    /// Whether `./...` leaves a directory out: its name, or a go.mod of its own (another module).
    private func isExcluded(_ directory: String, _ excluded: inout [String: Bool]) -> Bool {
        if let known = excluded[directory] { return known }
        let name = RepositoryPath.name(directory)
        let verdict = isExcluded(RepositoryPath.parent(directory), &excluded) || name.hasPrefix(".") || name.hasPrefix("_")
            || name == "testdata" || name == "vendor" || paths.isFile(directory + "/go.mod")
        excluded[directory] = verdict
        return verdict
    }

    private func moduleDirectory(above directory: String) -> String? {
        RepositoryPath.upward(from: directory).first { paths.isFile($0.isEmpty ? "go.mod" : $0 + "/go.mod") }
    }

    /// The nearest go.mod at or above `directory`: its directory and module path.
    private func module(above directory: String) -> (String, String)? {
        for candidate in RepositoryPath.upward(from: directory) {
            let path = candidate.isEmpty ? "go.mod" : candidate + "/go.mod"
            guard paths.isFile(path), let text = read(path) else { continue }
            for line in text.split(whereSeparator: \.isNewline).prefix(10_000) {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if words.first == "module", words.count >= 2 {
                    return (candidate, String(words[1].filter { $0 != "\"" }))
                }
            }
            return nil
        }
        return nil
    }

    private static func isTestFile(_ name: Substring) -> Bool {
        name.hasSuffix("_test.go") && !name.hasPrefix("_") && !name.hasPrefix(".")
    }
}

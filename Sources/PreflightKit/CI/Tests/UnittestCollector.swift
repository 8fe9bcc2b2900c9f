/// What `python -m unittest` runs: the modules named (`tests.test_model`, `tests/test_model.py`), or discovery
/// (`discover [-s START] [-p PATTERN] [-t TOP]`, also what a run without names does) of the files below the start
/// directory whose names match the pattern (`test*.py`) and are importable module names.
///
/// Discovery on Python 3.11 and later enters only packages (directories with `__init__.py`); here every directory
/// with an importable name is entered, and the files found through one that is not a package are noted.
struct UnittestCollector {
    let command: ShellCommand
    let directory: String
    let paths: TrackedPaths
    private(set) var problems: [String] = []

    init(command: ShellCommand, directory: String, paths: TrackedPaths) {
        self.command = command
        self.directory = directory
        self.paths = paths
    }

    /// Options of `python -m unittest` and of `discover` that take a value.
    private static let valued: Set<String> = ["-k", "--durations", "-s", "--start-directory", "-p", "--pattern", "-t", "--top-level-directory"]

    mutating func collect() -> [String] {
        var words = command.arguments[...]
        let discovers = words.first == "discover"
        if discovers { words = words.dropFirst() }
        var options: [String: String] = [:]
        var positional: [String] = []
        while let word = words.popFirst() {
            guard word.hasPrefix("-"), word.count > 1 else {
                positional.append(word)
                continue
            }
            let (name, joined) = word.hasPrefix("--") ? Self.split(word) : (String(word.prefix(2)), word.count > 2 ? String(word.dropFirst(2)) : nil)
            guard Self.valued.contains(name) else { continue }
            if let value = joined ?? words.popFirst() { options[Self.short(name)] = value }
        }
        if !discovers {
            return positional.isEmpty ? discover(start: ".", pattern: "test*.py", top: nil) : names(positional)
        }
        let start = options["-s"] ?? positional.first ?? "."
        let pattern = options["-p"] ?? (positional.count > 1 ? positional[1] : "test*.py")
        let top = options["-t"] ?? (positional.count > 2 ? positional[2] : nil)
        return discover(start: start, pattern: pattern, top: top)
    }

    private mutating func discover(start written: String, pattern: String, top: String?) -> [String] {
        guard let start = RepositoryPath.join(directory, written) else {
            problems.append("discover -s \(written): not resolved")
            return []
        }
        guard paths.isDirectory(start) else {
            problems.append("discover -s \(written): not a tracked directory (a dotted start is not resolved)")
            return []
        }
        if let top, let topPath = RepositoryPath.join(directory, top), topPath != start, !paths.isFile(start + "/__init__.py") {
            problems.append("discover -s \(written) -t \(top): the start directory is not a package; unittest cannot import it")
        }
        let matcher = FilenamePattern(pattern)
        var result: [String] = []
        var notPackages = Set<String>()
        var entered: [String: Bool] = [start: true]
        for file in paths.below(start) {
            let name = RepositoryPath.name(file)
            guard Self.isModuleName(name), matcher.matches(name) else { continue }
            let parent = RepositoryPath.parent(file)
            guard enterable(parent, &entered) else { continue }
            result.append(file)
            if let first = firstNonPackage(parent, below: start) { notPackages.insert(first) }
        }
        for directory in notPackages.sorted().prefix(10) {
            problems.append("\(directory): no __init__.py; unittest discovery on Python 3.11+ does not enter it")
        }
        return result
    }

    /// Whether every directory from the start down to `directory` has an importable name.
    private func enterable(_ directory: String, _ entered: inout [String: Bool]) -> Bool {
        if let known = entered[directory] { return known }
        let verdict = enterable(RepositoryPath.parent(directory), &entered) && Self.isIdentifier(RepositoryPath.name(directory))
        entered[directory] = verdict
        return verdict
    }

    private func firstNonPackage(_ directory: String, below start: String) -> String? {
        let relative = RepositoryPath.relative(directory, to: start)
        guard !relative.isEmpty else { return nil }
        var current = start
        for segment in relative.split(separator: "/") {
            current = current.isEmpty ? String(segment) : current + "/" + segment
            if !paths.isFile(current + "/__init__.py") { return current }
        }
        return nil
    }

    /// Each name as the module file it loads: `a.b.C.test_x` is `a/b.py` (the longest prefix that is a module), `a`
    /// a package's `a/__init__.py`; `a/b.py` is itself.
    private mutating func names(_ names: [String]) -> [String] {
        var result = Set<String>()
        for name in names {
            if name.hasSuffix(".py") || name.contains("/") {
                if let path = RepositoryPath.join(directory, name), path.hasSuffix(".py"), paths.isFile(path) {
                    result.insert(path)
                } else {
                    problems.append("\(name): not a tracked module file")
                }
                continue
            }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.allSatisfy({ Self.isIdentifier($0[...]) }) else {
                problems.append("\(name): not a module name")
                continue
            }
            var found: String?
            for count in stride(from: parts.count, through: 1, by: -1) {
                let base = parts.prefix(count).joined(separator: "/")
                guard let joined = RepositoryPath.join(directory, base) else { break }
                if paths.isFile(joined + ".py") { found = joined + ".py"; break }
                // What follows a package's name is a module of it, not found: an attribute of a package is rare.
                if paths.isFile(joined + "/__init__.py") {
                    if count == parts.count { found = joined + "/__init__.py" }
                    break
                }
            }
            if let found { result.insert(found) } else { problems.append("\(name): no tracked module") }
        }
        return result.sorted()
    }

    /// unittest's `[_a-z]\w*\.py` (ignoring case).
    private static func isModuleName(_ name: Substring) -> Bool {
        name.hasSuffix(".py") && isIdentifier(name.dropLast(3))
    }

    private static func isIdentifier(_ name: Substring) -> Bool {
        guard let first = name.first, first == "_" || first.isLetter else { return false }
        return name.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }

    private static func short(_ name: String) -> String {
        switch name {
        case "--start-directory": "-s"
        case "--pattern": "-p"
        case "--top-level-directory": "-t"
        default: name
        }
    }

    private static func split(_ word: String) -> (String, String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }
}

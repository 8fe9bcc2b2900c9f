/// What jest or vitest runs: the files below the root that their test patterns match, outside `node_modules`,
/// narrowed by the path filters of the command line.
///
/// - jest: `testMatch` (default: files under `__tests__`, and `*.test.*` / `*.spec.*` scripts), `roots` and
///   `testPathIgnorePatterns` from a JSON config (`-c`, `jest.config.json`, or the `jest` key of package.json);
///   path filters are regular expressions, applied here when they are plain text (a `.` read as itself).
/// - vitest: the default `include` (`*.test.*` / `*.spec.*` scripts), `--dir`, `--exclude`; path filters are
///   substrings of the path.
///
/// Configuration written as code (`jest.config.js`, `vitest.config.ts`) is not read: its defaults are assumed, and
/// a problem says so.
struct JSTestCollector {
    enum Tool: String { case jest, vitest }

    let tool: Tool
    let command: ShellCommand
    let directory: String
    let paths: TrackedPaths
    let read: (String) -> String?
    private(set) var problems: [String] = []

    static let scriptExtensions: Set<Substring> = ["js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts"]

    init(_ tool: Tool, command: ShellCommand, directory: String, paths: TrackedPaths, read: @escaping (String) -> String?) {
        self.tool = tool
        self.command = command
        self.directory = directory
        self.paths = paths
        self.read = read
    }

    private static let valued: [Tool: Set<String>] = [
        .jest: ["-c", "--config", "--rootDir", "--roots", "-t", "--testNamePattern", "-w", "--maxWorkers", "--reporters",
                "--coverageDirectory", "--outputFile", "--shard", "--testTimeout", "--selectProjects", "--testMatch",
                "--testRegex", "--testPathPattern", "--testPathPatterns", "--testPathIgnorePatterns", "--coverageReporters",
                "--collectCoverageFrom", "--seed", "--env", "--testEnvironment", "--testSequencer", "--json-output"],
        .vitest: ["-c", "--config", "-r", "--root", "--dir", "-t", "--testNamePattern", "--project", "--exclude",
                  "--reporter", "--outputFile", "--shard", "--pool", "--environment", "--maxWorkers", "--minWorkers",
                  "--testTimeout", "--hookTimeout", "--retry", "--bail", "--mode", "--workspace", "--sequence.seed"],
    ]

    /// nil when the command runs no tests (`vitest bench`).
    mutating func collect() -> [String]? {
        var words = command.arguments[...]
        if tool == .vitest, let first = words.first, ["run", "watch", "dev", "related", "bench", "list", "init"].contains(first) {
            words = words.dropFirst()
            switch first {
            case "bench", "init": return nil
            case "list":
                problems.append("vitest list: runs no test")
                return []
            case "related":
                problems.append("vitest related: the files related to the ones given are not resolved")
                return []
            default: break
            }
        }
        var options: [String: [String]] = [:]
        var filters: [String] = []
        while let word = words.popFirst() {
            guard word.hasPrefix("-"), word.count > 1 else {
                filters.append(word)
                continue
            }
            if word == "--listTests" {
                problems.append("--listTests: jest runs no test")
                return []
            }
            let (name, joined) = word.firstIndex(of: "=").map { (String(word[..<$0]), String(word[word.index(after: $0)...])) } ?? (word, nil)
            guard Self.valued[tool]!.contains(name), let value = joined ?? words.popFirst() else { continue }
            options[name, default: []].append(value)
        }
        switch tool {
        case .jest: return jest(options, filters: filters + (options["--testPathPattern"] ?? []) + (options["--testPathPatterns"] ?? []))
        case .vitest: return vitest(options, filters: filters)
        }
    }

    private mutating func jest(_ options: [String: [String]], filters: [String]) -> [String] {
        var root = directory
        if let written = (options["--rootDir"] ?? []).last {
            guard let path = RepositoryPath.join(directory, written) else {
                problems.append("--rootDir \(written): not resolved")
                return []
            }
            root = path
        }
        let config = jestConfig(options, root: &root)
        var testMatch: [Glob]?
        if let patterns = config?["testMatch"]?.elements.compactMap(\.string), !patterns.isEmpty {
            testMatch = patterns.prefix(256).compactMap { pattern in
                let relative = pattern.replacingOccurrences(of: "<rootDir>/", with: "")
                guard !["?(", "+(", "@(", "!(", "*("].contains(where: relative.contains), let glob = try? Glob(relative) else {
                    problems.append("testMatch \(pattern): not applied")
                    return nil
                }
                return glob
            }
        }
        if config?["testRegex"] != nil { problems.append("testRegex is a regular expression; the default testMatch is assumed") }
        let rootsWritten = options["--roots"] ?? config?["roots"]?.elements.compactMap(\.string) ?? ["<rootDir>"]
        let roots = rootsWritten.prefix(256).compactMap { written -> String? in
            let relative = written.replacingOccurrences(of: "<rootDir>", with: ".")
            return RepositoryPath.join(root, relative.hasPrefix("/") ? "." + relative : relative)
        }
        var ignores = (options["--testPathIgnorePatterns"] ?? config?["testPathIgnorePatterns"]?.elements.compactMap(\.string) ?? ["/node_modules/"])
            .prefix(256).compactMap { literal($0.replacingOccurrences(of: "<rootDir>", with: root.isEmpty ? "" : "/" + root), what: "testPathIgnorePatterns") }
        if ignores.isEmpty, config?["testPathIgnorePatterns"] == nil { ignores = ["/node_modules/"] }
        let pathFilters = filters.prefix(256).compactMap { literal($0, what: "the path pattern") }
        let unreadFilters = filters.count > pathFilters.count
        var result = Set<String>()
        for base in Set(roots).sorted() {
            for file in paths.below(base) {
                let absolute = "/" + file
                guard !ignores.contains(where: absolute.contains) else { continue }
                let relative = RepositoryPath.relative(file, to: root)
                let matched = testMatch.map { globs in globs.contains { $0.matches(relative) } } ?? Self.jestDefault(file)
                guard matched, unreadFilters || pathFilters.isEmpty || pathFilters.contains(where: absolute.contains) else { continue }
                result.insert(file)
            }
        }
        return result.sorted()
    }

    /// The JSON configuration jest reads: `-c FILE`, `jest.config.json`, or package.json's `jest`; nil when none
    /// (or one written as code, with a problem). A config's `rootDir` moves the root.
    private mutating func jestConfig(_ options: [String: [String]], root: inout String) -> DataNode? {
        var candidates: [(path: String, key: String?)] = []
        if let written = (options["-c"] ?? options["--config"] ?? []).last {
            guard let path = RepositoryPath.join(directory, written) else {
                problems.append("--config \(written): not resolved")
                return nil
            }
            candidates = [(path, nil)]
        } else {
            for name in ["jest.config.js", "jest.config.ts", "jest.config.mjs", "jest.config.cjs", "jest.config.cts", "jest.config.json"] {
                candidates.append((root.isEmpty ? name : root + "/" + name, nil))
            }
            candidates.append((root.isEmpty ? "package.json" : root + "/package.json", "jest"))
        }
        for (path, key) in candidates where paths.isFile(path) {
            guard path.hasSuffix(".json") else {
                problems.append("\(path) is code; its settings are not read (jest's defaults are assumed)")
                return nil
            }
            guard let text = read(path), let document = (try? StructuredParser.parse(text, path: path))?.first else {
                problems.append("\(path): not read")
                return nil
            }
            guard let config = key.map({ document[$0] }) ?? document else { continue }
            if let written = config["rootDir"]?.string {
                root = RepositoryPath.join(RepositoryPath.parent(path), written.replacingOccurrences(of: "<rootDir>", with: ".")) ?? root
            } else {
                root = RepositoryPath.parent(path)
            }
            return config
        }
        return nil
    }

    private mutating func vitest(_ options: [String: [String]], filters: [String]) -> [String] {
        var root = directory
        for written in (options["-r"] ?? []) + (options["--root"] ?? []) {
            root = RepositoryPath.join(directory, written) ?? root
        }
        let configs = ["vitest.config", "vite.config", "vitest.workspace"].flatMap { base in
            ["ts", "mts", "cts", "js", "mjs", "cjs"].map { base + "." + $0 }
        }
        if let written = (options["-c"] ?? options["--config"] ?? []).last {
            problems.append("\(written) is code; its settings are not read (vitest's defaults are assumed)")
        } else if let config = configs.first(where: { paths.isFile(root.isEmpty ? $0 : root + "/" + $0) }) {
            problems.append("\(root.isEmpty ? config : root + "/" + config) is code; its settings are not read (vitest's defaults are assumed)")
        }
        let base = (options["--dir"] ?? []).last.flatMap { RepositoryPath.join(root, $0) } ?? root
        let excludes = (options["--exclude"] ?? []).prefix(256).compactMap { try? Glob($0) }
        var result: [String] = []
        for file in paths.below(base) {
            let relative = RepositoryPath.relative(file, to: root)
            guard Self.vitestDefault(file), !excludes.contains(where: { $0.matches(relative) }),
                  filters.isEmpty || filters.contains(where: file.contains) else { continue }
            result.append(file)
        }
        return result
    }

    /// A regular expression as the text it matches, when it is plain (letters, digits, `/`, `-`, `_`, `.`); else
    /// nil with a problem.
    private mutating func literal(_ pattern: String, what: String) -> String? {
        if pattern.allSatisfy({ $0.isLetter || $0.isNumber || "/-_.".contains($0) }) { return pattern }
        problems.append("\(what) \(pattern) is a regular expression; not applied")
        return nil
    }

    /// `**/__tests__/**/*.?([mc])[jt]s?(x)` or `**/?(*.)+(spec|test).?([mc])[jt]s?(x)`, outside node_modules.
    static func jestDefault(_ file: String) -> Bool {
        let segments = file.split(separator: "/")
        guard let name = segments.last, let dot = name.lastIndex(of: "."), scriptExtensions.contains(name[name.index(after: dot)...]) else {
            return false
        }
        if segments.dropLast().contains("__tests__") { return true }
        var stem = name[..<dot]
        var repeats = 0
        while stem.hasSuffix("test") || stem.hasSuffix("spec") {
            stem = stem.dropLast(4)
            repeats += 1
        }
        return repeats > 0 && (stem.isEmpty || stem.hasSuffix("."))
    }

    /// `**/*.{test,spec}.?(c|m)[jt]s?(x)`, outside `node_modules` and `.git` (vitest 3's default exclude).
    static func vitestDefault(_ file: String) -> Bool {
        let segments = file.split(separator: "/")
        guard let name = segments.last, !segments.dropLast().contains(where: { $0 == "node_modules" || $0 == ".git" }) else { return false }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, let ext = parts.last, scriptExtensions.contains(ext) else { return false }
        return parts[parts.count - 2] == "test" || parts[parts.count - 2] == "spec"
    }
}

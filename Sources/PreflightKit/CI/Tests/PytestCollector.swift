/// What a pytest run collects, read as pytest documents it: the paths given (or `testpaths` when the run starts in
/// the rootdir, or the working directory), the configuration file found from them upward, its `addopts` joined
/// before the command line, `python_files` and `norecursedirs` (or their defaults), `--ignore`, `--ignore-glob`,
/// whole-file `--deselect`, and the virtual environments pytest skips. A path given as a file is collected whatever
/// its name; the directories above a given path are not filtered, those below it are. With the notebook plugins'
/// `--nbmake` or `--nbval`, `.ipynb` files are test files too.
struct PytestCollector {
    let command: ShellCommand
    let directory: String
    let paths: TrackedPaths
    let read: (String) -> String?
    private(set) var problems: [String] = []
    /// Shell globs and `testpaths` globs expanded, each a pass over the files below its fixed part.
    private var expanded: [String: [String]] = [:]
    private var globsCut = false

    /// Bounds that keep a hostile command line or configuration linear in the repository's size.
    static let maxPatterns = 256
    static let maxGlobs = 64
    static let maxScanned = 4_000_000

    static let defaultPythonFiles = ["test_*.py", "*_test.py"]
    static let defaultNorecursedirs = ["*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}"]

    init(command: ShellCommand, directory: String, paths: TrackedPaths, read: @escaping (String) -> String?) {
        self.command = command
        self.directory = directory
        self.paths = paths
        self.read = read
    }

    mutating func collect() -> [String] {
        var words: [String] = []
        for assignment in command.assignments where assignment.hasPrefix("PYTEST_ADDOPTS=") {
            words += split(String(assignment.dropFirst("PYTEST_ADDOPTS=".count)), what: "PYTEST_ADDOPTS")
        }
        var arguments = PytestArguments(words + command.arguments)
        arguments.adoptExistingPaths { RepositoryPath.join(directory, $0).map(paths.exists) ?? false }
        let given = arguments.paths.compactMap { resolve($0, pyargs: arguments.pyargs, quiet: true) }.flatMap { $0 }
        let ancestor = given.isEmpty ? directory : RepositoryPath.commonAncestor(given.map { paths.isFile($0) ? RepositoryPath.parent($0) : $0 })

        let (config, rootdir) = configuration(arguments, ancestor: ancestor)
        var settings = config?.values ?? [:]
        if let config { problems += config.problems }
        var addopts = PytestArguments(settings["addopts"] ?? [])
        addopts.adoptExistingPaths { RepositoryPath.join(directory, $0).map(paths.exists) ?? false }
        arguments.prepend(addopts)
        for (name, value) in arguments.overrides where PytestConfigFile.keys.contains(name) && name != "addopts" {
            settings[name] = split(value, what: "-o \(name)")
        }
        var rootdirPath = rootdir
        if let written = arguments.rootdir {
            if let joined = RepositoryPath.join(directory, written) { rootdirPath = joined } else { problems.append("--rootdir \(written): not resolved") }
        }

        if let option = arguments.runsNothing {
            problems.append("\(option): pytest runs no test")
            return []
        }
        if arguments.doctestModules { problems.append("--doctest-modules: doctests in modules are not counted as test files") }

        var roots: [String] = []
        var missing: [String] = []
        for word in arguments.paths {
            guard let resolved = resolve(word, pyargs: arguments.pyargs, quiet: false) else { continue }
            if resolved.isEmpty { missing.append(word) } else { roots += resolved }
        }
        if !missing.isEmpty {
            problems.append("file or directory not found: \(missing.joined(separator: ", ")); pytest stops before collecting")
            return []
        }
        if arguments.paths.isEmpty {
            roots = testpaths(settings["testpaths"] ?? [], rootdir: rootdirPath, pyargs: arguments.pyargs)
        }

        let filter = CollectionFilter(
            paths: paths,
            pythonFiles: limited(settings["python_files"] ?? Self.defaultPythonFiles, "python_files").map(PathPattern.init),
            norecursedirs: limited(settings["norecursedirs"] ?? Self.defaultNorecursedirs, "norecursedirs").map(PathPattern.init),
            ignores: Set(arguments.ignores.compactMap { RepositoryPath.join(directory, $0) }),
            ignoreGlobs: limited(arguments.ignoreGlobs.compactMap { RepositoryPath.join(directory, $0) }, "--ignore-glob").map(FilenamePattern.init),
            notebooks: arguments.notebooks,
            deselected: limited(arguments.deselects.filter { !$0.contains("::") }, "--deselect").map { rootdirPath.isEmpty ? $0 : rootdirPath + "/" + $0 })
        for ignore in arguments.ignores + arguments.ignoreGlobs where RepositoryPath.join(directory, ignore) == nil {
            problems.append("--ignore \(ignore): not resolved")
        }

        var collected = Set<String>()
        var budget = Self.maxScanned
        for root in Set(roots).sorted() {
            if paths.isFile(root) {
                guard root.hasSuffix(".py") || arguments.notebooks && root.hasSuffix(".ipynb") else {
                    problems.append("\(root): not a Python file; pytest collects no test module from it")
                    continue
                }
                if !filter.isDeselected(root) { collected.insert(root) }
            } else {
                guard let found = filter.files(below: root, budget: &budget) else {
                    problems.append("collection stopped after \(Self.maxScanned) files looked at (paths given many times over)")
                    break
                }
                collected.formUnion(found)
            }
        }
        return collected.sorted()
    }

    /// The configuration file (from `-c`, or looked for upward from `ancestor`) and the rootdir it gives.
    private mutating func configuration(_ arguments: PytestArguments, ancestor: String) -> (PytestConfigFile?, String) {
        if let written = arguments.configFile {
            guard let path = RepositoryPath.join(directory, written) else {
                problems.append("-c \(written): not resolved")
                return (nil, ancestor)
            }
            guard paths.isFile(path), let text = read(path) else {
                problems.append("-c \(written): not in the repository")
                return (nil, RepositoryPath.parent(path))
            }
            return (PytestConfigFile.parse(path: path, text: text, explicit: true), RepositoryPath.parent(path))
        }
        let (file, skipped, firstPyproject) = PytestConfigFile.locate(from: ancestor, paths: paths, read: read)
        problems += skipped
        if let file { return (file, RepositoryPath.parent(file.path)) }
        if let firstPyproject { return (nil, firstPyproject) }
        if let setup = RepositoryPath.upward(from: ancestor).first(where: { paths.isFile($0.isEmpty ? "setup.py" : $0 + "/setup.py") }) {
            return (nil, setup)
        }
        return (nil, RepositoryPath.commonAncestor([directory, ancestor]))
    }

    /// `testpaths` (globs relative to the rootdir) when the run starts in the rootdir; else, or when none matches,
    /// the working directory.
    private mutating func testpaths(_ testpaths: [String], rootdir: String, pyargs: Bool) -> [String] {
        guard directory == rootdir, !testpaths.isEmpty else { return [directory] }
        if pyargs {
            problems.append("testpaths with --pyargs are module names: \(testpaths.joined(separator: " ")) not resolved")
            return []
        }
        var roots: [String] = []
        for pattern in limited(testpaths, "testpaths") {
            guard let joined = RepositoryPath.join(rootdir, pattern) else {
                problems.append("testpaths \(pattern): not resolved")
                continue
            }
            roots += PathGlob.hasWildcard(joined) ? expand(joined, recursive: true) : (paths.exists(joined) ? [joined] : [])
        }
        if roots.isEmpty {
            problems.append("testpaths \(testpaths.joined(separator: " ")) match nothing tracked; pytest collects from the working directory")
            return [directory]
        }
        return roots
    }

    /// A path word as the tracked paths it names (braces and a shell glob expanded), `::test` ids cut; empty when it
    /// names nothing tracked; nil when it cannot be known (a variable, an absolute path, a `--pyargs` module, a
    /// tox or nox `{posargs}`).
    private mutating func resolve(_ word: String, pyargs: Bool, quiet: Bool) -> [String]? {
        let written = word.range(of: "::").map { String(word[..<$0.lowerBound]) } ?? word
        if written.contains("{"), !(RepositoryPath.join(directory, written).map(paths.exists) ?? false) {
            let words = BraceExpansion.expand(written)
            guard words.count > 1 || words.first != written else {
                if !quiet { problems.append("\(word): not resolved (a substitution of the tool that runs it)") }
                return nil
            }
            var found: [String] = []
            for alternative in words {
                guard let paths = resolve(alternative, pyargs: pyargs, quiet: quiet) else { continue }
                if paths.isEmpty { return [] }
                found += paths
            }
            return found
        }
        guard let path = RepositoryPath.join(directory, written) else {
            if !quiet { problems.append("\(word): not resolved") }
            return nil
        }
        if PathGlob.hasWildcard(written) { return expand(written.hasSuffix("/") ? path + "/" : path, recursive: false) }
        if paths.exists(path) { return [path] }
        if pyargs {
            if !quiet { problems.append("--pyargs \(word): module names are not resolved") }
            return nil
        }
        return []
    }

    /// A glob's matches, each glob expanded once; past `maxGlobs` globs, none, with a problem.
    private mutating func expand(_ pattern: String, recursive: Bool) -> [String] {
        let key = (recursive ? "r:" : "s:") + pattern
        if let known = expanded[key] { return known }
        guard expanded.count < Self.maxGlobs else {
            if !globsCut { problems.append("more than \(Self.maxGlobs) globs; the rest are not expanded") }
            globsCut = true
            return []
        }
        let matches = PathGlob(pattern, recursive: recursive).expand(in: paths)
        expanded[key] = matches
        return matches
    }

    private mutating func limited(_ list: [String], _ what: String) -> [String] {
        guard list.count > Self.maxPatterns else { return list }
        problems.append("\(what): only the first \(Self.maxPatterns) of \(list.count) are read")
        return Array(list.prefix(Self.maxPatterns))
    }

    private mutating func split(_ text: String, what: String) -> [String] {
        let (words, unterminated) = ArgumentSplitting.split(text)
        if unterminated { problems.append("\(what) has an unclosed quote") }
        return words
    }
}

/// A pattern of `python_files` or `norecursedirs`: matched against a name, or (holding a `/`) against the end of
/// the whole path, as pytest's `fnmatch_ex` does.
struct PathPattern {
    let pattern: FilenamePattern
    let matchesPath: Bool

    init(_ text: String) {
        matchesPath = text.contains("/")
        pattern = FilenamePattern(matchesPath ? "*/" + text : text)
    }

    func matches(path: String) -> Bool {
        matchesPath ? pattern.matches("/" + path) : pattern.matches(RepositoryPath.name(path))
    }

    /// `matches(path:)` with the path's last component worked out once by the caller, for many patterns.
    func matches(path: String, name: Substring) -> Bool {
        matchesPath ? pattern.matches("/" + path) : pattern.matches(name)
    }
}

/// Which files below a collected directory pytest takes: a Python file named by `python_files`, under no directory
/// that `norecursedirs`, `--ignore`, `--ignore-glob`, `__pycache__` or a virtual environment (`pyvenv.cfg`) prunes.
struct CollectionFilter {
    let paths: TrackedPaths
    let pythonFiles: [PathPattern]
    let norecursedirs: [PathPattern]
    let ignores: Set<String>
    let ignoreGlobs: [FilenamePattern]
    let notebooks: Bool
    /// Whole-file `--deselect` prefixes as repository paths.
    let deselected: [String]

    func isDeselected(_ file: String) -> Bool { deselected.contains { file.hasPrefix($0) } }

    /// nil when `budget` (files looked at, over all roots) runs out.
    func files(below root: String, budget: inout Int) -> [String]? {
        var pruned: [String: Bool] = [root: false]
        var last: (directory: String, pruned: Bool) = ("\u{0}", false)
        var result: [String] = []
        let files = paths.below(root)
        guard files.count <= budget else { return nil }
        budget -= files.count
        // The directories below the root that hold a pyvenv.cfg, found in one pass rather than a search per directory.
        // Compared as bytes, as the search for `directory + "/pyvenv.cfg"` it replaces did.
        var environments = Set<String>()
        let marker = Array("/pyvenv.cfg".utf8)
        for file in files where file.utf8.count > marker.count && file.utf8.suffix(marker.count).elementsEqual(marker) {
            environments.insert(String(decoding: file.utf8.dropLast(marker.count), as: UTF8.self))
        }
        for file in files {
            let notebook = notebooks && file.hasSuffix(".ipynb")
            guard notebook || file.hasSuffix(".py") else { continue }
            // Files are sorted, so a directory's files come together: its verdict is looked up once for them.
            let slash = file.lastIndex(of: "/")
            let parent = slash.map { file[..<$0] } ?? ""
            if parent != last.directory { last = (String(parent), isPruned(String(parent), environments, &pruned)) }
            guard !last.pruned else { continue }
            let name = file[(slash.map(file.index(after:)) ?? file.startIndex)...]
            guard notebook || pythonFiles.contains(where: { $0.matches(path: file, name: name) }),
                  !ignores.contains(file), !ignoreGlobs.contains(where: { $0.matches(file) }), !isDeselected(file) else { continue }
            result.append(file)
        }
        return result
    }

    /// Whether a directory below the root, or one between it and the root, is not entered; each directory decided once.
    private func isPruned(_ directory: String, _ environments: Set<String>, _ pruned: inout [String: Bool]) -> Bool {
        if let known = pruned[directory] { return known }
        let verdict = isPruned(RepositoryPath.parent(directory), environments, &pruned) || prunes(directory, environments)
        pruned[directory] = verdict
        return verdict
    }

    /// `environments`: the directories below the root that hold a tracked pyvenv.cfg.
    private func prunes(_ directory: String, _ environments: Set<String>) -> Bool {
        let name = directory[(directory.lastIndex(of: "/").map(directory.index(after:)) ?? directory.startIndex)...]
        return name == "__pycache__" || ignores.contains(directory)
            || ignoreGlobs.contains { $0.matches(directory) } || norecursedirs.contains { $0.matches(path: directory, name: name) }
            || environments.contains(directory)
    }
}

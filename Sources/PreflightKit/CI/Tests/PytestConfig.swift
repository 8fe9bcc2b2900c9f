/// The settings of one pytest configuration file that decide what a run collects, each as a list of words.
struct PytestConfigFile: Sendable {
    /// Repository-relative path of the file.
    var path: String
    /// `testpaths`, `python_files`, `norecursedirs`, `addopts`, as set in the file (missing when not set).
    var values: [String: [String]] = [:]
    var problems: [String] = []

    static let keys = ["testpaths", "python_files", "norecursedirs", "addopts"]

    /// The file pytest would take as its configuration, looked for as pytest does: from `start` upward to the
    /// repository root, in each directory `pytest.toml`, `.pytest.toml`, `pytest.ini`, `.pytest.ini` (each matching
    /// even when empty), `pyproject.toml` with a `[tool.pytest]` or `[tool.pytest.ini_options]` table, `tox.ini`
    /// with `[pytest]`, `setup.cfg` with `[tool:pytest]`. Also the problems of files skipped on the way.
    static func locate(from start: String, paths: TrackedPaths, read: (String) -> String?) -> (file: PytestConfigFile?, skipped: [String], firstPyproject: String?) {
        var skipped: [String] = []
        var firstPyproject: String?
        for directory in RepositoryPath.upward(from: start) {
            for name in ["pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"] {
                let path = directory.isEmpty ? name : directory + "/" + name
                guard paths.isFile(path) else { continue }
                if name == "pyproject.toml", firstPyproject == nil { firstPyproject = directory }
                guard let text = read(path) else {
                    skipped.append("\(path): could not be read")
                    continue
                }
                let file = parse(path: path, text: text, explicit: false)
                if let file { return (file, skipped, firstPyproject) }
                if name == "pyproject.toml" || name == "setup.cfg" {
                    skipped += parseProblems(path: path, text: text)
                }
            }
        }
        return (nil, skipped, firstPyproject)
    }

    /// The pytest settings in `text`, the file at `path`; nil when the file holds none (a tox.ini without
    /// `[pytest]`). A file named with `-c` (`explicit`) is the configuration whatever it holds.
    static func parse(path: String, text: String, explicit: Bool) -> PytestConfigFile? {
        let name = RepositoryPath.name(path)
        var file = PytestConfigFile(path: path)
        if name.hasSuffix(".toml") {
            let native = name == "pytest.toml" || name == ".pytest.toml"
            guard let root = try? StructuredParser.parse(text, path: "pyproject.toml").first else {
                if native || explicit {
                    file.problems.append("\(path): not valid TOML; its settings are not read")
                    return file
                }
                return nil
            }
            let table = native ? root["pytest"] : root["tool"]?["pytest"]
            guard let table else { return native || explicit ? file : nil }
            let options = native ? table : (table["ini_options"] ?? table)
            for key in keys {
                guard let node = options[key] else { continue }
                file.values[key] = file.words(node, key: key)
            }
            return file
        }
        let ini = IniFile(text)
        let sectionName = name.hasSuffix(".cfg") ? "tool:pytest" : "pytest"
        guard let section = ini.section(sectionName) else {
            if explicit || name == "pytest.ini" || name == ".pytest.ini" { return file }
            return nil
        }
        file.problems += ini.problems.map { "\(path):\($0.line): \($0.message)" }
        for key in keys {
            guard let value = section[key] else { continue }
            let (words, unterminated) = ArgumentSplitting.split(value.value)
            if unterminated { file.problems.append("\(path):\(value.line): \(key) has an unclosed quote") }
            file.values[key] = words
        }
        return file
    }

    /// Why a pyproject.toml or setup.cfg that pytest would read gave no settings.
    private static func parseProblems(path: String, text: String) -> [String] {
        if path.hasSuffix(".toml") {
            return (try? StructuredParser.parse(text, path: "pyproject.toml")) == nil ? ["\(path): not valid TOML; not read as pytest's configuration"] : []
        }
        return IniFile(text).section("pytest") != nil ? ["\(path): pytest no longer reads [pytest] in setup.cfg (it reads [tool:pytest])"] : []
    }

    /// A TOML value as words: a list's strings, or a string split as pytest splits an ini value.
    private mutating func words(_ node: DataNode, key: String) -> [String] {
        if case .list(let items, _) = node { return items.compactMap(\.string) }
        guard let string = node.string else { return [] }
        let (words, unterminated) = ArgumentSplitting.split(string)
        if unterminated { problems.append("\(path): \(key) has an unclosed quote") }
        return words
    }
}

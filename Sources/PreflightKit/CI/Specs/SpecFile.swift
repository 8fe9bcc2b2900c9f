/// What the job-spec readers share: the documents of a spec file, paths inside the repository, exec-form lists.
enum SpecFile {
    /// The documents of `text` (YAML, or JSON read as YAML), or none and the problem saying why.
    static func documents(_ text: String, path: String) -> (documents: [DataNode], problems: [CommandProblem]) {
        do {
            return (try StructuredParser.parse(text, path: path), [])
        } catch let failure as StructuredParser.Failure {
            return ([], [CommandProblem(line: 1, message: failure.message)])
        } catch {
            return ([], [CommandProblem(line: 1, message: "\(error)")])
        }
    }

    /// A list of scalars, as words; nil when `node` is not a list or holds something other than scalars.
    static func words(_ node: DataNode) -> [String]? {
        guard case .list(let items, _) = node else { return nil }
        let words = items.compactMap(\.string)
        return words.count == items.count ? words : nil
    }

    /// The value of `key` in the mapping `node`, else in what it merges with YAML's `<<` (a mapping or a list of
    /// them, the first that has it), merges nested at most `depth` deep.
    static func value(_ node: DataNode, _ key: String, depth: Int = 8) -> DataNode? {
        if let own = node[key] { return own }
        guard depth > 0, let merged = node["<<"] else { return nil }
        for base in merged.elements {
            if let value = value(base, key, depth: depth - 1) { return value }
        }
        return nil
    }

    /// The line of `node`, else of the first scalar under it, else `fallback`.
    static func line(_ node: DataNode?, or fallback: Int) -> Int {
        node?.line ?? node?.scalars.first?.line ?? fallback
    }

    /// The directory of a repository path (`a/b/c.yaml` is `a/b`), empty at the root.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `relative` joined to `base` inside the repository, `.` and `..` folded; nil when it names no repository
    /// path: absolute, a URI (`s3://`, `dbfs:/`), a variable, or above the root.
    static func join(_ base: String, _ relative: String) -> String? {
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.hasPrefix("~"), !relative.contains(":"),
              !relative.contains("$") else { return nil }
        var parts = base.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}

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

/// A command line's arguments split the way a CLI's option parser would: options (with the value they take),
/// positionals, and what follows `--`.
struct CommandArguments {
    var positionals: [String] = []
    var options: [(name: String, value: String?)] = []
    /// The words after `--`; nil when there is no `--`.
    var rest: [String]?

    /// `valued` names the options that take a value (`-f`, `--file`); `--file=x` and `-fx` are read too. With
    /// `stopAtPositional`, everything from the first positional on is positional (`docker compose run svc cmd…`).
    init(_ words: some Sequence<String>, valued: Set<String>, stopAtPositional: Bool = false) {
        var words = Array(words)[...]
        while let word = words.popFirst() {
            if word == "--" {
                rest = Array(words)
                return
            }
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                options.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
            } else if valued.contains(word) {
                options.append((word, words.popFirst()))
            } else if word.hasPrefix("-"), !word.hasPrefix("--"), word.count > 2, valued.contains(String(word.prefix(2))) {
                options.append((String(word.prefix(2)), String(word.dropFirst(2))))
            } else if word.hasPrefix("-"), word.count > 1 {
                options.append((word, nil))
            } else {
                positionals.append(word)
                if stopAtPositional {
                    positionals += words
                    return
                }
            }
        }
    }

    /// The values given to any of `names`, in order.
    func values(_ names: Set<String>) -> [String] {
        options.compactMap { names.contains($0.name) ? $0.value : nil }
    }

    func has(_ names: Set<String>) -> Bool { options.contains { names.contains($0.name) } }
}

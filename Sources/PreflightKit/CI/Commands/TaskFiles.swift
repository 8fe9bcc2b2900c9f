import Foundation

/// What the task-runner followers share: bounded text, structured documents, paths and arguments.
enum TaskFiles {
    /// Most bytes of a task file read; the rest is cut with a problem.
    static let maxBytes = 4 << 20

    /// `text` cut to `maxBytes`, and the problem saying so.
    static func bounded(_ text: String) -> (String, [CommandProblem]) {
        let (kept, problem) = CommandText.truncated(text, maxBytes: maxBytes)
        return (kept, problem.map { [$0] } ?? [])
    }

    /// The first document of a YAML, JSON or TOML file, or the problem that kept it from being read.
    static func document(_ text: String, path: String) -> (DataNode?, [CommandProblem]) {
        let (kept, problems) = bounded(text)
        do {
            return (try StructuredParser.parse(kept, path: path).first, problems)
        } catch let failure as StructuredParser.Failure {
            return (nil, problems + [CommandProblem(line: 1, message: "\(path) not read: \(failure.message)")])
        } catch {
            return (nil, problems + [CommandProblem(line: 1, message: "\(path) not read")])
        }
    }

    /// The directory of `path` ("" at the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `relative` under `base`, normalised (`.` removed, `..` applied); nil when it is absolute, leaves the
    /// repository or holds a placeholder. The root is ".".
    static func join(_ base: String, _ relative: String) -> String? {
        guard !relative.contains("{") else { return nil }
        return RepositoryPath.join(base, relative).map { $0.isEmpty ? "." : $0 }
    }

    /// The words of a line split at whitespace, the way a task name and its arguments are written.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Runs of blanks outside quotes as one space (a substitution that became empty leaves none behind).
    static func collapsingSpaces(_ text: String) -> String {
        var output = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == " " || character == "\t" {
                if output.last == " " { continue }
                output.append(" ")
                continue
            }
            output.append(character)
        }
        return output
    }

    /// hatch's and pdm's placeholders written plainly: `{args}` by its default, `{root}` as the project.
    static func argumentPlaceholders(_ text: String) -> String {
        guard text.contains("{") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { rest = rest[open...]; break }
            let inner = rest[rest.index(after: open)..<close]
            if inner == "args" || inner.hasPrefix("args:") {
                output += inner.dropFirst(5)
            } else if inner == "root" || inner.hasPrefix("root:") {
                output += "."
            } else {
                output += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    /// A file step for `module:function` (`pkg.cli:main`, `pkg.cli:main(1)`): the module as `pkg/cli.py`; nil when
    /// the module is not a dotted name.
    static func modulePath(_ reference: String) -> String? {
        let module = reference.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces)
        let parts = module.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ part in
            guard let first = part.first, first == "_" || first.isLetter else { return false }
            return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        }) else { return nil }
        return parts.joined(separator: "/") + ".py"
    }
}

extension DataNode {
    /// A string, or each string of a list of strings.
    var strings: [String] {
        if let string { return [string] }
        if case .list(let items, _) = self { return items.compactMap(\.string) }
        return []
    }
}

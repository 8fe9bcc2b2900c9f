/// An INI file read as pytest reads one (`iniconfig`): `[section]` headers, `name = value` or `name: value` lines,
/// indented lines continuing the value before them (joined with newlines; an empty first line is dropped), whole-line comments starting with `#` or
/// `;`. What iniconfig refuses (a value outside a section, a line that is none of these, a repeated section or name)
/// becomes a problem; the first section and value of a name are kept.
struct IniFile: Sendable {
    struct Value: Sendable, Hashable {
        var name: String
        var value: String
        var line: Int
    }

    struct Section: Sendable {
        var name: String
        var line: Int
        var values: [Value] = []

        subscript(name: String) -> Value? { values.first { $0.name == name } }
    }

    private(set) var sections: [Section] = []
    private(set) var problems: [CommandProblem] = []

    static let maxBytes = 1 << 20

    init(_ text: String) {
        let (kept, cut) = CommandText.truncated(text, maxBytes: Self.maxBytes)
        if let cut { problems.append(cut) }
        var current: Int?
        var seen = Set<String>()
        var names: [Set<String>] = []
        var last: (section: Int, value: Int)?
        var lineNumber = 0
        // Lines as Python's `splitlines` gives them (a CRLF is one Character in Swift).
        for line in kept.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let stripped = line.trimmingWhitespace()
            if stripped.isEmpty || stripped.first == "#" || stripped.first == ";" { continue }
            if line.first == "[" {
                var header = line
                for comment in ["#", ";"] as [Character] {
                    if let index = header.firstIndex(of: comment) { header = header[..<index] }
                }
                header = header.trimmingWhitespace()
                guard header.count >= 2, header.last == "]" else {
                    problems.append(CommandProblem(line: lineNumber, message: "not a section header: \(Self.excerpt(line))"))
                    current = nil; last = nil
                    continue
                }
                let name = String(header.dropFirst().dropLast())
                if seen.insert(name).inserted {
                    sections.append(Section(name: name, line: lineNumber))
                    names.append([])
                    current = sections.count - 1
                } else {
                    problems.append(CommandProblem(line: lineNumber, message: "section [\(name)] appears again"))
                    current = nil
                }
                last = nil
                continue
            }
            if line.first == " " || line.first == "\t" {
                if let (section, value) = last {
                    let before = sections[section].values[value].value
                    sections[section].values[value].value = before.isEmpty ? String(stripped) : before + "\n" + stripped
                } else if current != nil {
                    problems.append(CommandProblem(line: lineNumber, message: "an indented line continues no value"))
                }
                continue
            }
            guard let (name, value) = Self.assignment(line) else {
                problems.append(CommandProblem(line: lineNumber, message: "not a name and value: \(Self.excerpt(line))"))
                last = nil
                continue
            }
            guard let section = current else {
                if sections.isEmpty { problems.append(CommandProblem(line: lineNumber, message: "a value before any section")) }
                last = nil
                continue
            }
            guard names[section].insert(name).inserted else {
                problems.append(CommandProblem(line: lineNumber, message: "'\(name)' is set again in [\(sections[section].name)]"))
                last = nil
                continue
            }
            sections[section].values.append(Value(name: name, value: value, line: lineNumber))
            last = (section, sections[section].values.count - 1)
        }
    }

    func section(_ name: String) -> Section? { sections.first { $0.name == name } }

    private static func excerpt(_ line: Substring) -> String { line.count > 80 ? line.prefix(80) + "…" : String(line) }

    /// `name = value`, or `name: value` when the part before the first `=` holds a `:`.
    private static func assignment(_ line: Substring) -> (String, String)? {
        if let equals = line.firstIndex(of: "="), !line[..<equals].contains(":") {
            let name = line[..<equals].trimmingWhitespace()
            guard !name.isEmpty else { return nil }
            return (String(name), String(line[line.index(after: equals)...].trimmingWhitespace()))
        }
        guard let colon = line.firstRange(of: ": ") else { return nil }
        let name = line[..<colon.lowerBound].trimmingWhitespace()
        guard !name.isEmpty else { return nil }
        return (String(name), String(line[colon.upperBound...].trimmingWhitespace()))
    }
}

/// Python's `shlex.split` (POSIX mode, no comments), which pytest applies to `addopts`, `testpaths` and the other
/// list settings written as one string: whitespace separates words, quotes group them, a backslash escapes.
enum ArgumentSplitting {
    /// The words, and whether a quote was left open (shlex then fails: pytest stops with an error).
    static func split(_ text: some StringProtocol) -> (words: [String], unterminated: Bool) {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                if quote == "\"", character != "\"", character != "\\" { word.append("\\") }
                word.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\", open == "\"" {
                    escaped = true
                } else {
                    word.append(character)
                }
                continue
            }
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'", "\"":
                quote = character
                inWord = true
            case "\\":
                escaped = true
                inWord = true
            default:
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return (words, quote != nil || escaped)
    }
}

fileprivate extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        var start = startIndex, end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }
}

/// Reads a Makefile's logical lines in order into a `Makefile`: rules, recipe lines, assignments, `define`,
/// includes; directives it cannot evaluate (`ifeq`, `ifdef`, …) are passed over, so both branches are read.
import Foundation

struct MakefileReader {
    /// The targets of the rule being read, which tab-indented lines belong to, and those that got no line yet.
    private var current: [Int] = []
    private var fresh: Set<Int> = []
    private var doubleColon = false
    private var definition: (name: String, op: String, lines: [String], line: Int)?

    private static let conditionals: Set<String> = ["ifeq", "ifneq", "ifdef", "ifndef", "else", "endif"]
    private static let modifiers: Set<String> = ["export", "unexport", "override", "private"]

    mutating func read(_ text: String, into makefile: inout Makefile) {
        let bytes = Array(text.utf8)
        var start = 0
        var number = 0
        while start < bytes.count {
            // One logical line: physical lines joined while one ends in an odd number of backslashes.
            var physical: [ArraySlice<UInt8>] = []
            let first = number + 1
            repeat {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                var line = bytes[start..<end]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                physical.append(line)
                number += 1
                start = end + 1
            } while Self.continues(physical.last!) && start < bytes.count
            handle(physical, line: first, into: &makefile)
        }
        if let definition { makefile.problem(definition.line, "define \(definition.name) has no endef") }
    }

    private static func continues(_ line: ArraySlice<UInt8>) -> Bool {
        var count = 0
        for byte in line.reversed() { if byte == UInt8(ascii: "\\") { count += 1 } else { break } }
        return count % 2 == 1
    }

    private mutating func handle(_ physical: [ArraySlice<UInt8>], line: Int, into makefile: inout Makefile) {
        let tab = UInt8(ascii: "\t")
        if var open = definition {
            let text = String(decoding: Array(physical.joined(separator: [UInt8(ascii: "\n")])), as: UTF8.self)
            if Self.trimmed(text).hasPrefix("endef") {
                makefile.define(open.name, open.lines.joined(separator: "\n"), operator: open.op, line: open.line)
                definition = nil
            } else {
                open.lines.append(text)
                definition = open
            }
            return
        }
        if physical[0].first == tab, !current.isEmpty {
            // A recipe line goes to the shell as written, continuations included; make drops the tab that starts
            // each continued line.
            var text = String(decoding: physical[0].dropFirst(), as: UTF8.self)
            for part in physical.dropFirst() { text += "\n" + String(decoding: part.first == tab ? part.dropFirst() : part, as: UTF8.self) }
            addRecipe(text, line: line, into: &makefile)
            return
        }
        let joined = physical.count == 1 ? String(decoding: physical[0], as: UTF8.self) : physical.enumerated().map { index, part -> String in
            var text = String(decoding: part, as: UTF8.self)
            // make reads a backslash-newline and the blanks around it as one space.
            if index < physical.count - 1 { text.removeLast(); while text.last == " " || text.last == "\t" { text.removeLast() } }
            return index > 0 ? String(text.drop { $0 == " " || $0 == "\t" }) : text
        }.joined(separator: " ")
        let text = Self.trimmed(Self.withoutComment(joined))
        guard !text.isEmpty else { return }
        statement(String(text), line: line, into: &makefile)
    }

    private mutating func addRecipe(_ text: String, line: Int, into makefile: inout Makefile) {
        for target in current {
            makefile.addRecipeLine(text, line: line, to: target, replacing: fresh.contains(target) && !doubleColon)
            fresh.remove(target)
        }
    }

    /// `text` up to its first `#` that is not escaped as `\#`, with `\#` read as `#`.
    static func withoutComment(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "#")) else { return text }
        var out = ""
        var escaped = false
        for c in text {
            if c == "#", !escaped { break }
            if escaped, c != "#" { out.append("\\") }
            escaped = c == "\\" && !escaped
            if !escaped { out.append(c) }
        }
        if escaped { out.append("\\") }
        return out
    }

    private mutating func statement(_ text: String, line: Int, into makefile: inout Makefile) {
        var text = Substring(text)
        let word = text.prefix(text.utf8.prefix { !Self.isBlank($0) }.count)
        if Self.conditionals.contains(String(word)) { return }
        if word == "include" || word == "-include" || word == "sinclude" {
            current = []
            makefile.addInclude(String(text.dropFirst(word.count)), optional: word != "include", line: line)
            return
        }
        if word == "define" {
            current = []
            var name = Self.trimmed(text.dropFirst(6))
            var op = "="
            for candidate in ["::=", ":=", "?=", "+=", "!=", "="] where name.hasSuffix(candidate) {
                op = candidate
                name = Self.trimmed(name.dropLast(candidate.count))
                break
            }
            definition = (String(name), op, [], line)
            return
        }
        if Self.modifiers.contains(String(word)) {
            text = Self.trimmed(text.dropFirst(word.count))
            guard !text.isEmpty else { return }
            if !text.contains("=") { return }  // `export NAME`
        }
        guard let (position, op) = Self.separator(in: text) else { return }
        let after = text[text.utf8.index(position, offsetBy: op.utf8.count)...]
        if op != ":" && op != "::" {
            current = []
            let name = makefile.expand(String(Self.trimmed(text[..<position])))
            guard !name.isEmpty, !name.utf8.contains(where: Self.isBlank) else { return }
            makefile.define(name, String(after.drop { $0 == " " || $0 == "\t" }), operator: op, line: line)
            return
        }
        var rest = after
        var inline: Substring?
        if let semicolon = rest.utf8.firstIndex(of: UInt8(ascii: ";")) {
            inline = rest[rest.utf8.index(after: semicolon)...]
            rest = rest[..<semicolon]
        }
        if Self.separator(in: rest).map({ $0.1 != ":" && $0.1 != "::" }) == true {
            current = []  // `target: VAR = value`, a target-specific variable
            return
        }
        let names = Self.words(makefile.expand(String(text[..<position])))
        let prerequisites = Self.words(makefile.expand(String(rest))).filter { $0 != "|" }
        guard !names.isEmpty else { return }
        doubleColon = op == "::"
        current = makefile.addRule(targets: names, prerequisites: prerequisites, line: line)
        fresh = Set(current)
        if names.contains(".PHONY") { current = [] }
        if let inline { addRecipe(String(Self.trimmed(inline)), line: line, into: &makefile) }
    }

    /// The first `:`, `::` or assignment operator outside `$( … )`, and which it is. (Bytes, not characters: the
    /// operators are ASCII, and a large Makefile has hundreds of thousands of lines.)
    static func separator(in text: Substring) -> (String.Index, String)? {
        var level = 0
        let bytes = text.utf8
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            let next = bytes.index(after: i)
            let following = next < bytes.endIndex ? bytes[next] : 0
            switch c {
            case UInt8(ascii: "("), UInt8(ascii: "{"): level += 1
            case UInt8(ascii: ")"), UInt8(ascii: "}"): level = max(0, level - 1)
            case UInt8(ascii: "=") where level == 0:
                return (i, "=")
            case UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "!"):
                if level == 0, following == UInt8(ascii: "=") { return (i, String(UnicodeScalar(c)) + "=") }
            case UInt8(ascii: ":") where level == 0:
                for op in [":::=", "::=", ":=", "::"] where text[i...].utf8.starts(with: op.utf8) { return (i, op) }
                return (i, ":")
            default: break
            }
            i = next
        }
        return nil
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// `text` without leading and trailing blanks.
    static func trimmed(_ text: some StringProtocol) -> Substring {
        let text = Substring(text)
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return text[text.endIndex...]
        }
        // The byte after the last non-blank one is a blank or the end: a character boundary.
        return text[first..<bytes.index(after: last)]
    }

    /// Words separated by blanks.
    static func words(_ text: String) -> [String] {
        text.utf8.split(whereSeparator: isBlank).map { String(Substring($0)) }
    }
}

import Foundation
import StrictTOML

/// Literal text that any match of a regular expression must contain: one of `literals`, compared ASCII
/// case-insensitively. A line that holds none of them cannot match, so the regular expression is never run on it.
///
/// Extraction is deliberately conservative. Each top-level alternative contributes the most selective set of literals
/// it requires: a run of at least three literal characters, or a group each of whose alternatives requires one. Where
/// the reading meets syntax it does not model, it stops and keeps what it found so far, which stays required; an
/// alternative that requires nothing leaves the pattern without a prefilter, and it then runs on whole files.
struct LiteralPrefilter: Sendable {
    /// Lowercased ASCII literals.
    let literals: [[UInt8]]
    /// Whether the pattern is case-insensitive anywhere: then lines with non-ASCII bytes may match without a literal,
    /// since ICU's case folding matches some non-ASCII letters to ASCII ones (the Kelvin sign to `k`).
    let caseInsensitive: Bool

    static let minimumLength = 3

    init?(pattern: String) {
        // (?x) ignores spaces in the pattern, so its text is not the literal it looks like; a (?#…) comment may hold
        // unbalanced parentheses.
        guard !Self.setsFlag("x", in: pattern), !pattern.contains("(?#") else { return nil }
        var literals: [[UInt8]] = []
        for branch in RegexSyntax.alternatives(Array(pattern.utf8)[...]) {
            guard let required = Self.requiredLiterals(branch) else { return nil }
            literals += required.map { $0.map(Self.lowercase) }
        }
        self.literals = literals
        caseInsensitive = Self.setsFlag("i", in: pattern)
    }

    /// Substring search: memchr to the next candidate first byte, memcmp for the rest (glibc's memmem is not
    /// exported to Swift).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = haystack.baseAddress, let first = needle.first, needle.count <= haystack.count else { return false }
        let last = haystack.count - needle.count
        var offset = 0
        while offset <= last {
            guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
            let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            // The last byte first: it rules out most candidates without a call.
            if base[position + needle.count - 1] == needle[needle.count - 1],
               memcmp(base + position, needle.baseAddress!, needle.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Whether an inline flag group such as `(?ix)` or `(?x:` in `pattern` mentions `flag`.
    private static func setsFlag(_ flag: Character, in pattern: String) -> Bool {
        pattern.components(separatedBy: "(?").dropFirst().contains { group in
            group.prefix { $0 == "-" || ("a"..."z").contains($0) }.contains(flag)
        }
    }

    /// The most selective set of literals one of which every match of `branch` (no top-level `|`) contains: the set
    /// whose shortest literal is longest. Nil if none is known.
    private static func requiredLiterals(_ branch: ArraySlice<UInt8>) -> [[UInt8]]? {
        var candidates: [[[UInt8]]] = []
        var run: [UInt8] = []
        func endRun() {
            if run.count >= minimumLength { candidates.append([run]) }
            run = []
        }
        var index = branch.startIndex
        reading: while index < branch.endIndex {
            let byte = branch[index]
            switch byte {
            case UInt8(ascii: "("):
                endRun()
                guard let close = RegexSyntax.closingParenthesis(branch, from: index) else { break reading }
                let after = close + 1
                let (required, next) = RegexSyntax.quantifier(branch, at: after)
                if let inner = RegexSyntax.groupBody(branch[(index + 1)..<close]), required {
                    var union: [[UInt8]]? = []
                    for alternative in RegexSyntax.alternatives(inner) {
                        guard let found = requiredLiterals(alternative) else { union = nil; break }
                        union? += found
                    }
                    if let union, !union.isEmpty { candidates.append(union) }
                }
                index = next
            case UInt8(ascii: "["):
                endRun()
                guard let close = RegexSyntax.closingBracket(branch, from: index) else { break reading }
                index = RegexSyntax.quantifier(branch, at: close + 1).next
            case UInt8(ascii: "\\"):
                guard index + 1 < branch.endIndex else { break reading }
                let escaped = branch[index + 1]
                if escaped < 0x80, !escaped.isASCIIAlphanumeric, escaped >= 0x20 {
                    index = appendLiteral(escaped, after: index + 2)
                } else if Self.classEscapes.contains(escaped) {
                    endRun()
                    index = RegexSyntax.quantifier(branch, at: index + 2).next
                } else {
                    break reading   // \Q…\E, \x41, \p{L}, back references: not modelled
                }
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                endRun()
                index = RegexSyntax.quantifier(branch, at: index + 1).next
            case _ where byte >= 0x80 || byte < 0x20 || RegexSyntax.quantifierStarts.contains(byte) || byte == UInt8(ascii: ")"):
                break reading
            default:
                index = appendLiteral(byte, after: index + 1)
            }
        }
        endRun()

        /// Adds a literal character to the run, unless the quantifier after it makes it optional; returns where to
        /// read on.
        func appendLiteral(_ byte: UInt8, after position: Int) -> Int {
            let (required, next) = RegexSyntax.quantifier(branch, at: position)
            if next == position {
                run.append(byte)
            } else {
                // A quantifier repeats only this character: the run so far is required, and so is the character once
                // if it must occur.
                if required { run.append(byte) }
                endRun()
            }
            return next
        }
        return candidates.max { a, b in
            let (shortestA, shortestB) = (a.map(\.count).min()!, b.map(\.count).min()!)
            return shortestA != shortestB ? shortestA < shortestB : a.count > b.count
        }
    }

    /// Escapes that stand for one character of a class, or for a position (`\b`).
    private static let classEscapes: Set<UInt8> = Set("wWdDsSbBhHvVRXAzZG".utf8)
}

/// Just enough of ICU's regular expression syntax to find literals: alternatives, groups, classes, quantifiers.
enum RegexSyntax {
    static let quantifierStarts: Set<UInt8> = [UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{")]

    /// The pattern split at `|` outside groups and classes.
    static func alternatives(_ p: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var depth = 0, start = p.startIndex, index = p.startIndex
        while index < p.endIndex {
            switch p[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "["): index = closingBracket(p, from: index) ?? p.endIndex
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth -= 1
            case UInt8(ascii: "|") where depth == 0:
                result.append(p[start..<index])
                start = index + 1
            default: break
            }
            index += 1
        }
        result.append(p[start...])
        return result
    }

    /// The index of the `)` closing the group opened at `open`, stepping over classes.
    static func closingParenthesis(_ p: ArraySlice<UInt8>, from open: Int) -> Int? {
        closing(p, from: open, opener: UInt8(ascii: "("), closer: UInt8(ascii: ")"))
    }

    /// The index of the `]` closing the class opened at `open`; ICU classes nest, as in `[[a-z]&&[^aeiou]]`.
    static func closingBracket(_ p: ArraySlice<UInt8>, from open: Int) -> Int? {
        closing(p, from: open, opener: UInt8(ascii: "["), closer: UInt8(ascii: "]"))
    }

    private static func closing(_ p: ArraySlice<UInt8>, from open: Int, opener: UInt8, closer: UInt8) -> Int? {
        var depth = 0, index = open
        while index < p.endIndex {
            switch p[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "[") where opener != UInt8(ascii: "["):
                guard let close = closingBracket(p, from: index) else { return nil }
                index = close
            case opener: depth += 1
            case closer:
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// What a group matches, without its opening syntax: `(…)`, `(?:…)`, `(?i:…)`, `(?<name>…)`. Nil for lookaround,
    /// comments, flag settings and other constructs whose text is not part of the match.
    static func groupBody(_ inside: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard inside.first == UInt8(ascii: "?") else { return inside }
        let rest = inside.dropFirst()
        if rest.first == UInt8(ascii: "<"), let name = rest.dropFirst().first, name.isASCIILetter,
           let close = rest.firstIndex(of: UInt8(ascii: ">")) {
            return inside[(close + 1)...]
        }
        let flags = rest.prefix { $0 == UInt8(ascii: "-") || $0.isASCIILetter }
        guard flags.endIndex < inside.endIndex, inside[flags.endIndex] == UInt8(ascii: ":") else { return nil }
        return inside[(flags.endIndex + 1)...]
    }

    /// The quantifier at `position`, if any: whether what it follows must still occur at least once, and where
    /// reading goes on (`position` when there is none).
    static func quantifier(_ p: ArraySlice<UInt8>, at position: Int) -> (required: Bool, next: Int) {
        guard position < p.endIndex, quantifierStarts.contains(p[position]) else { return (true, position) }
        var next = position + 1
        let required: Bool
        switch p[position] {
        case UInt8(ascii: "+"): required = true
        case UInt8(ascii: "{"):
            let digits = p[next...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard let close = p[next...].firstIndex(of: UInt8(ascii: "}")) else { return (false, p.endIndex) }
            required = !digits.isEmpty && digits.contains { $0 != UInt8(ascii: "0") }
            next = close + 1
        default: required = false
        }
        // Lazy and possessive forms.
        if next < p.endIndex, p[next] == UInt8(ascii: "?") || p[next] == UInt8(ascii: "+") { next += 1 }
        return (required, next)
    }
}

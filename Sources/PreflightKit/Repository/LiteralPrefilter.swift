import Foundation

/// Literal text that any match of a regular expression must contain: one of `literals`, compared ASCII
/// case-insensitively. A file that holds none of them cannot match, so the regular expression is never run on it.
///
/// Extraction is deliberately conservative: every top-level alternative must start with at least three literal
/// characters (after flags such as `(?i)` and anchors), else the pattern gets no prefilter and always runs.
struct LiteralPrefilter: Sendable {
    /// Lowercased ASCII literals, one per alternative.
    let literals: [[UInt8]]
    /// Whether a branch is case-insensitive: then text with non-ASCII bytes is not prefiltered, since ICU's case
    /// folding matches some non-ASCII letters to ASCII ones (the Kelvin sign to `k`).
    let caseInsensitive: Bool

    static let minimumLength = 3

    init?(pattern: String) {
        var literals: [[UInt8]] = []
        var caseInsensitive = false
        for branch in Self.topLevelBranches(Array(pattern.utf8)[...]) {
            guard let (found, folded) = Self.leadingLiterals(branch) else { return nil }
            literals += found.map { $0.map(Self.lowercase) }
            caseInsensitive = caseInsensitive || folded
        }
        guard !literals.isEmpty else { return nil }
        self.literals = literals
        self.caseInsensitive = caseInsensitive || pattern.contains("(?i")
    }

    /// Whether `lowered` (the file's bytes, ASCII-lowercased) may match; `ascii` says the file is pure ASCII.
    func mayMatch(_ lowered: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Bool {
        if caseInsensitive && !ascii { return true }
        return literals.contains { literal in literal.withUnsafeBufferPointer { Self.contains(lowered, $0) } }
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

    /// The pattern split at `|` outside groups and classes.
    private static func topLevelBranches(_ p: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var branches: [ArraySlice<UInt8>] = []
        var depth = 0, inClass = false, start = p.startIndex, index = p.startIndex
        while index < p.endIndex {
            switch p[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "[") where !inClass: inClass = true
            case UInt8(ascii: "]") where inClass: inClass = false
            case UInt8(ascii: "(") where !inClass: depth += 1
            case UInt8(ascii: ")") where !inClass: depth -= 1
            case UInt8(ascii: "|") where !inClass && depth == 0:
                branches.append(p[start..<index])
                start = index + 1
            default: break
            }
            index += 1
        }
        branches.append(p[start...])
        return branches
    }

    /// The literals one of which a branch must start with (its leading literal run, or each alternative of a leading
    /// group such as `(seed|random_state)`), all at least `minimumLength` long; and whether a flag made it
    /// case-insensitive.
    private static func leadingLiterals(_ branch: ArraySlice<UInt8>) -> ([[UInt8]], Bool)? {
        var index = branch.startIndex
        var folded = false
        // Leading flag groups and zero-width anchors.
        while index < branch.endIndex {
            let rest = branch[index...]
            if rest.starts(with: Array("(?".utf8)), let close = rest.firstIndex(of: UInt8(ascii: ")")),
               branch[(index + 2)..<close].allSatisfy({ $0 == UInt8(ascii: "-") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) {
                folded = folded || branch[(index + 2)..<close].contains(UInt8(ascii: "i"))
                index = close + 1
            } else if rest.first == UInt8(ascii: "^") {
                index += 1
            } else if rest.starts(with: Array("\\b".utf8)) {
                index += 2
            } else {
                break
            }
        }
        if index < branch.endIndex, branch[index] == UInt8(ascii: "("), index + 1 < branch.endIndex, branch[index + 1] != UInt8(ascii: "?"),
           let close = closingParenthesis(branch, from: index) {
            if close + 1 < branch.endIndex, [UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "{")].contains(branch[close + 1]) { return nil }
            var found: [[UInt8]] = []
            for inner in topLevelBranches(branch[(index + 1)..<close]) {
                guard let (literals, innerFolded) = leadingLiterals(inner) else { return nil }
                found += literals
                folded = folded || innerFolded
            }
            return (found, folded)
        }
        var literal: [UInt8] = []
        let quantifiers: Set<UInt8> = [UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{")]
        let special: Set<UInt8> = [UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "."),
                                   UInt8(ascii: "$"), UInt8(ascii: "^"), UInt8(ascii: "|")]
        while index < branch.endIndex {
            let byte = branch[index]
            if quantifiers.contains(byte) {
                // The quantifier makes the previous character optional or repeated: it is not required as written.
                if !literal.isEmpty { literal.removeLast() }
                break
            }
            if special.contains(byte) || byte >= 0x80 { break }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < branch.endIndex else { break }
                let escaped = branch[index + 1]
                // Only escaped punctuation is a literal; \w, \d, \b, \x41, \Q… are not handled.
                guard escaped < 0x80, !(escaped.isASCIIAlphanumeric) else { break }
                if index + 2 < branch.endIndex, quantifiers.contains(branch[index + 2]) { break }
                literal.append(escaped)
                index += 2
                continue
            }
            literal.append(byte)
            index += 1
        }
        return literal.count >= minimumLength ? ([literal], folded) : nil
    }

    private static func closingParenthesis(_ p: ArraySlice<UInt8>, from open: Int) -> Int? {
        var depth = 0, inClass = false, index = open
        while index < p.endIndex {
            switch p[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "[") where !inClass: inClass = true
            case UInt8(ascii: "]") where inClass: inClass = false
            case UInt8(ascii: "(") where !inClass: depth += 1
            case UInt8(ascii: ")") where !inClass:
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }
}

private extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}

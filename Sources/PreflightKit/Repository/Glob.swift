/// A git-style glob over repository-relative paths: `*`, `?`, `[a-z]`, `**` across directories, `{a,b}`.
///
/// A pattern without `/` matches a file name at any depth (`Dockerfile`, `*.py`); a leading `/` anchors it to the
/// repository root; a trailing `/` matches everything below a directory.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let alternatives: [[UInt8]]

    public enum SyntaxError: Error, Equatable { case invalid(String) }

    public init(_ pattern: String) throws(SyntaxError) {
        self.pattern = pattern
        guard !pattern.isEmpty else { throw .invalid("empty pattern") }
        if pattern.hasPrefix("~") || pattern.split(separator: "/").contains("..") {
            throw .invalid("'\(pattern)' reaches outside the repository")
        }
        alternatives = try Self.expandBraces(Array(pattern.utf8)).map(Self.normalize)
        for alternative in alternatives { try Self.checkClasses(alternative, pattern: pattern) }
    }

    public var description: String { pattern }

    public func matches(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            let text = Array(bytes)[...]
            return alternatives.contains { Self.match($0[...], text) }
        }
    }

    private static func normalize(_ pattern: [UInt8]) -> [UInt8] {
        let slash = UInt8(ascii: "/")
        var p = pattern
        if p.last == slash { p += Array("**".utf8) }
        if p.first == slash { return Array(p.dropFirst()) }
        if !p.contains(slash) { return Array("**/".utf8) + p }
        return p
    }

    private static func expandBraces(_ p: [UInt8]) throws(SyntaxError) -> [[UInt8]] {
        guard let open = p.firstIndex(of: UInt8(ascii: "{")) else {
            if p.contains(UInt8(ascii: "}")) { throw .invalid("unbalanced '}' in '\(String(decoding: p, as: UTF8.self))'") }
            return [p]
        }
        var depth = 0
        var commas: [Int] = []
        var close: Int?
        for index in open..<p.count {
            switch p[index] {
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"): depth -= 1; if depth == 0 { close = index }
            case UInt8(ascii: ","): if depth == 1 { commas.append(index) }
            default: break
            }
            if close != nil { break }
        }
        guard let close else { throw .invalid("unbalanced '{' in '\(String(decoding: p, as: UTF8.self))'") }
        let bounds = [open] + commas + [close]
        var result: [[UInt8]] = []
        for (start, end) in zip(bounds, bounds.dropFirst()) {
            let expanded = Array(p[..<open]) + Array(p[(start + 1)..<end]) + Array(p[(close + 1)...])
            result += try expandBraces(expanded)
        }
        return result
    }

    private static func checkClasses(_ p: [UInt8], pattern: String) throws(SyntaxError) {
        var index = 0
        while index < p.count {
            if p[index] == UInt8(ascii: "\\") { index += 2; continue }
            if p[index] == UInt8(ascii: "[") {
                guard classEnd(p[...], from: index) != nil else { throw .invalid("unterminated '[' in '\(pattern)'") }
            }
            index += 1
        }
    }

    /// Index just past the `]` that closes the class opened at `start`.
    private static func classEnd(_ p: ArraySlice<UInt8>, from start: Int) -> Int? {
        var index = start + 1
        if index < p.endIndex, p[index] == UInt8(ascii: "!") || p[index] == UInt8(ascii: "^") { index += 1 }
        if index < p.endIndex, p[index] == UInt8(ascii: "]") { index += 1 }
        while index < p.endIndex {
            if p[index] == UInt8(ascii: "]") { return index + 1 }
            index += 1
        }
        return nil
    }

    /// `p` spans the class from `[` to `]` inclusive.
    private static func classMatches(_ p: ArraySlice<UInt8>, _ byte: UInt8) -> Bool {
        var index = p.startIndex + 1
        let end = p.endIndex - 1
        var negated = false
        if p[index] == UInt8(ascii: "!") || p[index] == UInt8(ascii: "^") { negated = true; index += 1 }
        var found = false
        while index < end {
            if index + 2 < end, p[index + 1] == UInt8(ascii: "-") {
                if p[index] <= byte, byte <= p[index + 2] { found = true }
                index += 3
            } else {
                if p[index] == byte { found = true }
                index += 1
            }
        }
        return found != negated
    }

    private static func match(_ p: ArraySlice<UInt8>, _ t: ArraySlice<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
        var pi = p.startIndex, ti = t.startIndex
        while pi < p.endIndex {
            switch p[pi] {
            case star:
                var after = pi
                while after < p.endIndex, p[after] == star { after += 1 }
                let segmentStart = pi == p.startIndex || p[pi - 1] == slash
                if after - pi >= 2, segmentStart, after == p.endIndex || p[after] == slash {
                    if after == p.endIndex { return true }
                    let rest = p[(after + 1)...]
                    if match(rest, t[ti...]) { return true }
                    var k = ti
                    while k < t.endIndex {
                        if t[k] == slash, match(rest, t[(k + 1)...]) { return true }
                        k += 1
                    }
                    return false
                }
                let rest = p[after...]
                var k = ti
                while true {
                    if match(rest, t[k...]) { return true }
                    if k == t.endIndex || t[k] == slash { return false }
                    k += 1
                }
            case UInt8(ascii: "?"):
                guard ti < t.endIndex, t[ti] != slash else { return false }
                pi += 1; ti += 1
            case UInt8(ascii: "["):
                guard ti < t.endIndex, t[ti] != slash, let end = classEnd(p, from: pi),
                      classMatches(p[pi..<end], t[ti]) else { return false }
                pi = end; ti += 1
            case UInt8(ascii: "\\") where pi + 1 < p.endIndex:
                guard ti < t.endIndex, t[ti] == p[pi + 1] else { return false }
                pi += 2; ti += 1
            case let literal:
                guard ti < t.endIndex, t[ti] == literal else { return false }
                pi += 1; ti += 1
            }
        }
        return ti == t.endIndex
    }
}

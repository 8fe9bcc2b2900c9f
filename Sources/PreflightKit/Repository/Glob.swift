import Foundation

/// A git-style glob over repository-relative paths: `*`, `?`, `[a-z]`, `**` across directories, `{a,b}`.
///
/// A pattern without `/` matches a file name at any depth (`Dockerfile`, `*.py`); a leading `/` anchors it to the
/// repository root; a trailing `/` matches everything below a directory.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let alternatives: [Alternative]

    /// One brace expansion of the pattern, with the literal text every match must end with (a cheap first test).
    private struct Alternative: Sendable, Hashable {
        let pattern: [UInt8]
        let literalSuffix: [UInt8]
        /// Bytes every match holds (`GlobTable.longestLiteral`): a second cheap test.
        let required: [UInt8]

        init(_ pattern: [UInt8]) {
            self.pattern = pattern
            let special: Set<UInt8> = [UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "]"), UInt8(ascii: "\\")]
            var start = pattern.lastIndex(where: special.contains).map { $0 + 1 } ?? 0
            // `**/name` also matches a bare `name`, so a slash after the last wildcard is not required.
            if start < pattern.count, pattern[start] == UInt8(ascii: "/") { start += 1 }
            literalSuffix = Array(pattern[start...])
            required = GlobTable.longestLiteral(pattern)
        }
    }

    public enum SyntaxError: Error, Equatable { case invalid(String) }

    public init(_ pattern: String) throws(SyntaxError) {
        self.pattern = pattern
        guard !pattern.isEmpty else { throw .invalid("empty pattern") }
        if pattern.hasPrefix("~") || pattern.split(separator: "/").contains("..") {
            throw .invalid("'\(pattern)' reaches outside the repository")
        }
        let expanded = try Self.expandBraces(Array(pattern.utf8)).map(Self.normalize)
        for alternative in expanded { try Self.checkClasses(alternative[...], pattern: pattern) }
        alternatives = expanded.map(Alternative.init)
    }

    public var description: String { pattern }

    /// Each brace alternative as normalized pattern bytes with its required literal suffix (for `GlobTable`).
    var compiled: [(pattern: [UInt8], suffix: [UInt8])] { alternatives.map { ($0.pattern, $0.literalSuffix) } }

    /// Whether normalized pattern bytes `p` match the whole of `t`.
    static func matchCompiled(_ p: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Bool { match(p, 0, t, 0) }

    public func matches(_ path: String) -> Bool {
        var path = path
        return path.withUTF8(matches(bytes:))
    }

    /// Matches a path given as UTF-8 bytes, so a caller testing many globs converts the path once.
    public func matches(bytes path: UnsafeBufferPointer<UInt8>) -> Bool {
        alternatives.contains { alternative in
            guard alternative.literalSuffix.withUnsafeBufferPointer(path.hasSuffix),
                  alternative.required.withUnsafeBufferPointer(path.contains) else { return false }
            return alternative.pattern.withUnsafeBufferPointer { Self.match($0, 0, path, 0) }
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

    private static func checkClasses(_ p: ArraySlice<UInt8>, pattern: String) throws(SyntaxError) {
        var index = 0
        while index < p.count {
            if p[index] == UInt8(ascii: "\\") { index += 2; continue }
            if p[index] == UInt8(ascii: "[") {
                guard classEnd(p, from: index) != nil else { throw .invalid("unterminated '[' in '\(pattern)'") }
            }
            index += 1
        }
    }

    /// Index just past the `]` that closes the class opened at `start`.
    private static func classEnd<P: RandomAccessCollection<UInt8>>(_ p: P, from start: Int) -> Int? where P.Index == Int {
        var index = start + 1
        if index < p.endIndex, p[index] == UInt8(ascii: "!") || p[index] == UInt8(ascii: "^") { index += 1 }
        if index < p.endIndex, p[index] == UInt8(ascii: "]") { index += 1 }
        while index < p.endIndex {
            if p[index] == UInt8(ascii: "]") { return index + 1 }
            index += 1
        }
        return nil
    }

    /// Whether `byte` is in the class spanning `p[start..<end]`, from `[` to `]` inclusive.
    private static func classMatches(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ byte: UInt8) -> Bool {
        var index = start + 1
        let last = end - 1
        var negated = false
        if p[index] == UInt8(ascii: "!") || p[index] == UInt8(ascii: "^") { negated = true; index += 1 }
        var found = false
        while index < last {
            if index + 2 < last, p[index + 1] == UInt8(ascii: "-") {
                if p[index] <= byte, byte <= p[index + 2] { found = true }
                index += 3
            } else {
                if p[index] == byte { found = true }
                index += 1
            }
        }
        return found != negated
    }

    /// Whether pattern `p` from `pi` matches text `t` from `ti` to its end.
    private static func match(_ p: UnsafeBufferPointer<UInt8>, _ pi: Int, _ t: UnsafeBufferPointer<UInt8>, _ ti: Int) -> Bool {
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
        var pi = pi, ti = ti
        while pi < p.count {
            switch p[pi] {
            case star:
                var after = pi
                while after < p.count, p[after] == star { after += 1 }
                let segmentStart = pi == 0 || p[pi - 1] == slash
                if after - pi >= 2, segmentStart, after == p.count || p[after] == slash {
                    if after == p.count { return true }
                    if match(p, after + 1, t, ti) { return true }
                    var k = ti
                    while k < t.count {
                        if t[k] == slash, match(p, after + 1, t, k + 1) { return true }
                        k += 1
                    }
                    return false
                }
                var k = ti
                while true {
                    if match(p, after, t, k) { return true }
                    if k == t.count || t[k] == slash { return false }
                    k += 1
                }
            case UInt8(ascii: "?"):
                guard ti < t.count, t[ti] != slash else { return false }
                pi += 1; ti += 1
            case UInt8(ascii: "["):
                guard ti < t.count, t[ti] != slash, let end = classEnd(p, from: pi),
                      classMatches(p, pi, end, t[ti]) else { return false }
                pi = end; ti += 1
            case UInt8(ascii: "\\") where pi + 1 < p.count:
                guard ti < t.count, t[ti] == p[pi + 1] else { return false }
                pi += 2; ti += 1
            case let literal:
                guard ti < t.count, t[ti] == literal else { return false }
                pi += 1; ti += 1
            }
        }
        return ti == t.count
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes end with `suffix`.
    func hasSuffix(_ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard suffix.count <= count else { return false }
        guard let tail = suffix.baseAddress, let base = baseAddress else { return suffix.isEmpty }
        // The last bytes first: most suffixes asked of a path differ there, and a call to memcmp costs more.
        guard suffix.isEmpty || base[count - 1] == tail[suffix.count - 1] else { return false }
        return memcmp(base + (count - suffix.count), tail, suffix.count) == 0
    }
}

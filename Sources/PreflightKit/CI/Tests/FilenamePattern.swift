/// A pattern of Python's `fnmatch` (what pytest's `python_files`, `norecursedirs` and `--ignore-glob` and unittest's
/// `-p` use): `*` matches any text, `/` included, `?` one character, `[seq]` and `[!seq]` one character of a set.
/// A `[` without its `]` is itself. Compiled once, matched against many names.
struct FilenamePattern: Sendable, Hashable, CustomStringConvertible {
    private enum Token: Sendable, Hashable {
        case anything
        case one
        case scalar(Unicode.Scalar)
        case set([ClosedRange<Unicode.Scalar>], negated: Bool)
    }

    let pattern: String
    private let tokens: [Token]
    /// The fewest characters a match has: a longer pattern is refused without matching (a hostile pattern of a
    /// million characters costs nothing per name).
    private let minimumLength: Int

    init(_ pattern: String) {
        self.pattern = pattern
        let scalars = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*":
                if tokens.last != .anything { tokens.append(.anything) }
            case "?":
                tokens.append(.one)
            case "[":
                if let (set, next) = Self.set(scalars, from: index) {
                    tokens.append(set)
                    index = next
                } else {
                    tokens.append(.scalar("["))
                }
            default:
                tokens.append(.scalar(scalar))
            }
        }
        self.tokens = tokens
        minimumLength = tokens.count { $0 != .anything }
        (affixes, literal) = Self.simpleForm(tokens)
    }

    /// For an ASCII pattern with one `*` and no other wildcard, its bytes before and after the star; for one without
    /// any wildcard, its bytes.
    private let affixes: (prefix: [UInt8], suffix: [UInt8])?
    private let literal: [UInt8]?

    private static func simpleForm(_ tokens: [Token]) -> ((prefix: [UInt8], suffix: [UInt8])?, [UInt8]?) {
        var before: [UInt8] = [], after: [UInt8] = []
        var stars = 0
        for token in tokens {
            switch token {
            case .anything: stars += 1
            case .scalar(let scalar) where scalar.isASCII: if stars == 0 { before.append(UInt8(scalar.value)) } else { after.append(UInt8(scalar.value)) }
            default: return (nil, nil)
            }
        }
        if stars == 0 { return (nil, before) }
        return stars == 1 ? ((before, after), nil) : (nil, nil)
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.pattern == rhs.pattern }
    func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    var description: String { pattern }

    /// Whether the pattern has no wildcard, so that it only matches itself.
    var isLiteral: Bool { tokens.allSatisfy { if case .scalar = $0 { true } else { false } } }

    /// `[…]` starting after the `[` at `start`: the set and the index after its `]`, or nil when it does not close.
    private static func set(_ scalars: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var index = start
        var negated = false
        if index < scalars.count, scalars[index] == "!" { negated = true; index += 1 }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "]", !first { return (.set(ranges, negated: negated), index + 1) }
            first = false
            if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] != "]" {
                let upper = scalars[index + 2]
                if scalar <= upper { ranges.append(scalar...upper) }
                index += 3
            } else {
                ranges.append(scalar...scalar)
                index += 1
            }
        }
        return nil
    }

    func matches(_ text: some StringProtocol) -> Bool {
        // `test_*.py`, `*_test.py`, `build`: compared as bytes, without the general matcher.
        if let (prefix, suffix) = affixes {
            let bytes = text.utf8
            guard bytes.count >= prefix.count + suffix.count else { return false }
            return bytes.starts(with: prefix) && bytes.suffix(suffix.count).elementsEqual(suffix)
        }
        if let literal { return text.utf8.elementsEqual(literal) }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        scalars.append(contentsOf: text.unicodeScalars)
        return matches(scalars: scalars)
    }

    /// The usual greedy match with one backtracking point, the last `*`: time at most the square of the text's length
    /// (stars are merged, so the pattern compared is at most twice as long as the text).
    private func matches(scalars text: [Unicode.Scalar]) -> Bool {
        guard text.count >= minimumLength else { return false }
        var t = 0, p = 0
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < tokens.count {
                switch tokens[p] {
                case .anything:
                    star = (p, t)
                    p += 1
                    continue
                case .one:
                    p += 1; t += 1
                    continue
                case .scalar(let scalar) where scalar == text[t]:
                    p += 1; t += 1
                    continue
                case .set(let ranges, let negated) where ranges.contains { $0.contains(text[t]) } != negated:
                    p += 1; t += 1
                    continue
                default:
                    break
                }
            }
            guard let last = star else { return false }
            p = last.pattern + 1
            t = last.text + 1
            star = (last.pattern, last.text + 1)
        }
        while p < tokens.count, tokens[p] == .anything { p += 1 }
        return p == tokens.count
    }
}

/// A path pattern expanded the way a shell (or Python's `glob`) expands it: one `fnmatch` pattern a path segment,
/// `*` never crossing `/` nor matching a name that starts with `.` unless the segment does; with `recursive`, a
/// segment `**` matches any number of directories (Python's `glob(recursive=True)`; a shell without `globstar`
/// reads `**` as `*`).
struct PathGlob {
    private let segments: [FilenamePattern?]   // nil: `**`
    /// The leading segments without wildcards, as a directory every match is below.
    let base: String
    /// A pattern ending in `/` matches directories only.
    private let directoriesOnly: Bool

    static func hasWildcard(_ word: some StringProtocol) -> Bool { word.contains { $0 == "*" || $0 == "?" || $0 == "[" } }

    /// `pattern` is already joined to the root (see `RepositoryPath.join`).
    init(_ pattern: String, recursive: Bool) {
        let parts = pattern.split(separator: "/").map(String.init)
        segments = parts.map { recursive && $0 == "**" ? nil : FilenamePattern($0) }
        base = parts.prefix { !Self.hasWildcard($0) }.joined(separator: "/")
        directoriesOnly = pattern.hasSuffix("/")
    }

    /// The tracked files and directories the pattern matches, sorted.
    func expand(in paths: TrackedPaths) -> [String] {
        var matched = Set<String>()
        let fixed = base.isEmpty ? 0 : base.split(separator: "/").count
        if fixed == segments.count {
            return paths.exists(base) ? [base] : []
        }
        for file in paths.below(base) {
            let names = file.split(separator: "/")
            for length in matchingPrefixLengths(names) where !directoriesOnly || length < names.count {
                matched.insert(names.prefix(length).joined(separator: "/"))
            }
        }
        return matched.sorted()
    }

    /// The numbers of leading segments of `names` the whole pattern matches (a table over pattern × path segments).
    private func matchingPrefixLengths(_ names: [Substring]) -> [Int] {
        let columns = names.count + 1
        var row = [Bool](repeating: false, count: columns)
        row[0] = true
        for segment in segments {
            var next = [Bool](repeating: false, count: columns)
            for j in 0..<columns where row[j] {
                if let pattern = segment {
                    if j < names.count, Self.matches(pattern, names[j]) { next[j + 1] = true }
                } else {
                    next[j] = true
                    var k = j
                    while k < names.count, !names[k].hasPrefix(".") { k += 1; next[k] = true }
                }
            }
            row = next
        }
        return (1..<columns).filter { row[$0] }
    }

    private static func matches(_ pattern: FilenamePattern, _ name: Substring) -> Bool {
        if pattern.isLiteral { return pattern.pattern == name }
        if name.hasPrefix("."), !pattern.pattern.hasPrefix(".") { return false }
        return pattern.matches(name)
    }
}

/// Bash's brace expansion of one word: `tests/{unit,integration}` is `tests/unit tests/integration`, nested and
/// several groups alike; a group without a comma (`{posargs}`) stays as written. At most `limit` words; a word
/// longer than 512 bytes is not expanded.
enum BraceExpansion {
    static func expand(_ word: String, limit: Int = 64) -> [String] {
        // Each step rescans the word: a long one (no path is) stays as written, so that the work stays small.
        guard word.utf8.count <= 512 else { return [word] }
        var result: [String] = []
        var pending = [word]
        while let next = pending.popLast() {
            guard result.count < limit else { break }
            if let (prefix, alternatives, suffix) = firstGroup(next) {
                pending += alternatives.reversed().map { prefix + $0 + suffix }
            } else {
                result.append(next)
            }
        }
        return result
    }

    /// The first `{…}` holding a comma at its own level: the text before it, its alternatives, the text after.
    private static func firstGroup(_ word: String) -> (String, [String], String)? {
        let characters = Array(word)
        var opens: [Int] = []
        var commas: [Int: [Int]] = [:]
        for (index, character) in characters.enumerated() {
            switch character {
            case "{": opens.append(index)
            case ",": if let open = opens.last { commas[open, default: []].append(index) }
            case "}":
                guard let open = opens.popLast() else { continue }
                guard let inside = commas[open], opens.isEmpty else { continue }
                var alternatives: [String] = []
                var start = open + 1
                for comma in inside + [index] {
                    alternatives.append(String(characters[start..<comma]))
                    start = comma + 1
                }
                return (String(characters[..<open]), alternatives, String(characters[(index + 1)...]))
            default: break
            }
        }
        return nil
    }
}

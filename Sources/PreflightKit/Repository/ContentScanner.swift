import Foundation

/// A line that matched a content query.
package struct LineMatch: Sendable, Hashable, Codable {
    package var path: String
    package var line: Int
    package var text: String
}

/// What one content query found across the repository.
package struct ContentResult: Sendable {
    /// The first matches in index order, at most `keptMatches`; `matchCount` counts them all.
    package var matches: [LineMatch] = []
    package var matchCount = 0
    /// Enough to prove and show; a monorepo may match a common pattern on a million lines.
    package static let keptMatches = 100
    /// Files the query selected that could not be read, with the reason.
    package var failures: [String: EvidenceFailure] = [:]
    /// Files the query selected but skipped (binary, too large), with the reason.
    package var skipped: [String: String] = [:]
    package var filesSearched = 0

    mutating func add(_ found: [LineMatch]) {
        matchCount += found.count
        if matches.count < Self.keptMatches { matches += found.prefix(Self.keptMatches - matches.count) }
    }
}

/// Runs content queries over a file's text. Each line is matched on its own, as grep does.
///
/// One pass of a literal automaton finds, for every query at once, the lines that could match (a match contains one
/// of the query's required literals, and so does its line); the query's regular expression then runs on those lines
/// only.
/// A query without required literals runs its regular expression once over the whole text to find its lines.
///
/// The same pass can look for other literals (`extraLiterals`, numbered from 0) for a caller that needs them from the
/// same files, so that no file's bytes are walked twice.
struct ContentScanner: Sendable {
    let queries: [ContentQuery]
    private let prefilters: [LiteralPrefilter?]
    private let automaton: LiteralAutomaton
    /// The query each of the automaton's literals belongs to; the extra literals come after them.
    private let owners: [Int]
    /// Lines reported per query and file at most: a generated file may match on every line.
    static let maxLinesPerFile = 10_000

    /// Where an extra literal occurs: its number, the offset where it starts, and the text's bytes.
    typealias ExtraOccurrence = (_ literal: Int, _ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Void

    init(_ queries: [ContentQuery], extraLiterals: [[UInt8]] = []) {
        self.queries = queries
        prefilters = queries.map { LiteralPrefilter(pattern: $0.pattern.source) }
        var literals: [[UInt8]] = [], owners: [Int] = []
        for (number, prefilter) in prefilters.enumerated() {
            for literal in prefilter?.literals ?? [] {
                literals.append(literal)
                owners.append(number)
            }
        }
        automaton = LiteralAutomaton(literals + extraLiterals)
        self.owners = owners
    }

    /// The matching lines of `text` for each query numbered in `selected` that matched, leaving out matches inside
    /// comments unless the query asks for them; with `extra`, every occurrence of an extra literal is reported to it.
    func scan(_ text: String, path: String, queries selected: [Int], extra: ExtraOccurrence? = nil) -> [Int: [LineMatch]] {
        guard !selected.isEmpty || extra != nil else { return [:] }
        var contiguous = text
        return contiguous.withUTF8 { bytes in
            var wanted = [Bool](repeating: false, count: queries.count)
            for number in selected { wanted[number] = true }
            var starts: [Int: [Int]] = [:]
            var ascii = true
            if extra != nil || selected.contains(where: { prefilters[$0] != nil }) {
                let owned = owners.count
                ascii = automaton.forEachOccurrence(in: bytes) { literal, start in
                    if literal >= owned {
                        extra?(literal - owned, start, bytes)
                    } else if wanted[owners[literal]] {
                        starts[owners[literal], default: []].append(start)
                    }
                }
            }
            // ICU folds some non-ASCII letters to ASCII ones (the Kelvin sign to k): in a text that has any, a
            // case-insensitive query must also look at the lines that hold them.
            let folding = !ascii && selected.contains { prefilters[$0]?.caseInsensitive == true }
            let candidates = selected.filter { starts[$0] != nil || prefilters[$0] == nil || (folding && prefilters[$0]!.caseInsensitive) }
            guard !candidates.isEmpty else { return [:] }
            let lines = LineIndex(bytes)
            let nonASCII = folding ? lines.nonASCIILines() : []
            let markers = FileKind.commentMarkers(path)
            var found: [Int: [LineMatch]] = [:]
            for number in candidates {
                let query = queries[number]
                let lineNumbers: [Int]
                if let prefilter = prefilters[number] {
                    let folded = prefilter.caseInsensitive ? nonASCII : []
                    lineNumbers = Array(Set((starts[number] ?? []).map(lines.line(containing:)) + folded)).sorted()
                } else {
                    lineNumbers = Self.linesWhereMatchesStart(query.pattern.regex, in: text, lines: lines)
                }
                var matched: [LineMatch] = []
                for line in lineNumbers where matched.count < Self.maxLinesPerFile {
                    let content = lines.text(of: line)
                    guard Self.matches(query, content, markers: markers) else { continue }
                    let shown = content.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)
                    matched.append(LineMatch(path: path, line: line + 1, text: String(shown)))
                }
                if !matched.isEmpty { found[number] = matched }
            }
            return found
        }
    }

    /// Whether `line` matches outside a comment. Only the first match counts: a later one on the same line sits
    /// behind the same comment marker.
    private static func matches(_ query: ContentQuery, _ line: String, markers: [String]) -> Bool {
        let ns = line as NSString
        guard let match = query.pattern.regex.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) else { return false }
        return query.inComments || !isComment(ns.substring(to: match.range.location), markers: markers)
    }

    /// The lines on which a match over the whole text starts; every line if a match spans lines, since such a match
    /// may hide a match on the next line that the line on its own has.
    private static func linesWhereMatchesStart(_ regex: NSRegularExpression, in text: String, lines: LineIndex) -> [Int] {
        var found: [Int] = []
        var spansLines = false
        let utf8 = text.utf8
        regex.enumerateMatches(in: text, range: NSRange(text.startIndex..., in: text)) { match, _, stop in
            guard let match, let range = Range(match.range, in: text) else { return }
            let start = utf8.distance(from: utf8.startIndex, to: range.lowerBound)
            let line = lines.line(containing: start)
            if utf8.distance(from: utf8.startIndex, to: range.upperBound) > lines.end(of: line) {
                spansLines = true
                stop.pointee = true
            }
            if found.last != line { found.append(line) }
            if found.count >= maxLinesPerFile { stop.pointee = true }
        }
        return spansLines ? Array(0..<lines.count) : found
    }

    static func isComment(_ prefix: String, markers: [String]) -> Bool {
        guard !markers.isEmpty else { return false }
        let trimmed = prefix.trimmingCharacters(in: .whitespaces)
        if markers.contains(where: { trimmed.hasPrefix($0) }) { return true }
        return markers.first == "#" && prefix.contains(" #")
    }
}

/// Where each line of a text starts, by byte offset; lines are numbered from 0 and end before their `\n`.
struct LineIndex {
    let bytes: UnsafeBufferPointer<UInt8>
    private let starts: [Int]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var starts = [0]
        if let base = bytes.baseAddress {
            var offset = 0
            while offset < bytes.count, let newline = memchr(base + offset, 0x0A, bytes.count - offset) {
                offset = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        self.starts = starts
    }

    var count: Int { starts.count }

    func line(containing offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The offset just past the line's last byte, before its `\n`.
    func end(of line: Int) -> Int { line + 1 < starts.count ? starts[line + 1] - 1 : bytes.count }

    func text(of line: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[starts[line]..<end(of: line)]), as: UTF8.self)
    }

    func nonASCIILines() -> [Int] {
        (0..<starts.count).filter { line in bytes[starts[line]..<end(of: line)].contains { $0 >= 0x80 } }
    }
}

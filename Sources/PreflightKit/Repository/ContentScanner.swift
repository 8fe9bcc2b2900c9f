import Foundation

/// A line that matched a content query.
public struct LineMatch: Sendable, Hashable, Codable {
    public var path: String
    public var line: Int
    public var text: String
}

/// What one content query found across the repository.
public struct ContentResult: Sendable {
    /// The first matches in index order, at most `keptMatches`; `matchCount` counts them all.
    public var matches: [LineMatch] = []
    public var matchCount = 0
    /// Enough to prove and show; a monorepo may match a common pattern on a million lines.
    public static let keptMatches = 100
    /// Files the query selected that could not be read, with the reason.
    public var failures: [String: String] = [:]
    /// Files the query selected but skipped (binary, too large), with the reason.
    public var skipped: [String: String] = [:]
    public var filesSearched = 0

    mutating func add(_ found: [LineMatch]) {
        matchCount += found.count
        if matches.count < Self.keptMatches { matches += found.prefix(Self.keptMatches - matches.count) }
    }
}

/// Runs every content query over a file's text in one read.
enum ContentScanner {
    /// The queries (numbers into `prefilters`) whose literals occur in `text`; the others cannot match it.
    static func worthScanning(_ text: String, _ queries: [Int], prefilters: [LiteralPrefilter?]) -> [Int] {
        guard queries.contains(where: { prefilters[$0] != nil }) else { return queries }
        var text = text
        return text.withUTF8 { bytes in
            var ascii = true
            let lowered = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    ascii = ascii && byte < 0x80
                    buffer[index] = LiteralPrefilter.lowercase(byte)
                }
                count = bytes.count
            }
            return lowered.withUnsafeBufferPointer { lowered in
                queries.filter { prefilters[$0]?.mayMatch(lowered, ascii: ascii) ?? true }
            }
        }
    }

    /// The matching lines of `text` for `query`, leaving out matches inside comments unless asked.
    static func scan(_ text: String, path: String, for query: ContentQuery, commentMarkers: [String]? = nil) -> [LineMatch] {
        let ns = text as NSString
        let regex = query.pattern.regex
        var lines: [LineMatch] = []
        var lastLine = -1
        let markers = query.inComments ? [] : commentMarkers ?? FileKind.commentMarkers(path)
        var lineStarts: [Int]?
        regex.enumerateMatches(in: text, range: NSRange(location: 0, length: ns.length)) { match, _, stop in
            guard let match, lines.count < 10_000 else { stop.pointee = true; return }
            let lineRange = ns.lineRange(for: NSRange(location: match.range.location, length: 0))
            let starts = lineStarts ?? Self.lineStarts(ns)
            lineStarts = starts
            let lineNumber = Self.lineNumber(of: lineRange.location, in: starts)
            guard lineNumber != lastLine else { return }
            let prefix = ns.substring(with: NSRange(location: lineRange.location, length: match.range.location - lineRange.location))
            if Self.isComment(prefix, markers: markers) { return }
            lastLine = lineNumber
            let line = ns.substring(with: lineRange).trimmingCharacters(in: .whitespacesAndNewlines)
            lines.append(LineMatch(path: path, line: lineNumber, text: String(line.prefix(200))))
        }
        return lines
    }

    private static func isComment(_ prefix: String, markers: [String]) -> Bool {
        guard !markers.isEmpty else { return false }
        let trimmed = prefix.trimmingCharacters(in: .whitespaces)
        if markers.contains(where: { trimmed.hasPrefix($0) }) { return true }
        return markers.first == "#" && prefix.contains(" #")
    }

    private static func lineStarts(_ text: NSString) -> [Int] {
        var starts = [0]
        let newline = unichar(10)
        for index in 0..<text.length where text.character(at: index) == newline { starts.append(index + 1) }
        return starts
    }

    private static func lineNumber(of offset: Int, in starts: [Int]) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }
}

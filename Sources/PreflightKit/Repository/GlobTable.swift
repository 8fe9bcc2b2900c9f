import Foundation

/// Many glob sets compiled into one flat table, so that a path is tested against all of them with no reference
/// counting: the evidence pass asks this for each of (possibly) a hundred thousand paths.
struct GlobTable: Sendable {
    private struct Entry: Sendable {
        var set: Int
        var exclude: Bool
        var pattern: Range<Int>
        var suffix: Range<Int>
        /// The longest run of literal bytes in the pattern: a path without it cannot match (`**/*DPIA*` has no
        /// literal suffix, but every match holds `DPIA`).
        var required: Range<Int>
    }

    let setCount: Int
    private let bytes: [UInt8]
    private let entries: [Entry]

    init(_ sets: [GlobSet]) {
        var bytes: [UInt8] = [], entries: [Entry] = []
        func add(_ data: [UInt8]) -> Range<Int> {
            let start = bytes.count
            bytes += data
            return start..<bytes.count
        }
        for (number, set) in sets.enumerated() {
            for (exclude, globs) in [(false, set.includeGlobs), (true, set.excludeGlobs)] {
                for glob in globs {
                    for alternative in glob.compiled {
                        entries.append(Entry(set: number, exclude: exclude, pattern: add(alternative.pattern), suffix: add(alternative.suffix),
                                             required: add(Self.longestLiteral(alternative.pattern))))
                    }
                }
            }
        }
        self.bytes = bytes
        self.entries = entries
        setCount = sets.count
    }

    /// For each set, whether `path` matches it (an include matches and no exclude does).
    func matches(_ path: UnsafeBufferPointer<UInt8>) -> [Bool] {
        var included = [Bool](repeating: false, count: setCount)
        var excluded = [Bool](repeating: false, count: setCount)
        bytes.withUnsafeBufferPointer { all in
            for entry in entries {
                if entry.exclude ? (!included[entry.set] || excluded[entry.set]) : included[entry.set] { continue }
                guard path.hasSuffix(UnsafeBufferPointer(rebasing: all[entry.suffix])),
                      path.contains(UnsafeBufferPointer(rebasing: all[entry.required])),
                      Glob.matchCompiled(UnsafeBufferPointer(rebasing: all[entry.pattern]), path) else { continue }
                if entry.exclude { excluded[entry.set] = true } else { included[entry.set] = true }
            }
        }
        return (0..<setCount).map { included[$0] && !excluded[$0] }
    }

    /// The longest run of bytes in normalized glob bytes that every match holds as they are: bytes outside classes,
    /// escapes and wildcards, and no `/` (a `**/` may match none).
    static func longestLiteral(_ pattern: [UInt8]) -> [UInt8] {
        var best: Range<Int> = 0..<0
        var start = 0, index = 0
        func close(_ end: Int) { if end - start > best.count { best = start..<end } }
        while index < pattern.count {
            switch pattern[index] {
            case UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "/"):
                close(index)
                index += 1
            case UInt8(ascii: "\\"):
                close(index)
                index += 2
            case UInt8(ascii: "["):
                close(index)
                // Past the class's closing `]` (a `]` first in the class is one of its members), as Glob reads it.
                var end = index + 1
                if end < pattern.count, pattern[end] == UInt8(ascii: "!") || pattern[end] == UInt8(ascii: "^") { end += 1 }
                if end < pattern.count, pattern[end] == UInt8(ascii: "]") { end += 1 }
                while end < pattern.count, pattern[end] != UInt8(ascii: "]") { end += 1 }
                index = end + 1
            default:
                index += 1
                continue
            }
            start = index
        }
        close(pattern.count)
        return Array(pattern[best])
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether `needle` occurs in these bytes (an empty needle always does).
    func contains(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count, let base = baseAddress, let wanted = needle.baseAddress else { return false }
        let first = Int32(wanted.pointee)
        var offset = 0
        let last = count - needle.count
        while offset <= last {
            guard let hit = memchr(base + offset, first, last - offset + 1) else { return false }
            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + position, wanted, needle.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }
}

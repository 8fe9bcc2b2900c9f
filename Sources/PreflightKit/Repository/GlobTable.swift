import Foundation

/// Many glob sets compiled into one flat table, so that a path is tested against all of them with no reference
/// counting: the evidence pass asks this for each of (possibly) a hundred thousand paths.
struct GlobTable: Sendable {
    private struct Entry: Sendable {
        var set: Int
        var exclude: Bool
        var pattern: Range<Int>
        var suffix: Range<Int>
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
                        entries.append(Entry(set: number, exclude: exclude, pattern: add(alternative.pattern), suffix: add(alternative.suffix)))
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
                      Glob.matchCompiled(UnsafeBufferPointer(rebasing: all[entry.pattern]), path) else { continue }
                if entry.exclude { excluded[entry.set] = true } else { included[entry.set] = true }
            }
        }
        return (0..<setCount).map { included[$0] && !excluded[$0] }
    }
}

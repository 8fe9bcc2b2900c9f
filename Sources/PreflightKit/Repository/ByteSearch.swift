#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring tests on UTF-8 bytes with `memchr` and `memcmp`, for the cheap checks asked of every file of a kind before it is
/// parsed: `String.contains` compares characters and costs many times more on large files.
enum ByteSearch {
    static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { wanted in
                guard !wanted.isEmpty else { return true }
                guard haystack.count >= wanted.count, let base = haystack.baseAddress, let find = wanted.baseAddress else { return false }
                // memchr to each candidate first byte, memcmp for the rest (memmem is not in Swift's Glibc module).
                let first = Int32(find.pointee)
                var offset = 0
                let last = haystack.count - wanted.count
                while offset <= last {
                    guard let hit = memchr(base + offset, first, last - offset + 1) else { return false }
                    let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, find, wanted.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    /// Whether `text`'s bytes end with `suffix`'s.
    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        let bytes = text.utf8, end = suffix.utf8
        guard bytes.count >= end.count else { return false }
        return bytes.suffix(end.count).elementsEqual(end)
    }

    /// Whether `text` holds any of `needles`.
    static func containsAny(_ text: String, _ needles: [String]) -> Bool { needles.contains { contains(text, $0) } }
}

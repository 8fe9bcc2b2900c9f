/// Finds table headers that do not start with a key, such as `[^a]`, before TOMLKit sees them.
///
/// The toml++ 3.4 parser inside TOMLKit asserts that a header starts with a key: a debug build aborts the whole
/// process on such a file, and a release build turns the assertion into an optimizer assumption. Found by fuzzing.
enum TOMLHeaderCheck {
    /// The line of the first malformed header, nil when every header starts with a key or `]`.
    static func firstMalformedHeader(in text: String) -> Int? {
        let bytes = Array(text.utf8)
        var index = 0, line = 1, depth = 0, atLineStart = true
        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                atLineStart = true
                index += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
                continue
            case UInt8(ascii: "#"):
                while let next = at(0), next != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                skipString(bytes, &index, &line)
                atLineStart = false
                continue
            case UInt8(ascii: "["):
                if depth == 0, atLineStart, !startsWithKey(bytes, after: index) { return line }
                depth += 1
            case UInt8(ascii: "]"):
                depth = max(0, depth - 1)
            default:
                break
            }
            atLineStart = false
            index += 1
        }
        return nil
    }

    /// Whether the header opening at `start` (`[` or `[[`, spaces allowed) goes on with a key or a closing `]`.
    private static func startsWithKey(_ bytes: [UInt8], after start: Int) -> Bool {
        var index = start + 1
        func skipSpaces() { while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 } }
        skipSpaces()
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") { index += 1; skipSpaces() }
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        return byte.isASCIIAlphanumeric || "_-\"']".utf8.contains(byte)
    }

    /// Moves past a basic or literal string, single-line or multi-line, counting the lines it spans.
    private static func skipString(_ bytes: [UInt8], _ index: inout Int, _ line: inout Int) {
        let quote = bytes[index]
        let triple = index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote
        index += triple ? 3 : 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { index += 2; continue }
            if byte == UInt8(ascii: "\n") {
                line += 1
                if !triple { return }
            }
            if byte == quote {
                if !triple { index += 1; return }
                if index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote { index += 3; return }
            }
            index += 1
        }
    }
}

private extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}

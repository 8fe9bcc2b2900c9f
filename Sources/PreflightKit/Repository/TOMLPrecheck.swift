/// Finds the malformed TOML that makes toml++ 3.4 (inside TOMLKit) abort the whole process instead of reporting
/// an error, before TOMLKit sees it: a table header that does not start with a key (`[^a]`), a date-time whose `T`
/// is not followed by a time (`2025-11-23Tz`), and an array closed by a brace (`[1, }`). Its assertions stay on in
/// SwiftPM's release builds too. All found by fuzzing; `scripts/fuzz structured` looks for more.
enum TOMLPrecheck {
    /// The line and nature of the first such construct, nil when there is none.
    static func firstProblem(in text: String) -> (line: Int, problem: String)? {
        let bytes = Array(text.utf8)
        var index = 0, line = 1, atLineStart = true
        var open: [UInt8] = []   // the brackets and braces open at this point
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
                if open.isEmpty, atLineStart, !startsWithKey(bytes, after: index) { return (line, "a table header must start with a key") }
                open.append(byte)
            case UInt8(ascii: "{"):
                open.append(byte)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if byte == UInt8(ascii: "}"), open.last == UInt8(ascii: "[") { return (line, "an array must end with ]") }
                _ = open.popLast()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if dateTimeWithoutTime(bytes, at: index) { return (line, "a date-time needs a time after its T") }
                while let next = at(1), next.isASCIIAlphanumeric || next == UInt8(ascii: "-") || next == UInt8(ascii: ":") { index += 1 }
            default:
                break
            }
            atLineStart = false
            index += 1
        }
        return nil
    }

    /// Whether `YYYY-MM-DDT` starts at `start` and no digit follows the `T`.
    private static func dateTimeWithoutTime(_ bytes: [UInt8], at start: Int) -> Bool {
        let shape = Array("0000-00-00T".utf8)
        guard start + shape.count <= bytes.count else { return false }
        for (offset, expected) in shape.enumerated() {
            let byte = bytes[start + offset]
            switch expected {
            case UInt8(ascii: "0"): guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
            case UInt8(ascii: "T"): guard byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t") else { return false }
            default: guard byte == expected else { return false }
            }
        }
        let next = start + shape.count
        return next >= bytes.count || !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[next])
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

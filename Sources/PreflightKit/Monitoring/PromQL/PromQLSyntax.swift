/// The mistakes a PromQL expression written by hand most often has, found before it is written into rules: an
/// empty expression, brackets that do not pair, a string never closed, an unknown function, a range that is not a
/// duration. Not a full grammar: `promtool check rules` reads the generated file for the rest.
enum PromQLSyntax {
    /// What is wrong with `text`, or nil.
    static func problem(in text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }) else { return "the expression is empty" }
        var open: [(byte: UInt8, at: Int)] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
                var end = index + 1
                while end < bytes.count, bytes[end] != byte { end += byte != UInt8(ascii: "`") && bytes[end] == 0x5C ? 2 : 1 }
                guard end < bytes.count else { return "a string opened at column \(index + 1) is never closed" }
                index = end + 1
                continue
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                continue
            case UInt8(ascii: "("), UInt8(ascii: "{"):
                open.append((byte, index))
            case UInt8(ascii: "["):
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")) else { return "'[' at column \(index + 1) is never closed" }
                let range = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                let parts = range.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count <= 2, let first = parts.first, isDuration(first), parts.count == 1 || parts[1].isEmpty || isDuration(parts[1]) else {
                    return "'[\(range)]' at column \(index + 1) is not a range such as [5m] or a subquery such as [1h:1m]"
                }
                index = close + 1
                continue
            case UInt8(ascii: ")"), UInt8(ascii: "}"), UInt8(ascii: "]"):
                let opening: UInt8 = byte == UInt8(ascii: ")") ? UInt8(ascii: "(") : byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
                guard let last = open.popLast(), last.byte == opening else {
                    return "'\(Character(Unicode.Scalar(byte)))' at column \(index + 1) closes nothing"
                }
            default:
                if isNameStart(byte), index == 0 || !isNameByte(bytes[index - 1]) {
                    var end = index
                    while end < bytes.count, isNameByte(bytes[end]) || bytes[end] == UInt8(ascii: ":") { end += 1 }
                    let word = String(decoding: bytes[index..<end], as: UTF8.self)
                    var next = end
                    while next < bytes.count, bytes[next] == 0x20 { next += 1 }
                    let insideBraces = open.last?.byte == UInt8(ascii: "{")
                    if !insideBraces, next < bytes.count, bytes[next] == UInt8(ascii: "("),
                       !PromQLExpression.knownFunctions.contains(word), !PromQLExpression.labelListKeywords.contains(word.lowercased()),
                       !PromQLExpression.keywords.contains(word.lowercased()) {
                        return "'\(word)' at column \(index + 1) is no PromQL function"
                    }
                    index = end
                    continue
                }
            }
            index += 1
        }
        if let last = open.last { return "'\(Character(Unicode.Scalar(last.byte)))' at column \(last.at + 1) is never closed" }
        return nil
    }

    /// `5m`, `1h30m`, `90s`, `1d`.
    private static func isDuration(_ text: Substring) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return false }
        var sawDigit = false, sawUnit = false
        for character in trimmed {
            if character.isASCII, character.isNumber { sawDigit = true; sawUnit = false; continue }
            guard sawDigit, "smhdwy".contains(character) || character == "m" else { return false }
            sawUnit = true
            sawDigit = false
        }
        return sawUnit
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool { isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) }
}

/// A PromQL expression in a form that does not change when Prometheus prints it back: `/api/v1/rules` reports a
/// rule's query re-printed from its parse (`avg (x{b="1", a="2"})` as `avg(x{a="2",b="1"})`, `7d` as `1w`, `2592000`
/// as `2.592e+06`). Whitespace is dropped, the matchers of a selector sorted, durations written in seconds and
/// numbers in one spelling, so that a loaded rule can be told to be the generated one.
enum PromQLCanonical {
    static func text(_ expression: String) -> String {
        let bytes = Array(expression.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1; continue }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") {
                let end = stringEnd(bytes, index)
                out += bytes[index..<end]
                index = end
            } else if byte == UInt8(ascii: "{") {
                let end = closing(bytes, index)
                let matchers = split(Array(bytes[(index + 1)..<max(index + 1, end - 1)])).map { text(String(decoding: $0, as: UTF8.self)) }
                out += Array(("{" + matchers.filter { !$0.isEmpty }.sorted().joined(separator: ",") + "}").utf8)
                index = end
            } else if isDigit(byte) || (byte == UInt8(ascii: ".") && index + 1 < bytes.count && isDigit(bytes[index + 1])) {
                // (a name's own digits never get here: the name is read whole below)
                let (token, end) = number(bytes, index)
                out += Array(token.utf8)
                index = end
            } else if isName(byte) {
                while index < bytes.count, isName(bytes[index]) || isDigit(bytes[index]) { out.append(bytes[index]); index += 1 }
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A number (`2.592e+06`, `0.10`) as one spelling, or a duration (`1w`, `7d`, `1h30m`, `500ms`) in seconds.
    private static func number(_ bytes: [UInt8], _ start: Int) -> (String, Int) {
        var index = start
        while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e"),
           index + 1 < bytes.count, isDigit(bytes[index + 1]) || ((bytes[index + 1] == 0x2B || bytes[index + 1] == 0x2D) && index + 2 < bytes.count && isDigit(bytes[index + 2])) {
            index += 2
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        } else if index < bytes.count, units[bytes[index]] != nil {
            // A duration: number-unit pairs.
            var seconds = 0.0, cursor = start
            while cursor < bytes.count, isDigit(bytes[cursor]) {
                var end = cursor
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                let count = Double(String(decoding: bytes[cursor..<end], as: UTF8.self)) ?? 0
                if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "m"), bytes[end + 1] == UInt8(ascii: "s") {
                    seconds += count / 1000
                    cursor = end + 2
                } else if end < bytes.count, let unit = units[bytes[end]] {
                    seconds += count * unit
                    cursor = end + 1
                } else {
                    break
                }
            }
            return ("\(PromNames.number(seconds))s", cursor)
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return (Double(text).map(PromNames.number) ?? text, index)
    }

    private static let units: [UInt8: Double] = [
        UInt8(ascii: "s"): 1, UInt8(ascii: "m"): 60, UInt8(ascii: "h"): 3600, UInt8(ascii: "d"): 86_400,
        UInt8(ascii: "w"): 604_800, UInt8(ascii: "y"): 31_536_000,
    ]

    /// The index past the string that opens at `start`.
    private static func stringEnd(_ bytes: [UInt8], _ start: Int) -> Int {
        let quote = bytes[start]
        var index = start + 1
        while index < bytes.count, bytes[index] != quote { index += quote != UInt8(ascii: "`") && bytes[index] == 0x5C ? 2 : 1 }
        return min(index + 1, bytes.count)
    }

    /// The index past the `}` that closes the `{` at `start`, strings skipped.
    private static func closing(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "}") {
            index = bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") ? stringEnd(bytes, index) : index + 1
        }
        return min(index + 1, bytes.count)
    }

    /// A selector's body split at its top-level commas.
    private static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                let end = stringEnd(bytes, index)
                parts[parts.count - 1] += bytes[index..<end]
                index = end
                continue
            }
            if bytes[index] == UInt8(ascii: ",") { parts.append([]) } else { parts[parts.count - 1].append(bytes[index]) }
            index += 1
        }
        return parts
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isName(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
    }
}

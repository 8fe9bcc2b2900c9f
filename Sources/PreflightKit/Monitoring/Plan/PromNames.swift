import Foundation

/// The spelling rules of Prometheus names and values, for what a monitoring plan writes into rules.
enum PromNames {
    /// `[a-zA-Z_][a-zA-Z0-9_]*`
    static func isLabelName(_ text: String) -> Bool {
        guard let first = text.utf8.first, isLetter(first) else { return false }
        return text.utf8.allSatisfy { isLetter($0) || isDigit($0) }
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    static func isMetricName(_ text: String) -> Bool {
        guard let first = text.utf8.first, isLetter(first) || first == UInt8(ascii: ":") else { return false }
        return text.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: ":") }
    }

    /// A plan's own names (metrics, segments): lowercase snake case, so that they read well inside rule names.
    static func isPlanName(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return text.utf8.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// A value safe in a label and a rule name's level: letters, digits, `_`, `-`, `.`.
    static func isLabelValue(_ text: String) -> Bool {
        text.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// A PromQL double-quoted string.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out + "\""
    }

    /// `approval_rate` → `ApprovalRate`; `fraud-v2` → `FraudV2`.
    static func camelCase(_ text: String) -> String {
        text.split { $0 == "_" || $0 == "-" || $0 == "." }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A number as PromQL and a reader write it: `0.95`, `100`, not `100.0`, nor `0.30000000000000004`.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.12g", value)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

/// TOML 1.0 integers and floats: validated, then written canonically (integers in decimal, floats as Swift prints
/// them), so that `0x1F`, `31` and `3_1` read the same to a key probe.
enum TOMLNumber {
    /// The canonical text of `token`, nil when it is not a TOML integer or float.
    static func canonical(_ token: String) -> String? {
        switch token {
        case "inf", "+inf": return "inf"
        case "-inf": return "-inf"
        case "nan", "+nan", "-nan": return "nan"
        default: break
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where token.hasPrefix(prefix) {
            guard let digits = digits(token.dropFirst(2), radix: radix), let value = Int64(digits, radix: radix) else { return nil }
            return String(value)
        }
        var rest = Substring(token)
        var sign = ""
        if let first = rest.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            rest = rest.dropFirst()
        }
        let exponentStart = rest.firstIndex { $0 == "e" || $0 == "E" }
        let mantissa = rest[..<(exponentStart ?? rest.endIndex)]
        let dot = mantissa.firstIndex(of: ".")
        guard let whole = digits(mantissa[..<(dot ?? mantissa.endIndex)], radix: 10),
              whole == "0" || !whole.hasPrefix("0") else { return nil }
        var text = sign + whole
        if let dot {
            guard let fraction = digits(mantissa[mantissa.index(after: dot)...], radix: 10) else { return nil }
            text += "." + fraction
        }
        if let exponentStart {
            var exponent = rest[rest.index(after: exponentStart)...]
            var exponentSign = ""
            if let first = exponent.first, first == "+" || first == "-" {
                exponentSign = String(first)
                exponent = exponent.dropFirst()
            }
            guard let power = digits(exponent, radix: 10) else { return nil }
            text += "e" + exponentSign + power
        }
        if dot == nil, exponentStart == nil {
            return Int64(text).map { String($0) }
        }
        return Double(text).map { String($0) }
    }

    /// `text` without its underscores, when it is digits of `radix` with each underscore between two digits.
    private static func digits(_ text: Substring, radix: Int) -> String? {
        guard let first = text.first, let last = text.last, first != "_", last != "_", !text.contains("__") else { return nil }
        let digits = text.filter { $0 != "_" }
        guard digits.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true }) else { return nil }
        return digits
    }
}

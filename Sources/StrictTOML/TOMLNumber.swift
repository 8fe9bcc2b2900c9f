/// TOML 1.0 integers and floats: validated, then written canonically (integers in decimal, floats as Swift prints
/// them), so that `0x1F`, `31` and `3_1` read the same to a key probe.
enum TOMLNumber {
    /// The canonical text of `token`, nil when it is not a TOML integer or float.
    static func canonical(_ token: ArraySlice<UInt8>) -> String? {
        switch String(decoding: token, as: UTF8.self) {
        case "inf", "+inf": return "inf"
        case "-inf": return "-inf"
        case "nan", "+nan", "-nan": return "nan"
        default: break
        }
        if token.count > 2, token.first == UInt8(ascii: "0") {
            let radix: Int? = switch token[token.startIndex + 1] {
            case UInt8(ascii: "x"): 16
            case UInt8(ascii: "o"): 8
            case UInt8(ascii: "b"): 2
            default: nil
            }
            if let radix {
                return digits(token.dropFirst(2), radix: radix).flatMap { Int64($0, radix: radix) }.map { String($0) }
            }
        }
        var rest = token
        var text = ""
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            if sign == UInt8(ascii: "-") { text = "-" }
            rest = rest.dropFirst()
        }
        let exponentStart = rest.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        let mantissa = rest[..<(exponentStart ?? rest.endIndex)]
        let dot = mantissa.firstIndex(of: UInt8(ascii: "."))
        guard let whole = digits(mantissa[..<(dot ?? mantissa.endIndex)], radix: 10),
              whole == "0" || !whole.hasPrefix("0") else { return nil }
        text += whole
        if let dot {
            guard let fraction = digits(mantissa[(dot + 1)...], radix: 10) else { return nil }
            text += "." + fraction
        }
        if let exponentStart {
            var exponent = rest[(exponentStart + 1)...]
            text += "e"
            if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                text.unicodeScalars.append(Unicode.Scalar(sign))
                exponent = exponent.dropFirst()
            }
            guard let power = digits(exponent, radix: 10) else { return nil }
            text += power
        }
        if dot == nil, exponentStart == nil {
            return Int64(text).map { String($0) }
        }
        return Double(text).map { String($0) }
    }

    /// `bytes` without their underscores, when they are digits of `radix` with each underscore between two digits.
    private static func digits(_ bytes: ArraySlice<UInt8>, radix: Int) -> String? {
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "_"), last != UInt8(ascii: "_") else { return nil }
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                guard previous != UInt8(ascii: "_") else { return nil }
            } else {
                guard let value = value(ofDigit: byte), value < radix else { return nil }
                digits.append(byte)
            }
            previous = byte
        }
        return String(decoding: digits, as: UTF8.self)
    }

    private static func value(ofDigit byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

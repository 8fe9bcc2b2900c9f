/// The tokens of HCL's native syntax, one at a time, as its specification defines them (hashicorp/hcl,
/// `hclsyntax/spec.md`): identifiers with dashes, numbers, quoted templates with escapes and nested `${…}` / `%{…}`
/// sequences, heredocs (`<<EOF`, `<<-EOF`), operators; comments (`#`, `//`, `/* */`) and blanks (spaces, tabs) are
/// skipped, a line comment keeping its newline. Lenient where it costs nothing: a leading byte order mark is skipped
/// and a lone carriage return is a blank. Linear in the input; template nesting is bounded by `maxDepth`.
struct HCLLexer {
    private let bytes: [UInt8]
    private let maxDepth: Int
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String, maxDepth: Int) {
        bytes = Array(text.utf8)
        self.maxDepth = maxDepth
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }
    }

    /// The source between two byte offsets.
    func source(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    /// A failure at `position`, its column counted in characters.
    func failure(_ message: String, at position: HCLToken.Position) -> HCLFailure {
        let end = min(position.offset, bytes.count)
        let column = bytes[min(position.lineStart, end)..<end].reduce(1) { UTF8.isContinuation($1) ? $0 : $0 + 1 }
        return HCLFailure(line: position.line, column: column, message: message)
    }

    private var position: HCLToken.Position { HCLToken.Position(offset: index, line: line, lineStart: lineStart) }

    private func byte(_ offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    /// Moves past one byte, counting lines.
    private mutating func advance() {
        if bytes[index] == .newline {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    mutating func next() throws(HCLFailure) -> HCLToken {
        try skipBlanksAndComments()
        let start = position
        guard index < bytes.count else { return HCLToken(kind: .end, position: start, end: index, text: "") }
        let first = bytes[index]
        switch first {
        case .newline, .carriageReturn:
            index += first == .carriageReturn ? 2 : 1
            line += 1
            lineStart = index
            return HCLToken(kind: .newline, position: start, end: index, text: "\n")
        case .quote:
            return try quoted(start)
        case .less where byte(index + 1) == .less:
            return try heredoc(start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number(start)
        default:
            let length = identifierStart(at: index)
            if length > 0 {
                index += length
                while case let more = identifierContinue(at: index), more > 0 { index += more }
                return HCLToken(kind: .identifier, position: start, end: index, text: source(start.offset, index))
            }
            return try symbol(start)
        }
    }

    /// Spaces, tabs, lone carriage returns and comments; stops at a newline, which is a token.
    private mutating func skipBlanksAndComments() throws(HCLFailure) {
        while index < bytes.count {
            switch bytes[index] {
            case .space, .tab:
                index += 1
            case .carriageReturn where byte(index + 1) != .newline:
                index += 1
            case .hash:
                skipLineComment()
            case .slash where byte(index + 1) == .slash:
                skipLineComment()
            case .slash where byte(index + 1) == .star:
                let start = position
                index += 2
                while index < bytes.count, !(bytes[index] == .star && byte(index + 1) == .slash) { advance() }
                guard index < bytes.count else { throw failure("unterminated comment: expected '*/'", at: start) }
                index += 2
            default:
                return
            }
        }
    }

    private mutating func skipLineComment() {
        while index < bytes.count, bytes[index] != .newline, !(bytes[index] == .carriageReturn && byte(index + 1) == .newline) {
            index += 1
        }
    }

    private mutating func number(_ start: HCLToken.Position) -> HCLToken {
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        while isDigit(byte(index)) { index += 1 }
        if byte(index) == .dot, isDigit(byte(index + 1)) {
            index += 1
            while isDigit(byte(index)) { index += 1 }
        }
        if byte(index) | 0x20 == UInt8(ascii: "e") {
            let sign = byte(index + 1) == .plus || byte(index + 1) == .minus ? 1 : 0
            if isDigit(byte(index + 1 + sign)) {
                index += 1 + sign
                while isDigit(byte(index)) { index += 1 }
            }
        }
        return HCLToken(kind: .number, position: start, end: index, text: source(start.offset, index))
    }

    private static let symbols: [String] = ["...", "==", "!=", "<=", ">=", "&&", "||", "=>",
                                            "{", "}", "[", "]", "(", ")", "=", ",", ":", "?", ".", "+", "-", "*", "/", "%", "!", "<", ">"]

    private mutating func symbol(_ start: HCLToken.Position) throws(HCLFailure) -> HCLToken {
        for symbol in Self.symbols where bytes[index...].starts(with: symbol.utf8) {
            index += symbol.utf8.count
            return HCLToken(kind: .symbol, position: start, end: index, text: symbol)
        }
        let scalar = scalar(at: index)
        let shown = scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF
            ? "U+\(String(scalar.value, radix: 16, uppercase: true))" : "'\(Character(scalar))'"
        throw failure("unexpected character \(shown)", at: start)
    }

    // MARK: Identifiers

    /// The length in bytes of the identifier-starting character at `offset` (a letter or `_`), else 0.
    private func identifierStart(at offset: Int) -> Int {
        let byte = byte(offset)
        if byte < 0x80 { return byte.isASCIILetter || byte == .underscore ? 1 : 0 }
        return scalar(at: offset).properties.isIDStart ? scalarLength(at: offset) : 0
    }

    /// The length in bytes of the identifier-continuing character at `offset` (also digits and `-`), else 0.
    private func identifierContinue(at offset: Int) -> Int {
        guard offset < bytes.count else { return 0 }
        let byte = bytes[offset]
        if byte < 0x80 {
            return byte.isASCIILetter || byte == .underscore || byte == .minus || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? 1 : 0
        }
        return scalar(at: offset).properties.isIDContinue ? scalarLength(at: offset) : 0
    }

    private func scalarLength(at offset: Int) -> Int {
        let lead = bytes[offset]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return min(length, bytes.count - offset)
    }

    /// The Unicode scalar at `offset` (the text came from a Swift string: it is valid UTF-8).
    private func scalar(at offset: Int) -> Unicode.Scalar {
        let length = scalarLength(at: offset)
        let masks: [UInt8] = [0x7F, 0x1F, 0x0F, 0x07]
        var value = UInt32(bytes[offset] & masks[length - 1])
        for next in bytes[(offset + 1)..<(offset + length)] { value = value << 6 | UInt32(next & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    // MARK: Templates

    /// An open construct inside a template: a quoted string, or an interpolation or directive with the braces
    /// opened inside it.
    private enum Frame {
        case quoted(HCLToken.Position)
        case sequence(HCLToken.Position, braces: Int)
    }

    /// A quoted template: its text with escapes decoded at its own level, anything inside `${…}` / `%{…}` as written.
    private mutating func quoted(_ start: HCLToken.Position) throws(HCLFailure) -> HCLToken {
        index += 1
        var text: [UInt8] = []
        var frames: [Frame] = [.quoted(start)]
        var isTemplate = false
        while !frames.isEmpty {
            guard frames.count == 1 else {
                try stepInside(&frames, &text)
                continue
            }
            guard index < bytes.count, bytes[index] != .newline, !(bytes[index] == .carriageReturn && byte(index + 1) == .newline) else {
                throw failure("unterminated string: expected '\"' before the end of the line", at: start)
            }
            let current = bytes[index]
            switch current {
            case .quote:
                index += 1
                frames.removeLast()
            case .backslash:
                try escape(into: &text)
            case _ where escapesSequence(at: index):
                text += bytes[index..<(index + 3)]
                index += 3
            case _ where opensSequence(at: index):
                isTemplate = true
                try open(.sequence(position, braces: 0), &frames)
                text += bytes[index..<(index + 2)]
                index += 2
            default:
                text.append(current)
                index += 1
            }
        }
        return HCLToken(kind: .string, position: start, end: index, text: String(decoding: text, as: UTF8.self), isTemplate: isTemplate)
    }

    /// `${` or `%{`: an interpolation or a directive begins.
    private func opensSequence(at offset: Int) -> Bool {
        (bytes[offset] == .dollar || bytes[offset] == .percent) && byte(offset + 1) == .openBrace
    }

    /// `$${` or `%%{`: the escapes that keep `${` and `%{` literal.
    private func escapesSequence(at offset: Int) -> Bool {
        (bytes[offset] == .dollar || bytes[offset] == .percent) && byte(offset + 1) == bytes[offset] && byte(offset + 2) == .openBrace
    }

    private mutating func open(_ frame: Frame, _ frames: inout [Frame]) throws(HCLFailure) {
        guard frames.count < maxDepth else { throw failure("templates nested deeper than \(maxDepth) levels", at: position) }
        frames.append(frame)
    }

    /// One step inside an interpolation or directive, or inside a string nested in one: kept as written.
    private mutating func stepInside(_ frames: inout [Frame], _ text: inout [UInt8]) throws(HCLFailure) {
        let top = frames[frames.count - 1]
        guard index < bytes.count else {
            switch top {
            case .quoted(let start): throw failure("unterminated string: expected '\"'", at: start)
            case .sequence(let start, _): throw failure("unterminated template sequence: expected '}'", at: start)
            }
        }
        let current = bytes[index]
        switch top {
        case .quoted(let start):
            switch current {
            case .newline: throw failure("unterminated string: expected '\"' before the end of the line", at: start)
            case .quote: frames.removeLast()
            case .backslash where index + 1 < bytes.count && bytes[index + 1] != .newline:
                text.append(current)
                index += 1
            case _ where escapesSequence(at: index):
                text += bytes[index..<(index + 2)]
                index += 2
            case _ where opensSequence(at: index):
                try open(.sequence(position, braces: 0), &frames)
                text.append(current)
                index += 1
            default: break
            }
        case .sequence(let start, let braces):
            switch current {
            case .openBrace: frames[frames.count - 1] = .sequence(start, braces: braces + 1)
            case .closeBrace where braces == 0: frames.removeLast()
            case .closeBrace: frames[frames.count - 1] = .sequence(start, braces: braces - 1)
            case .quote: try open(.quoted(position), &frames)
            case _ where current == .hash || (current == .slash && byte(index + 1) == .slash):
                let from = index
                skipLineComment()
                text += bytes[from..<index]
                return
            case .slash where byte(index + 1) == .star:
                let from = position
                index += 2
                while index < bytes.count, !(bytes[index] == .star && byte(index + 1) == .slash) { advance() }
                guard index < bytes.count else { throw failure("unterminated comment: expected '*/'", at: from) }
                index += 2
                text += bytes[from.offset..<index]
                return
            default: break
            }
        }
        text.append(bytes[index])
        advance()
    }

    /// A backslash escape of a quoted string, decoded into `text`.
    private mutating func escape(into text: inout [UInt8]) throws(HCLFailure) {
        let start = position
        let letter = byte(index + 1)
        switch letter {
        case UInt8(ascii: "n"): text.append(.newline)
        case UInt8(ascii: "r"): text.append(.carriageReturn)
        case UInt8(ascii: "t"): text.append(.tab)
        case .quote, .backslash: text.append(letter)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = letter == UInt8(ascii: "u") ? 4 : 8
            let hex = index + 2 + digits <= bytes.count ? String(decoding: bytes[(index + 2)..<(index + 2 + digits)], as: UTF8.self) : ""
            guard hex.utf8.count == digits, hex.utf8.allSatisfy(\.isHexDigit), let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw failure("invalid Unicode escape: expected \(digits) hexadecimal digits naming a character", at: start)
            }
            text += Array(String(Character(scalar)).utf8)
            index += 2 + digits
            return
        default:
            let shown = letter == .newline || letter == 0 ? "" : String(decoding: bytes[(index + 1)..<(index + 1 + scalarLength(at: index + 1))], as: UTF8.self)
            throw failure("invalid escape sequence '\\\(shown)': expected \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN", at: start)
        }
        index += 2
    }

    /// A heredoc: `<<` or `<<-`, a delimiter, a newline, lines up to the delimiter alone on a line (spaces before it
    /// allowed). Its text is the lines, each ending in a newline; `<<-` removes the fewest leading spaces of any
    /// line that is not blank. Template sequences may span lines; a delimiter inside one does not end the heredoc.
    private mutating func heredoc(_ start: HCLToken.Position) throws(HCLFailure) -> HCLToken {
        index += 2
        let indented = byte(index) == .minus
        if indented { index += 1 }
        let nameStart = index
        var length = identifierStart(at: index)
        while length > 0 {
            index += length
            length = identifierContinue(at: index)
        }
        guard index > nameStart else { throw failure("expected a heredoc delimiter (an identifier) after '<<'", at: start) }
        let delimiter = Array(bytes[nameStart..<index])
        let name = String(decoding: delimiter, as: UTF8.self)
        if byte(index) == .carriageReturn && byte(index + 1) == .newline { index += 1 }
        guard byte(index) == .newline else { throw failure("expected a newline after the heredoc delimiter '\(name)'", at: position) }
        advance()
        let contentStart = index
        var lineBegin = index
        var frames: [Frame] = []
        var ignored: [UInt8] = []
        while true {
            if frames.isEmpty && index == lineBegin {
                var marker = index
                while byte(marker) == .space || byte(marker) == .tab { marker += 1 }
                let after = marker + delimiter.count
                if bytes[marker...].starts(with: delimiter), identifierContinue(at: after) == 0,
                   after == bytes.count || bytes[after] == .newline || (bytes[after] == .carriageReturn && byte(after + 1) == .newline) {
                    index = after
                    break
                }
            }
            guard index < bytes.count else { throw failure("unterminated heredoc: expected '\(name)' on a line of its own", at: start) }
            if !frames.isEmpty {
                try stepInside(&frames, &ignored)
                ignored.removeAll(keepingCapacity: true)
                if index == lineStart { lineBegin = index }
            } else if bytes[index] == .newline {
                advance()
                lineBegin = index
            } else if escapesSequence(at: index) {
                index += 3
            } else if opensSequence(at: index) {
                try open(.sequence(position, braces: 0), &frames)
                index += 2
            } else {
                index += 1
            }
        }
        return HCLToken(kind: .heredoc, position: start, end: index, text: heredocText(contentStart..<lineBegin, indented: indented))
    }

    private func heredocText(_ content: Range<Int>, indented: Bool) -> String {
        var lines: [Range<Int>] = []
        var begin = content.lowerBound
        for offset in content where bytes[offset] == .newline {
            lines.append(begin..<offset)
            begin = offset + 1
        }
        var trimmed = lines.map { range in
            range.upperBound > range.lowerBound && bytes[range.upperBound - 1] == .carriageReturn ? range.lowerBound..<(range.upperBound - 1) : range
        }
        if indented {
            let leading = trimmed.compactMap { range -> Int? in
                let spaces = bytes[range].prefix { $0 == .space }.count
                return spaces == range.count ? nil : spaces
            }.min() ?? 0
            trimmed = trimmed.map { range in
                let spaces = min(leading, bytes[range].prefix { $0 == .space }.count)
                return (range.lowerBound + spaces)..<range.upperBound
            }
        }
        var text: [UInt8] = []
        for range in trimmed {
            text += bytes[range]
            text.append(.newline)
        }
        return String(decoding: text, as: UTF8.self)
    }
}

private extension UInt8 {
    static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r"), tab = UInt8(ascii: "\t"), space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), hash = UInt8(ascii: "#"), slash = UInt8(ascii: "/")
    static let star = UInt8(ascii: "*"), dollar = UInt8(ascii: "$"), percent = UInt8(ascii: "%"), less = UInt8(ascii: "<")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}"), dot = UInt8(ascii: "."), plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-"), underscore = UInt8(ascii: "_")

    var isASCIILetter: Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20) }
    var isHexDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self | 0x20) }
}

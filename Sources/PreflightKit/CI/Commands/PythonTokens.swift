/// Python source as the tokens of its logical lines: names, string literals (decoded), punctuation, with the line
/// of each token and the indentation of each logical line. Brackets and backslashes join physical lines; comments
/// are dropped; string contents never look like code. A bounded reading for finding calls, not a Python parser.
struct PythonTokens {
    enum Kind: Hashable {
        case name(String)
        /// A string literal's value; `isLiteral` is false for f-strings, whose value depends on the program.
        case string(String, isLiteral: Bool)
        case punctuation(String)
        case other
    }

    struct Token: Hashable {
        var kind: Kind
        var line: Int
    }

    struct LogicalLine {
        var indent: Int
        var line: Int
        var tokens: [Token]
    }

    /// How a streamed reading ended.
    struct Ending: Hashable {
        /// Reading stopped at `maxTokens`, the rest unread.
        var isCut = false
        /// A logical line longer than `maxLineTokens` was handed over in parts.
        var isSplit = false
        /// The line of the outermost bracket still open at the end, when one is.
        var unclosedBracketLine: Int?
    }

    private(set) var lines: [LogicalLine] = []

    init(_ text: String) {
        var lines: [LogicalLine] = []
        _ = Self.read(text) { lines.append($0) }
        self.lines = lines
    }

    /// Hands each logical line of `text` to `body` as it is read, keeping only one line in memory: at most
    /// `maxTokens` tokens in all, and a longer line than `maxLineTokens` in parts. A string literal longer than
    /// `maxStringValue` bytes keeps no value (an empty one, not literal): a reader that needs only short strings is
    /// spared copying every docstring. Read as UTF-8 bytes: a byte of a non-ASCII character outside a string is part
    /// of a name, as Python's identifiers are the only place code may hold one.
    static func read(_ text: String, maxTokens: Int = .max, maxLineTokens: Int = .max, maxStringValue: Int = .max,
                     _ body: (LogicalLine) -> Void) -> Ending {
        var text = text
        return text.withUTF8 { read($0, maxTokens: maxTokens, maxLineTokens: maxLineTokens, maxStringValue: maxStringValue, body) }
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, maxTokens: Int, maxLineTokens: Int, maxStringValue: Int,
                             _ body: (LogicalLine) -> Void) -> Ending {
        var ending = Ending()
        var index = 0
        var line = 1
        var depth = 0
        var current: [Token] = []
        var indent = 0
        var atLineStart = true
        var lineStartIndent = 0
        var count = 0
        var openLine = 0

        func finish() {
            if !current.isEmpty { body(LogicalLine(indent: indent, line: current[0].line, tokens: current)) }
            count += current.count
            current.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            if count + current.count >= maxTokens { ending.isCut = true; break }
            if current.count >= maxLineTokens { ending.isSplit = true; finish() }
            let byte = bytes[index]
            if atLineStart {
                var column = 0
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 {
                    column += bytes[index] == 0x09 ? 8 - column % 8 : 1
                    index += 1
                }
                lineStartIndent = column
                atLineStart = false
                continue
            }
            switch byte {
            case 0x0A:
                line += 1
                index += 1
                if depth == 0 { finish(); atLineStart = true }
            case 0x20, 0x09, 0x0D, 0x0C:
                index += 1
            case 0x23:   // #
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            case 0x5C where index + 1 < bytes.count && bytes[index + 1] == 0x0A:
                index += 2
                line += 1
            case 0x5C where index + 2 < bytes.count && bytes[index + 1] == 0x0D && bytes[index + 2] == 0x0A:
                index += 3
                line += 1
            case 0x22, 0x27:
                if current.isEmpty { indent = lineStartIndent }
                current.append(Token(kind: Self.string(bytes, &index, &line, prefix: "", maxValue: maxStringValue), line: line))
            case 0x28, 0x5B, 0x7B, 0x29, 0x5D, 0x7D, 0x2C, 0x3A, 0x2E, 0x40, 0x3B, 0x2A, 0x3D:
                if current.isEmpty { indent = lineStartIndent }
                let tokenLine = line
                index += 1
                if byte == 0x28 || byte == 0x5B || byte == 0x7B {
                    if depth == 0 { openLine = tokenLine }
                    depth = min(depth + 1, 1 << 20)
                }
                if byte == 0x29 || byte == 0x5D || byte == 0x7D { depth = max(depth - 1, 0) }
                var doubled = false
                if (byte == 0x2A || byte == 0x3D) && index < bytes.count && bytes[index] == byte {
                    doubled = true
                    index += 1
                }
                if byte == 0x3B, depth == 0 { finish(); continue }
                current.append(Token(kind: byte == 0x3D && doubled ? .other : .punctuation(Self.punctuation(byte, doubled: doubled)), line: tokenLine))
            default:
                if current.isEmpty { indent = lineStartIndent }
                if Self.startsName(byte) {
                    let start = index
                    while index < bytes.count, Self.continuesName(bytes[index]) { index += 1 }
                    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    if index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27, index - start <= 2,
                       bytes[start..<index].allSatisfy({ "rbufRBUF".utf8.contains($0) }) {
                        current.append(Token(kind: Self.string(bytes, &index, &line, prefix: word.lowercased(), maxValue: maxStringValue), line: line))
                    } else {
                        current.append(Token(kind: .name(word), line: line))
                    }
                } else {
                    current.append(Token(kind: .other, line: line))
                    index += 1
                }
            }
        }
        finish()
        if depth > 0 { ending.unclosedBracketLine = openLine }
        return ending
    }

    /// The punctuation's text, from literals: no string is made per token.
    private static func punctuation(_ byte: UInt8, doubled: Bool) -> String {
        switch byte {
        case 0x28: return "("
        case 0x5B: return "["
        case 0x7B: return "{"
        case 0x29: return ")"
        case 0x5D: return "]"
        case 0x7D: return "}"
        case 0x2C: return ","
        case 0x3A: return ":"
        case 0x2E: return "."
        case 0x40: return "@"
        case 0x3B: return ";"
        case 0x2A: return doubled ? "**" : "*"
        default: return "="
        }
    }

    private static func startsName(_ byte: UInt8) -> Bool {
        byte == 0x5F || byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    private static func continuesName(_ byte: UInt8) -> Bool { startsName(byte) || (byte >= 0x30 && byte <= 0x39) }

    /// The string literal starting at `index` (at its quote), its value decoded for the common escapes.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ line: inout Int, prefix: String,
                               maxValue: Int = .max) -> Kind {
        let quote = bytes[index]
        let triple = index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote
        index += triple ? 3 : 1
        let raw = prefix.contains("r")
        let formatted = prefix.contains("f")
        var fields = 0
        var value: [UInt8] = []
        /// How many bytes the value holds, or would hold past `maxValue`.
        var kept = 0
        func keep(_ slice: some Collection<UInt8>) {
            if kept < maxValue { value.append(contentsOf: slice) }
            kept += slice.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            // A string inside an f-string's replacement field, which may use the same quote since Python 3.12.
            if fields > 0, byte == 0x22 || byte == 0x27 {
                let start = index
                _ = string(bytes, &index, &line, prefix: "", maxValue: maxValue)
                keep(bytes[start..<index])
                continue
            }
            if byte == quote, !triple || (index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote) {
                index += triple ? 3 : 1
                break
            }
            // An unterminated one-line string ends at the line's end, which the caller counts.
            if byte == 0x0A {
                if !triple { break }
                line += 1
            }
            if formatted, byte == 0x7B || byte == 0x7D {
                if fields == 0, index + 1 < bytes.count, bytes[index + 1] == byte {
                    keep(CollectionOfOne(byte))
                    index += 1
                } else {
                    fields = byte == 0x7B ? min(fields + 1, 1 << 20) : max(fields - 1, 0)
                }
            }
            if byte == 0x5C, index + 1 < bytes.count {
                let next = bytes[index + 1]
                index += 2
                if next == 0x0A { line += 1; if raw { keep([byte, next]) }; continue }
                if raw { keep([byte, next]); continue }
                switch next {
                case 0x6E: keep(CollectionOfOne(0x0A))
                case 0x74: keep(CollectionOfOne(0x09))
                case 0x5C, 0x27, 0x22: keep(CollectionOfOne(next))
                default: keep([byte, next])
                }
                continue
            }
            // A run of plain bytes, copied at once.
            let start = index
            index += 1
            while index < bytes.count {
                let next = bytes[index]
                if next == quote || next == 0x5C || next == 0x0A || next == 0x22 || next == 0x27 || (formatted && (next == 0x7B || next == 0x7D)) { break }
                index += 1
            }
            keep(bytes[start..<index])
        }
        guard kept <= maxValue else { return .string("", isLiteral: false) }
        return .string(String(decoding: value, as: UTF8.self), isLiteral: !prefix.contains("f"))
    }
}

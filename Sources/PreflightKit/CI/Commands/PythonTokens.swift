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
    /// `maxStringValue` characters keeps no value (an empty one, not literal): a reader that needs only short
    /// strings is spared copying every docstring.
    static func read(_ text: String, maxTokens: Int = .max, maxLineTokens: Int = .max, maxStringValue: Int = .max,
                     _ body: (LogicalLine) -> Void) -> Ending {
        var ending = Ending()
        let scalars = Array(text.unicodeScalars)
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

        while index < scalars.count {
            if count + current.count >= maxTokens { ending.isCut = true; break }
            if current.count >= maxLineTokens { ending.isSplit = true; finish() }
            let scalar = scalars[index]
            if atLineStart {
                var column = 0
                while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" {
                    column += scalars[index] == "\t" ? 8 - column % 8 : 1
                    index += 1
                }
                lineStartIndent = column
                atLineStart = false
                continue
            }
            switch scalar {
            case "\n":
                line += 1
                index += 1
                if depth == 0 { finish(); atLineStart = true }
            case " ", "\t", "\r", "\u{0C}":
                index += 1
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "\\" where index + 1 < scalars.count && scalars[index + 1] == "\n":
                index += 2
                line += 1
            case "\\" where index + 2 < scalars.count && scalars[index + 1] == "\r" && scalars[index + 2] == "\n":
                index += 3
                line += 1
            case "\"", "'":
                if current.isEmpty { indent = lineStartIndent }
                current.append(Token(kind: Self.string(scalars, &index, &line, prefix: "", maxValue: maxStringValue), line: line))
            case "(", "[", "{", ")", "]", "}", ",", ":", ".", "@", ";", "*", "=":
                if current.isEmpty { indent = lineStartIndent }
                let tokenLine = line
                var text = String(scalar)
                index += 1
                if "([{".unicodeScalars.contains(scalar) {
                    if depth == 0 { openLine = tokenLine }
                    depth = min(depth + 1, 1 << 20)
                }
                if ")]}".unicodeScalars.contains(scalar) { depth = max(depth - 1, 0) }
                if (scalar == "*" || scalar == "=") && index < scalars.count && scalars[index] == scalar {
                    text.append(String(scalar))
                    index += 1
                }
                if scalar == ";" , depth == 0 { finish(); continue }
                current.append(Token(kind: text == "==" ? .other : .punctuation(text), line: tokenLine))
            default:
                if current.isEmpty { indent = lineStartIndent }
                if Self.startsName(scalar) {
                    let start = index
                    while index < scalars.count, Self.continuesName(scalars[index]) { index += 1 }
                    let word = Self.text(scalars[start..<index])
                    if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'", word.count <= 2,
                       word.lowercased().allSatisfy({ "rbuf".contains($0) }) {
                        current.append(Token(kind: Self.string(scalars, &index, &line, prefix: word.lowercased(), maxValue: maxStringValue), line: line))
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

    /// ASCII answered without Unicode's property tables, which cost most of the reading.
    private static func startsName(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x5F || (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A) }
        return scalar.properties.isXIDStart
    }

    private static func continuesName(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x5F || (value >= 0x30 && value <= 0x39) || (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A) }
        return scalar.properties.isXIDContinue
    }

    /// The scalars as a string, ASCII copied as bytes.
    private static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        guard scalars.allSatisfy({ $0.value < 0x80 }) else { return String(String.UnicodeScalarView(scalars)) }
        return String(unsafeUninitializedCapacity: scalars.count) { buffer in
            for (offset, scalar) in scalars.enumerated() { buffer[offset] = UInt8(scalar.value) }
            return scalars.count
        }
    }

    /// The string literal starting at `index` (at its quote), its value decoded for the common escapes.
    private static func string(_ scalars: [Unicode.Scalar], _ index: inout Int, _ line: inout Int, prefix: String,
                               maxValue: Int = .max) -> Kind {
        let quote = scalars[index]
        let triple = index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote
        index += triple ? 3 : 1
        let raw = prefix.contains("r")
        let formatted = prefix.contains("f")
        var fields = 0
        var value = String.UnicodeScalarView()
        /// How many characters the value holds, or would hold past `maxValue`.
        var kept = 0
        while index < scalars.count {
            let scalar = scalars[index]
            // A string inside an f-string's replacement field, which may use the same quote since Python 3.12.
            if fields > 0, scalar == "\"" || scalar == "'" {
                let start = index
                _ = string(scalars, &index, &line, prefix: "", maxValue: maxValue)
                if kept < maxValue { value.append(contentsOf: scalars[start..<index]) }
                kept += index - start
                continue
            }
            if scalar == quote, !triple || (index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote) {
                index += triple ? 3 : 1
                break
            }
            // An unterminated one-line string ends at the line's end, which the caller counts.
            if scalar == "\n" {
                if !triple { break }
                line += 1
            }
            if formatted, scalar == "{" || scalar == "}" {
                if fields == 0, index + 1 < scalars.count, scalars[index + 1] == scalar {
                    value.append(scalar)
                    index += 1
                } else {
                    fields = scalar == "{" ? min(fields + 1, 1 << 20) : max(fields - 1, 0)
                }
            }
            if scalar == "\\", index + 1 < scalars.count {
                let next = scalars[index + 1]
                index += 2
                kept += 2
                if next == "\n" { line += 1; if raw { value.append(scalar); value.append(next) }; continue }
                if raw { value.append(scalar); value.append(next); continue }
                switch next {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\\", "'", "\"": value.append(next)
                default: value.append(scalar); value.append(next)
                }
                continue
            }
            // A run of plain characters, copied at once.
            let start = index
            index += 1
            while index < scalars.count {
                let next = scalars[index]
                if next == quote || next == "\\" || next == "\n" || next == "\"" || next == "'" || (formatted && (next == "{" || next == "}")) { break }
                index += 1
            }
            if kept < maxValue { value.append(contentsOf: scalars[start..<index]) }
            kept += index - start
        }
        guard kept <= maxValue else { return .string("", isLiteral: false) }
        return .string(String(value), isLiteral: !prefix.contains("f"))
    }
}

/// A strict TOML 1.0 parser into a `TOMLNode` tree that keeps the line of every table, key and value.
///
/// Written here rather than taken from a package: the one in the package mirror, TOMLKit, wraps toml++, which
/// aborts the whole process on some malformed input (fuzzing found four such inputs) and leaks on every call.
/// A gate must refuse a hostile file with its line, not die on it.
///
/// Scalars become text: strings their decoded value, integers in decimal, floats as Swift prints them, booleans
/// `true`/`false`, dates and times as RFC 3339 writes them.
public struct TOMLParser {
    /// Why a document was refused, and where.
    public struct Failure: Error, Sendable {
        public let line: Int
        public let column: Int
        public let message: String
    }

    private let bytes: [UInt8]
    private let maxDepth: Int
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private let root: TOMLTable
    private var current: TOMLTable
    /// Numbers each header's lines and each inline table, for the dotted-key rule in `TOMLTable.Origin`.
    private var section = 0
    private var sections = 0

    /// Parses a whole document; nesting deeper than `maxDepth` (arrays, inline tables, dotted keys, headers) is refused.
    public static func parse(_ text: String, maxDepth: Int = 64) throws(Failure) -> TOMLNode {
        var parser = TOMLParser(bytes: Array(text.utf8), maxDepth: maxDepth)
        try parser.parseDocument()
        return parser.root.node
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        root = TOMLTable(origin: .header, line: 1, depth: 0)
        current = root
    }

    // MARK: Document structure

    private mutating func parseDocument() throws(Failure) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while true {
            skipSpaces()
            guard let byte = peek() else { return }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"):
                try endOfLine()
            case UInt8(ascii: "["):
                try parseHeader()
                try endOfLine()
            default:
                let start = position
                let key = try parseKey()
                try expect(UInt8(ascii: "="), "expected = after the key")
                skipSpaces()
                let value = try parseValue(depth: current.depth + key.count)
                try insert(key, value, at: start, into: current)
                try endOfLine()
            }
        }
    }

    private mutating func parseHeader() throws(Failure) {
        let start = position
        index += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { index += 1 }
        skipSpaces()
        let key = try parseKey()
        guard key.count <= maxDepth else { throw failure("tables nested more than \(maxDepth) deep") }
        try expect(UInt8(ascii: "]"), "expected ] to close the table header")
        if isArray { try expect(UInt8(ascii: "]"), "expected ]] to close the array-of-tables header", skippingSpaces: false) }
        sections += 1
        section = sections
        let parent = try headerParent(key.dropLast(), at: start)
        let name = key.last!
        let path = key.joined(separator: ".")
        let table = TOMLTable(origin: .header, line: start.line, depth: key.count)
        if isArray {
            switch parent[name] {
            case nil:
                let array = TOMLTableArray(line: start.line)
                array.tables.append(table)
                parent.add(name, .tables(array))
            case .tables(let array):
                array.tables.append(table)
            case .table, .value:
                throw failure("`\(path)` is already defined, not as an array of tables", at: start)
            }
            current = table
        } else {
            switch parent[name] {
            case nil:
                parent.add(name, .table(table))
                current = table
            case .table(let existing) where existing.origin == .implicit:
                existing.origin = .header
                current = existing
            case .value:
                throw failure("`\(path)` is already defined as a value", at: start)
            default:
                throw failure("table `\(path)` is defined twice", at: start)
            }
        }
    }

    /// The table a header's last key goes in: headers may pass through any table, taking the last of an array of
    /// tables, but not through a value.
    private func headerParent(_ path: ArraySlice<String>, at start: Position) throws(Failure) -> TOMLTable {
        var table = root
        for (offset, name) in path.enumerated() {
            switch table[name] {
            case nil:
                let child = TOMLTable(origin: .implicit, line: start.line, depth: table.depth + 1)
                table.add(name, .table(child))
                table = child
            case .table(let child):
                table = child
            case .tables(let array):
                table = array.tables.last!
            case .value:
                let prefix = path.prefix(offset + 1).joined(separator: ".")
                throw failure("`\(prefix)` is a value, not a table", at: start)
            }
        }
        return table
    }

    /// Puts `value` at the dotted `key` under `table`. Dotted keys may define tables, or go on defining tables they
    /// defined in the same section, but never add to a table defined elsewhere.
    private func insert(_ key: [String], _ value: TOMLNode, at start: Position, into table: TOMLTable) throws(Failure) {
        var table = table
        for (offset, name) in key.dropLast().enumerated() {
            let prefix = key.prefix(offset + 1).joined(separator: ".")
            switch table[name] {
            case nil:
                let child = TOMLTable(origin: .dotted(section: section), line: start.line, depth: table.depth + 1)
                table.add(name, .table(child))
                table = child
            case .table(let child):
                switch child.origin {
                case .implicit: child.origin = .dotted(section: section)
                case .dotted(let defined) where defined == section: break
                default: throw failure("table `\(prefix)` is already defined; dotted keys cannot add to it", at: start)
                }
                table = child
            case .tables:
                throw failure("`\(prefix)` is an array of tables; dotted keys cannot add to it", at: start)
            case .value:
                throw failure("`\(prefix)` is already defined as a value", at: start)
            }
        }
        let name = key.last!
        guard table[name] == nil else { throw failure("key `\(key.joined(separator: "."))` is defined twice", at: start) }
        table.add(name, .value(value))
    }

    // MARK: Keys

    private mutating func parseKey() throws(Failure) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            parts.append(try parseSimpleKey())
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    private mutating func parseSimpleKey() throws(Failure) -> String {
        switch peek() {
        case let quote? where quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"):
            if opensMultiline(quote) { throw failure("a key cannot be a multi-line string") }
            return try parseString(quote)
        default:
            let start = index
            while let byte = peek(), byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") { index += 1 }
            guard index > start else { throw failure("expected a key, found \(describeNext())") }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(Failure) -> TOMLNode {
        let valueLine = line
        guard depth <= maxDepth else { throw failure("values nested more than \(maxDepth) deep") }
        guard let byte = peek() else { throw failure("expected a value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return .scalar(opensMultiline(byte) ? try parseMultilineString(byte) : try parseString(byte), line: valueLine)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth)
        case UInt8(ascii: "{"):
            return try parseInlineTable(depth: depth)
        case UInt8(ascii: "t") where starts(with: "true"):
            index += 4
            return .scalar("true", line: valueLine)
        case UInt8(ascii: "f") where starts(with: "false"):
            index += 5
            return .scalar("false", line: valueLine)
        default:
            if let dateTime = try parseDateTime() { return .scalar(dateTime, line: valueLine) }
            return .scalar(try parseNumber(), line: valueLine)
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> TOMLNode {
        let arrayLine = line
        index += 1
        var items: [TOMLNode] = []
        while true {
            try skipBlankLines()
            if peek() == UInt8(ascii: "]") { break }
            items.append(try parseValue(depth: depth + 1))
            try skipBlankLines()
            if peek() == UInt8(ascii: ",") {
                index += 1
            } else if peek() == UInt8(ascii: "]") {
                break
            } else {
                throw failure("expected , or ] in the array, found \(describeNext())")
            }
        }
        index += 1
        return .array(items, line: arrayLine)
    }

    private mutating func parseInlineTable(depth: Int) throws(Failure) -> TOMLNode {
        let tableLine = line
        index += 1
        let table = TOMLTable(origin: .header, line: tableLine, depth: depth)
        let outer = section
        sections += 1
        section = sections
        defer { section = outer }
        skipSpaces()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return table.node
        }
        while true {
            let start = position
            let key = try parseKey()
            try expect(UInt8(ascii: "="), "expected = after the key")
            skipSpaces()
            try insert(key, try parseValue(depth: depth + key.count), at: start, into: table)
            skipSpaces()
            if peek() == UInt8(ascii: ",") {
                index += 1
                skipSpaces()
                if peek() == UInt8(ascii: "}") { throw failure("an inline table cannot end with a comma") }
            } else if peek() == UInt8(ascii: "}") {
                index += 1
                return table.node
            } else {
                throw failure("expected , or } in the inline table (which must fit on one line), found \(describeNext())")
            }
        }
    }

    // MARK: Strings

    /// A basic string (`"…"`, with escapes) or a literal one (`'…'`, without), on one line.
    private mutating func parseString(_ quote: UInt8) throws(Failure) -> String {
        index += 1
        var text: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else { throw failure("unterminated string") }
            if byte == quote {
                index += 1
                return String(decoding: text, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                try parseEscape(into: &text)
            } else {
                try checkTextByte(byte)
                text.append(byte)
                index += 1
            }
        }
    }

    /// A multi-line basic (`"""…"""`) or literal (`'''…'''`) string; a newline right after the opening is dropped.
    private mutating func parseMultilineString(_ quote: UInt8) throws(Failure) -> String {
        index += 3
        try skipOneNewline()
        var text: [UInt8] = []
        while true {
            guard let byte = peek() else { throw failure("unterminated multi-line string") }
            switch byte {
            case quote:
                if try closesMultiline(quote, into: &text) { return String(decoding: text, as: UTF8.self) }
            case UInt8(ascii: "\\") where quote == UInt8(ascii: "\""):
                if lineEndingBackslash() {
                    try skipWhitespaceAndNewlines()
                } else {
                    try parseEscape(into: &text)
                }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try newline(into: &text)
            default:
                try checkTextByte(byte)
                text.append(byte)
                index += 1
            }
        }
    }

    private func opensMultiline(_ quote: UInt8) -> Bool {
        index + 2 < bytes.count && bytes[index] == quote && bytes[index + 1] == quote && bytes[index + 2] == quote
    }

    /// At a run of `quote`s inside a multi-line string: three end it, and up to two more before them are content.
    private mutating func closesMultiline(_ quote: UInt8, into text: inout [UInt8]) throws(Failure) -> Bool {
        var count = 0
        while peek() == quote { count += 1; index += 1 }
        guard count >= 3 else {
            text += repeatElement(quote, count: count)
            return false
        }
        guard count <= 5 else { throw failure("too many quotes at the end of a multi-line string") }
        text += repeatElement(quote, count: count - 3)
        return true
    }

    private mutating func parseEscape(into text: inout [UInt8]) throws(Failure) {
        let start = position
        index += 1
        guard let byte = peek() else { throw failure("unterminated string") }
        index += 1
        let width: Int
        switch byte {
        case UInt8(ascii: "b"): text.append(0x08); return
        case UInt8(ascii: "t"): text.append(0x09); return
        case UInt8(ascii: "n"): text.append(0x0A); return
        case UInt8(ascii: "f"): text.append(0x0C); return
        case UInt8(ascii: "r"): text.append(0x0D); return
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): text.append(byte); return
        case UInt8(ascii: "u"): width = 4
        case UInt8(ascii: "U"): width = 8
        default: throw failure(#"unknown escape: a backslash must be followed by b, t, n, f, r, ", \, u or U"#, at: start)
        }
        guard index + width <= bytes.count,
              let value = UInt32(String(decoding: bytes[index..<index + width], as: UTF8.self), radix: 16),
              bytes[index..<index + width].allSatisfy(\.isASCIIHexDigit),
              let scalar = Unicode.Scalar(value) else {
            throw failure("\\\(Character(Unicode.Scalar(byte))) must be followed by \(width) hex digits of a Unicode scalar value", at: start)
        }
        index += width
        text.append(contentsOf: String(scalar).utf8)
    }

    /// A backslash followed by spaces to the end of the line, which joins lines in a multi-line basic string.
    private func lineEndingBackslash() -> Bool {
        var probe = index + 1
        while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") { probe += 1 }
        return probe < bytes.count && (bytes[probe] == UInt8(ascii: "\n") || bytes[probe] == UInt8(ascii: "\r"))
    }

    private mutating func skipWhitespaceAndNewlines() throws(Failure) {
        index += 1
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): index += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): var ignored: [UInt8] = []; try newline(into: &ignored)
            default: return
            }
        }
    }

    private mutating func skipOneNewline() throws(Failure) {
        if peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") {
            var ignored: [UInt8] = []
            try newline(into: &ignored)
        }
    }

    /// Control characters other than tab are not allowed in strings or comments; neither is a lone carriage return.
    private func checkTextByte(_ byte: UInt8) throws(Failure) {
        if (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F {
            throw failure("control character U+\(String(byte, radix: 16, uppercase: true).leftPadded(to: 4)) is not allowed here")
        }
    }

    // MARK: Numbers, dates and times

    private mutating func parseNumber() throws(Failure) -> String {
        let start = index
        while let byte = peek(), byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") { index += 1 }
        guard index > start else { throw failure("expected a value, found \(describeNext())") }
        guard let value = TOMLNumber.canonical(bytes[start..<index]) else {
            let token = String(decoding: bytes[start..<index], as: UTF8.self)
            index = start
            throw failure("`\(token)` is not a valid value")
        }
        return value
    }

    /// A date, time or date-time in RFC 3339 form; nil when the text here is not one.
    private mutating func parseDateTime() throws(Failure) -> String? {
        let start = index
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count, bytes[index..<index + count].allSatisfy(\.isASCIIDigit) else { return nil }
            defer { index += count }
            return Int(String(decoding: bytes[index..<index + count], as: UTF8.self))
        }
        func take(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            index += 1
            return true
        }
        func time() throws(Failure) {
            guard let hour = digits(2), take(UInt8(ascii: ":")), let minute = digits(2), take(UInt8(ascii: ":")),
                  let second = digits(2) else { throw failure("a time must be HH:MM:SS") }
            guard hour < 24, minute < 60, second <= 60 else { throw failure("time out of range") }
            if take(UInt8(ascii: ".")) {
                guard let byte = peek(), byte.isASCIIDigit else { throw failure("expected digits after the decimal point of a time") }
                while let byte = peek(), byte.isASCIIDigit { index += 1 }
            }
        }
        if index + 2 < bytes.count, bytes[index].isASCIIDigit, bytes[index + 1].isASCIIDigit, bytes[index + 2] == UInt8(ascii: ":") {
            try time()
        } else if let year = digits(4), take(UInt8(ascii: "-")) {
            guard let month = digits(2), take(UInt8(ascii: "-")), let day = digits(2) else { throw failure("a date must be YYYY-MM-DD") }
            guard (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day) else {
                throw failure("date out of range")
            }
            let spaceThenTime = peek() == UInt8(ascii: " ") && index + 1 < bytes.count && bytes[index + 1].isASCIIDigit
            if take(UInt8(ascii: "T")) || take(UInt8(ascii: "t")) || spaceThenTime {
                if spaceThenTime { index += 1 }
                try time()
                if !take(UInt8(ascii: "Z")), !take(UInt8(ascii: "z")), take(UInt8(ascii: "+")) || take(UInt8(ascii: "-")) {
                    guard let hours = digits(2), take(UInt8(ascii: ":")), let minutes = digits(2), hours < 24, minutes < 60 else {
                        throw failure("a time offset must be Z or ±HH:MM")
                    }
                }
            }
        } else {
            index = start
            return nil
        }
        var text = Array(bytes[start..<index])
        // As RFC 3339 writes it: `1979-05-27 07:32:00z` reads 1979-05-27T07:32:00Z.
        if text.count > 10, text[4] == UInt8(ascii: "-") {
            text[10] = UInt8(ascii: "T")
            if text.last == UInt8(ascii: "z") { text[text.count - 1] = UInt8(ascii: "Z") }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: Whitespace, comments, newlines

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func starts(with text: String) -> Bool {
        let pattern = Array(text.utf8)
        return index + pattern.count <= bytes.count && bytes[index..<index + pattern.count].elementsEqual(pattern)
    }

    private mutating func skipSpaces() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ message: String, skippingSpaces: Bool = true) throws(Failure) {
        if skippingSpaces { skipSpaces() }
        guard peek() == byte else { throw failure("\(message), found \(describeNext())") }
        index += 1
    }

    private mutating func skipComment() throws(Failure) {
        guard peek() == UInt8(ascii: "#") else { return }
        index += 1
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { return }
            try checkTextByte(byte)
            index += 1
        }
    }

    /// Spaces, a comment, then a newline or the end of the file: what must follow a key/value pair or a header.
    private mutating func endOfLine() throws(Failure) {
        skipSpaces()
        try skipComment()
        guard peek() != nil else { return }
        guard peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") else {
            throw failure("expected the end of the line, found \(describeNext())")
        }
        var ignored: [UInt8] = []
        try newline(into: &ignored)
    }

    /// Spaces, comments and newlines, as allowed between the values of an array.
    private mutating func skipBlankLines() throws(Failure) {
        while true {
            skipSpaces()
            try skipComment()
            guard peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") else { return }
            var ignored: [UInt8] = []
            try newline(into: &ignored)
        }
    }

    /// Consumes LF or CRLF, appending it to `text`.
    private mutating func newline(into text: inout [UInt8]) throws(Failure) {
        if peek() == UInt8(ascii: "\r") {
            guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") else {
                throw failure("a carriage return must be followed by a line feed")
            }
            text.append(UInt8(ascii: "\r"))
            index += 1
        }
        text.append(UInt8(ascii: "\n"))
        index += 1
        line += 1
        lineStart = index
    }

    // MARK: Errors

    private func describeNext() -> String {
        guard let byte = peek() else { return "the end of the file" }
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return "the end of the line"
        case 0x21...0x7E: return "`\(Character(Unicode.Scalar(byte)))`"
        default: return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }

    private struct Position {
        let line: Int
        let column: Int
    }

    private var position: Position { Position(line: line, column: index - lineStart + 1) }

    /// An error at `position`, or where the parser is.
    private func failure(_ message: String, at position: Position? = nil) -> Failure {
        let position = position ?? self.position
        return Failure(line: position.line, column: position.column, message: message)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// One token of HCL's native syntax, located in the source.
struct HCLToken {
    enum Kind: Equatable { case identifier, number, string, heredoc, symbol, newline, end }

    /// Where a token (or any other construct) starts: its byte offset, its line and where that line starts.
    struct Position {
        var offset: Int
        var line: Int
        var lineStart: Int
    }

    var kind: Kind
    var position: Position
    /// The byte offset just past the token.
    var end: Int
    /// An identifier's or number's source, a symbol's characters, a string's or heredoc's text: escapes decoded,
    /// template sequences (`${…}`, `%{…}`, `$${`) as written.
    var text: String
    /// Whether a quoted string holds an interpolation or a directive.
    var isTemplate = false

    var line: Int { position.line }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// The token as an error message names it.
    var described: String {
        switch kind {
        case .identifier, .number, .symbol: return "'\(text.prefix(40))'"
        case .string: return "a string"
        case .heredoc: return "a heredoc"
        case .newline: return "a newline"
        case .end: return "the end of the file"
        }
    }
}

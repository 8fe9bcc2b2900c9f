/// HCL's expression grammar (operators, conditionals, calls, indexes, attribute access, splats, for expressions),
/// read to find where an expression ends and whether it is a literal. A literal — a string, a heredoc, a number,
/// `true`, `false`, `null`, a list or an object — is a tree; a string is its text with escapes decoded and template
/// sequences as written. Any other expression is one scalar holding its source text. Newlines end an expression
/// except inside parentheses, brackets and for expressions, and between the elements of an object.
extension HCLParser {
    private static let binaryOperators: Set<String> = ["+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"]
    private static let keywords: Set<String> = ["true", "false", "null"]

    /// An expression as a tree: its literal value, else its source text.
    mutating func expression(ignoringNewlines: Bool, depth: Int) throws(HCLFailure) -> DataNode {
        let first = token
        let literal = try conditional(ignoringNewlines, depth)
        try count(1, at: first)
        return literal ?? .scalar(lexer.source(first.position.offset, previousEnd), line: first.line)
    }

    /// The expressions below give their literal value, or nil when the expression is anything else.
    private mutating func conditional(_ newlines: Bool, _ depth: Int) throws(HCLFailure) -> DataNode? {
        let value = try binary(newlines, depth)
        if newlines { try skipNewlines() }
        guard token.isSymbol("?") else { return value }
        try check(depth: depth + 1, at: token)
        try take()
        try skipIf(newlines)
        _ = try conditional(newlines, depth + 1)
        try skipIf(newlines)
        try expect(":", "after the first result of a conditional")
        try skipIf(newlines)
        _ = try conditional(newlines, depth + 1)
        return nil
    }

    private mutating func binary(_ newlines: Bool, _ depth: Int) throws(HCLFailure) -> DataNode? {
        var value = try unary(newlines, depth)
        while true {
            if newlines { try skipNewlines() }
            guard token.kind == .symbol, Self.binaryOperators.contains(token.text) else { return value }
            try take()
            try skipIf(newlines)
            _ = try unary(newlines, depth)
            value = nil
        }
    }

    private mutating func unary(_ newlines: Bool, _ depth: Int) throws(HCLFailure) -> DataNode? {
        var operated = false
        while token.isSymbol("-") || token.isSymbol("!") {
            try take()
            try skipIf(newlines)
            operated = true
        }
        let value = try postfix(newlines, depth)
        return operated ? nil : value
    }

    /// A term followed by `.name`, `.0`, `.*`, `[index]` or `[*]`.
    private mutating func postfix(_ newlines: Bool, _ depth: Int) throws(HCLFailure) -> DataNode? {
        var value = try term(newlines, depth)
        while true {
            if newlines { try skipNewlines() }
            if token.isSymbol(".") {
                try take()
                guard token.kind == .identifier || token.kind == .number || token.isSymbol("*") else {
                    throw failure("expected an attribute name, an index or '*' after '.', found \(token.described)", at: token)
                }
                try take()
            } else if token.isSymbol("[") {
                let open = token
                try check(depth: depth + 1, at: open)
                try take()
                try skipNewlines()
                if token.isSymbol("*") { try take() } else { _ = try expression(ignoringNewlines: true, depth: depth + 1) }
                try skipNewlines()
                try close(open)
            } else {
                return value
            }
            value = nil
        }
    }

    private mutating func term(_ newlines: Bool, _ depth: Int) throws(HCLFailure) -> DataNode? {
        let first = token
        switch first.kind {
        case .string, .heredoc, .number:
            try take()
            return .scalar(first.text, line: first.line)
        case .identifier:
            try take()
            if token.isSymbol("(") {
                try arguments(depth + 1)
                return nil
            }
            return Self.keywords.contains(first.text) ? .scalar(first.text, line: first.line) : nil
        case .symbol where first.isSymbol("("):
            try check(depth: depth + 1, at: first)
            try take()
            try skipNewlines()
            _ = try expression(ignoringNewlines: true, depth: depth + 1)
            try skipNewlines()
            try close(first)
            return nil
        case .symbol where first.isSymbol("[") || first.isSymbol("{"):
            try check(depth: depth + 1, at: first)
            try take()
            try skipNewlines()
            if token.kind == .identifier && token.text == "for" {
                try forExpression(first, depth + 1)
                return nil
            }
            return try first.isSymbol("[") ? list(first, depth + 1) : object(first, depth + 1)
        default:
            throw failure("expected an expression, found \(token.described)", at: token)
        }
    }

    /// A call's arguments, from its `(`: expressions separated by commas, the last maybe followed by `...` or `,`.
    private mutating func arguments(_ depth: Int) throws(HCLFailure) {
        let open = token
        try check(depth: depth, at: open)
        try take()
        while true {
            try skipNewlines()
            if token.isSymbol(")") { break }
            _ = try expression(ignoringNewlines: true, depth: depth)
            try skipNewlines()
            if token.isSymbol("...") {
                try take()
                try skipNewlines()
                break
            }
            guard token.isSymbol(",") else { break }
            try take()
        }
        guard token.isSymbol(")") else {
            throw failure("expected ',' or ')' after an argument of the call opened at \(place(open)), found \(token.described)", at: token)
        }
        try take()
    }

    /// The elements of `[ … ]`, after its `[`; newlines between them are blanks.
    private mutating func list(_ open: HCLToken, _ depth: Int) throws(HCLFailure) -> DataNode {
        var items: [DataNode] = []
        while true {
            try skipNewlines()
            if token.isSymbol("]") { break }
            items.append(try expression(ignoringNewlines: true, depth: depth))
            try skipNewlines()
            guard token.isSymbol(",") else { break }
            try take()
        }
        guard token.isSymbol("]") else {
            throw failure("expected ',' or ']' after an element of the list opened at \(place(open)), found \(token.described)", at: token)
        }
        try take()
        return .list(items, line: open.line)
    }

    /// The elements of `{ … }`, after its `{`: `key = value` or `key: value`, separated by commas or newlines. A key
    /// that is a name or a string is its text, any other key expression its source.
    private mutating func object(_ open: HCLToken, _ depth: Int) throws(HCLFailure) -> DataNode {
        var pairs: [(key: String, value: DataNode)] = []
        while true {
            try skipNewlines()
            if token.isSymbol("}") { break }
            let key = try expression(ignoringNewlines: false, depth: depth)
            guard token.isSymbol("=") || token.isSymbol(":") else {
                throw failure("expected '=' or ':' after an object key, found \(token.described)", at: token)
            }
            try take()
            pairs.append((key.string ?? "", try expression(ignoringNewlines: false, depth: depth)))
            guard token.isSymbol(",") || token.kind == .newline else { break }
            try take()
        }
        guard token.isSymbol("}") else {
            throw failure("expected ',', a newline or '}' after an element of the object opened at \(place(open)), found \(token.described)", at: token)
        }
        try take()
        return .map(pairs, line: open.line)
    }

    /// `[for v in x : e if c]` or `{for k, v in x : k => v... if c}`, from its `for`; newlines are blanks.
    private mutating func forExpression(_ open: HCLToken, _ depth: Int) throws(HCLFailure) {
        try take()
        try skipNewlines()
        try name("after 'for'")
        if token.isSymbol(",") {
            try take()
            try skipNewlines()
            try name("after ','")
        }
        guard token.kind == .identifier && token.text == "in" else {
            throw failure("expected 'in' after the variables of a for expression, found \(token.described)", at: token)
        }
        try take()
        try skipNewlines()
        _ = try expression(ignoringNewlines: true, depth: depth)
        try expect(":", "after the collection of a for expression")
        try skipNewlines()
        _ = try expression(ignoringNewlines: true, depth: depth)
        if open.isSymbol("{") {
            try expect("=>", "after the key of an object for expression")
            try skipNewlines()
            _ = try expression(ignoringNewlines: true, depth: depth)
            if token.isSymbol("...") {
                try take()
                try skipNewlines()
            }
        }
        if token.kind == .identifier && token.text == "if" {
            try take()
            try skipNewlines()
            _ = try expression(ignoringNewlines: true, depth: depth)
        }
        try skipNewlines()
        try close(open)
    }

    // MARK: Small steps

    private mutating func skipIf(_ newlines: Bool) throws(HCLFailure) {
        if newlines { try skipNewlines() }
    }

    private mutating func name(_ place: String) throws(HCLFailure) {
        guard token.kind == .identifier else { throw failure("expected a variable name \(place), found \(token.described)", at: token) }
        try take()
        try skipNewlines()
    }

    private mutating func expect(_ symbol: String, _ place: String) throws(HCLFailure) {
        guard token.isSymbol(symbol) else { throw failure("expected '\(symbol)' \(place), found \(token.described)", at: token) }
        try take()
    }

    /// The bracket closing `open`.
    private mutating func close(_ open: HCLToken) throws(HCLFailure) {
        let closer = open.text == "(" ? ")" : open.text == "[" ? "]" : "}"
        guard token.isSymbol(closer) else {
            throw failure("expected '\(closer)' to close '\(open.text)' at \(place(open)), found \(token.described)", at: token)
        }
        try take()
    }
}

/// Reads HCL native syntax (Terraform's `.tf` and `.tfvars`) into the tree every structured format shares, shaped
/// as Terraform's JSON syntax is (see `HCLBody`); expressions are read by `HCLParser+Expressions`.
///
/// Bounded: at most `maxBytes` of input, blocks, labels and collections nested at most `maxDepth` deep, at most
/// `maxNodes` values. A construct left open or a token out of place is an `HCLFailure` at its line and column.
struct HCLParser {
    var lexer: HCLLexer
    var token: HCLToken
    /// Where the last token taken (newlines aside) ends: the end of an expression's source text.
    var previousEnd = 0
    let limits: InputLimits
    var nodes = 0

    static func parse(_ text: String, limits: InputLimits = .standard) throws(HCLFailure) -> DataNode {
        guard text.utf8.count <= limits.maxBytes else {
            throw HCLFailure(line: 1, column: 1, message: "larger than \(limits.maxBytes) bytes")
        }
        var parser = try HCLParser(text, limits: limits)
        return try parser.body(openedBy: nil, depth: 0)
    }

    private init(_ text: String, limits: InputLimits) throws(HCLFailure) {
        lexer = HCLLexer(text, maxDepth: limits.maxDepth)
        self.limits = limits
        token = try lexer.next()
    }

    // MARK: Structure

    /// A body up to the `}` closing `open`, or to the end of the file for the file's own body.
    private mutating func body(openedBy open: HCLToken?, depth: Int) throws(HCLFailure) -> DataNode {
        var body = HCLBody()
        while true {
            try skipNewlines()
            switch token.kind {
            case .end:
                if let open { throw failure("expected '}' to close the block opened at \(place(open))", at: token) }
                return body.node(line: 1)
            case .identifier:
                try item(into: &body, depth: depth)
                guard token.kind == .newline || token.kind == .end || (open != nil && token.isSymbol("}")) else {
                    throw failure("expected a newline after the attribute or block, found \(token.described)", at: token)
                }
            default:
                if let open, token.isSymbol("}") {
                    try take()
                    return body.node(line: open.line)
                }
                throw failure("expected an attribute or a block, found \(token.described)", at: token)
            }
        }
    }

    /// An attribute (`name = expression`) or a block (`type "label" label { … }`).
    private mutating func item(into body: inout HCLBody, depth: Int) throws(HCLFailure) {
        let name = token
        try take()
        if token.isSymbol("=") {
            try take()
            let value = try expression(ignoringNewlines: false, depth: depth)
            if let first = body.add(attribute: name.text, value, line: name.line) {
                throw failure("attribute '\(name.text)' is defined twice (first at line \(first))", at: name)
            }
            return
        }
        var labels: [String] = []
        while token.kind == .string || token.kind == .identifier {
            if token.isTemplate { throw failure("a block label cannot hold a template sequence", at: token) }
            labels.append(token.text)
            try take()
        }
        guard token.isSymbol("{") else {
            let expected = labels.isEmpty ? "'=' or '{' after '\(name.text)'" : "'{' after the labels of block '\(name.text)'"
            throw failure("expected \(expected), found \(token.described)", at: token)
        }
        let inner = depth + 1 + labels.count
        try check(depth: inner, at: token)
        try count(1 + labels.count, at: name)
        let open = token
        try take()
        let content = try self.body(openedBy: open, depth: inner)
        body.add(block: name.text, labels: labels, body: content, line: name.line)
    }

    // MARK: Tokens and bounds

    mutating func take() throws(HCLFailure) {
        if token.kind != .newline { previousEnd = token.end }
        token = try lexer.next()
    }

    mutating func skipNewlines() throws(HCLFailure) {
        while token.kind == .newline { try take() }
    }

    func check(depth: Int, at token: HCLToken) throws(HCLFailure) {
        if depth > limits.maxDepth { throw failure("nested deeper than \(limits.maxDepth) levels", at: token) }
    }

    mutating func count(_ added: Int, at token: HCLToken) throws(HCLFailure) {
        nodes += added
        if nodes > limits.maxNodes { throw failure("more than \(limits.maxNodes) values", at: token) }
    }

    func place(_ token: HCLToken) -> String {
        let failure = lexer.failure("", at: token.position)
        return "\(failure.line):\(failure.column)"
    }

    func failure(_ message: String, at token: HCLToken) -> HCLFailure {
        lexer.failure(message, at: token.position)
    }
}

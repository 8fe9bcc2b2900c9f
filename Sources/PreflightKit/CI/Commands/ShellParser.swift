/// The text a `ShellParser` reads: characters with their offsets in the top-level text (an `sh -c` string or a
/// backtick substitution is read again, and its commands keep the positions they have in the file).
struct ShellSource {
    var scalars: [Unicode.Scalar]
    /// The top-level offset of each scalar; nil when the source is the top-level text itself.
    var offsets: [Int]?

    func offset(_ index: Int) -> Int { offsets?[index] ?? index }
}

/// One word as the shell splits it, quotes removed, each character with its top-level offset.
struct ShellWord {
    var scalars: [Unicode.Scalar] = []
    var offsets: [Int] = []
    /// Top-level offsets of the word's first and last source characters.
    var start: Int
    var end: Int
    /// Index in `scalars` of the first character that came from quoting, an escape or an expansion.
    var firstQuoted = Int.max

    var string: String { String(String.UnicodeScalarView(scalars)) }
    var isQuoted: Bool { firstQuoted != Int.max }

    mutating func append(_ scalar: Unicode.Scalar, at offset: Int, quoted: Bool = false) {
        if quoted, firstQuoted == Int.max { firstQuoted = scalars.count }
        scalars.append(scalar)
        offsets.append(offset)
    }

    /// `NAME=value` with the name and `=` written plainly.
    var isAssignment: Bool {
        guard let equals = scalars.firstIndex(of: "="), equals > 0, equals < firstQuoted else { return false }
        let name = scalars[..<equals]
        let letter = { (c: Unicode.Scalar) in c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        return letter(name.first!) && name.allSatisfy { letter($0) || ("0"..."9").contains($0) }
    }
}

/// What every parser of one text shares: the output, the positions, the limits.
final class ShellOutput {
    let scalars: [Unicode.Scalar]
    let firstLine: Int
    let limits: ShellCommandLine.Limits
    private let lineStarts: [Int]
    var commands: [ShellCommand] = []
    private(set) var problems: [CommandProblem] = []
    private var seen: Set<Seen> = []
    private(set) var isFull = false
    /// Characters read again as nested text (`sh -c` strings, backticks), which nesting could otherwise multiply:
    /// in `sh -c "$(sh -c "$(…)")"` each level is read once as a word and once as commands.
    private var reread = 0
    private let maxReread: Int

    private struct Seen: Hashable { var start: Int; var words: [String] }

    init(scalars: [Unicode.Scalar], firstLine: Int, limits: ShellCommandLine.Limits) {
        self.scalars = scalars
        self.firstLine = firstLine
        self.limits = limits
        maxReread = 8 * scalars.count + 65_536
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
    }

    func position(_ offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle }
        }
        return (firstLine + low, offset - lineStarts[low] + 1)
    }

    /// Whether `count` more characters may be read again; false (with a problem, once) past the budget.
    func mayReread(_ count: Int, at offset: Int) -> Bool {
        reread += count
        guard reread > maxReread else { return true }
        if reread - count <= maxReread { problem(at: offset, "nested text read again past \(maxReread) characters: the rest is not read") }
        return false
    }

    func problem(at offset: Int, _ message: String) {
        guard problems.count < 100 else { return }
        problems.append(CommandProblem(line: position(offset).line, message: message))
    }

    /// Adds `command` unless the same words at the same place were added already (an `sh -c` string and its outer
    /// text both see a `$( … )` inside it).
    func add(_ command: ShellCommand, start: Int, end: Int) {
        guard !isFull else { return }
        guard seen.insert(Seen(start: start, words: command.words)).inserted else { return }
        guard commands.count < limits.maxCommands else {
            isFull = true
            problem(at: start, "more than \(limits.maxCommands) commands: the rest is not read")
            return
        }
        var command = command
        (command.line, command.column) = position(start)
        let last = min(end, start + 299, scalars.count - 1)
        command.text = last >= start ? String(String.UnicodeScalarView(scalars[start...last])) : ""
        commands.append(command)
    }
}

/// Reads one source: a lexer and a recursive-descent reader of lists, flattened into simple commands.
final class ShellParser {
    enum Token {
        case word(ShellWord)
        case separator
        case open, close
        case redirect(hereDocument: Bool, stripsTabs: Bool)
        case end
    }

    struct HereDocument { var delimiter: String; var stripsTabs: Bool; var offset: Int }

    let source: ShellSource
    let output: ShellOutput
    var depth: Int
    var directory: String?
    let prefixes: [String]
    var position = 0
    private var peeked: Token?
    private var hereDocuments: [HereDocument] = []
    private var caseDepth = 0
    /// Parentheses opened past the depth limit, read as plain separators.
    private var flatParentheses = 0

    init(source: ShellSource, output: ShellOutput, depth: Int, directory: String?, prefixes: [String]) {
        self.source = source
        self.output = output
        self.depth = depth
        self.directory = directory
        self.prefixes = prefixes
    }

    var scalars: [Unicode.Scalar] { source.scalars }

    /// The top-level offset of the character at `index`, or of the nearest one when it is past the end.
    private func offset(near index: Int) -> Int {
        guard !scalars.isEmpty else { return source.offsets == nil ? 0 : output.scalars.count }
        return source.offset(min(max(index, 0), scalars.count - 1))
    }

    func parseAll() { parseList(closing: nil) }

    // MARK: Lists

    /// Reads commands up to the end, or up to the `)` that closes the parenthesis opened at `closing`.
    func parseList(closing: Int?) {
        var pending: [ShellWord] = []
        while !output.isFull {
            let token = next()
            switch token {
            case .word(let word):
                pending.append(word)
            case .separator:
                finish(&pending)
            case .redirect(let hereDocument, let stripsTabs):
                let target = next()
                guard case .word(let word) = target else { peeked = target; continue }
                if hereDocument { hereDocuments.append(HereDocument(delimiter: word.string, stripsTabs: stripsTabs, offset: word.start)) }
            case .open:
                if !pending.isEmpty {
                    // `name() { …; }` defines a function: its name runs nothing.
                    pending.removeAll()
                    let after = next()
                    if case .close = after {} else { peeked = after }
                    continue
                }
                subshell(at: position - 1)
            case .close:
                if closing != nil, flatParentheses == 0 { finish(&pending); return }
                if flatParentheses > 0 { flatParentheses -= 1; finish(&pending); continue }
                if caseDepth > 0 { pending.removeAll(); continue }  // a `pattern)` of a case
                finish(&pending)
                output.problem(at: offset(near: position - 1), "unmatched ')'")
            case .end:
                finish(&pending)
                if let closing { output.problem(at: closing, "'(' is not closed") }
                if let open = hereDocuments.first {
                    output.problem(at: open.offset, "here-document <<\(open.delimiter) has no body")
                    hereDocuments.removeAll()
                }
                return
            }
        }
    }

    /// `( … )`: commands in a child shell, so a `cd` inside does not move the commands after it.
    private func subshell(at index: Int) {
        guard depth < output.limits.maxDepth else {
            if flatParentheses == 0 { output.problem(at: source.offset(index), "nesting deeper than \(output.limits.maxDepth) levels: read flat") }
            flatParentheses += 1
            return
        }
        let saved = directory
        depth += 1
        parseList(closing: source.offset(index))
        depth -= 1
        directory = saved
    }

    private func finish(_ pending: inout [ShellWord]) {
        guard !pending.isEmpty else { return }
        emit(pending)
        pending.removeAll()
    }

    // MARK: Tokens

    func next() -> Token {
        if let token = peeked { peeked = nil; return token }
        while position < scalars.count {
            let c = scalars[position]
            switch c {
            case " ", "\t", "\r":
                position += 1
            case "\\" where position + 1 < scalars.count && scalars[position + 1] == "\n":
                position += 2
            case "#":
                while position < scalars.count, scalars[position] != "\n" { position += 1 }
            case "\n":
                position += 1
                readHereDocuments()
                return .separator
            case ";", "&", "|":
                return separatorOrRedirect(c)
            case "(":
                position += 1
                return .open
            case ")":
                position += 1
                return .close
            case "<", ">":
                if position + 1 < scalars.count, scalars[position + 1] == "(" { return .word(word()) }  // <( … )
                return redirect()
            default:
                let word = word()
                // An empty word that was never quoted is the file descriptor of `2>&1`, removed.
                if word.scalars.isEmpty, !word.isQuoted { continue }
                return .word(word)
            }
        }
        return .end
    }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private func separatorOrRedirect(_ c: Unicode.Scalar) -> Token {
        position += 1
        if c == "&", peek(0) == ">" {
            position += 1
            if peek(0) == ">" { position += 1 }
            return .redirect(hereDocument: false, stripsTabs: false)
        }
        // `&&`, `||`, `|&`, `;;`, `;&`, `;;&`
        while let following = peek(0), following == c || following == "&", position < scalars.count {
            position += 1
            if following == "&" { break }
        }
        return .separator
    }

    private func redirect() -> Token {
        let c = scalars[position]
        position += 1
        if c == "<", peek(0) == "<" {
            position += 1
            if peek(0) == "<" { position += 1; return .redirect(hereDocument: false, stripsTabs: false) }  // <<< word
            if peek(0) == "-" { position += 1; return .redirect(hereDocument: true, stripsTabs: true) }
            return .redirect(hereDocument: true, stripsTabs: false)
        }
        if let following = peek(0), following == ">" || following == "&" || following == "|" { position += 1 }
        return .redirect(hereDocument: false, stripsTabs: false)
    }

    /// Skips the bodies of the here-documents whose operators were on the line just ended.
    private func readHereDocuments() {
        for document in hereDocuments {
            var found = false
            while position < scalars.count, !found {
                var end = position
                while end < scalars.count, scalars[end] != "\n" { end += 1 }
                var start = position
                if document.stripsTabs { while start < end, scalars[start] == "\t" { start += 1 } }
                var line = scalars[start..<end]
                if line.last == "\r" { line = line.dropLast() }
                found = String(String.UnicodeScalarView(line)) == document.delimiter
                position = min(end + 1, scalars.count)
            }
            if !found { output.problem(at: document.offset, "here-document <<\(document.delimiter) is not terminated") }
        }
        hereDocuments.removeAll()
    }

    // MARK: Words

    private static let wordEnds: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n", ";", "&", "|", "(", ")", "<", ">"]

    private func word() -> ShellWord {
        let start = source.offset(position)
        var word = ShellWord(start: start, end: start)
        if scalars[position] == "<" || scalars[position] == ">" {
            // Process substitution: its commands run.
            let open = position
            position += 1
            substitution(into: &word, from: open)
        }
        while position < scalars.count {
            let c = scalars[position]
            if Self.wordEnds.contains(c) {
                // `2>file`: the digits are the redirection's, not a word.
                if c == "<" || c == ">", !word.isQuoted, !word.scalars.isEmpty, word.scalars.allSatisfy({ ("0"..."9").contains($0) }) {
                    word.scalars.removeAll()
                }
                break
            }
            switch c {
            case "\\":
                if let following = peek(1) {
                    if following != "\n" { word.append(following, at: source.offset(position + 1), quoted: true) }
                    position += 2
                } else {
                    word.append(c, at: source.offset(position))
                    position += 1
                }
            case "'":
                singleQuoted(into: &word)
            case "\"":
                doubleQuoted(into: &word)
            case "$":
                dollar(into: &word, inDoubleQuotes: false)
            case "`":
                backticks(into: &word)
            default:
                word.append(c, at: source.offset(position))
                position += 1
            }
        }
        position = min(position, scalars.count)
        word.end = offset(near: position - 1)
        return word
    }

    private func singleQuoted(into word: inout ShellWord) {
        let open = position
        position += 1
        if word.firstQuoted == Int.max { word.firstQuoted = word.scalars.count }
        while position < scalars.count, scalars[position] != "'" {
            word.append(scalars[position], at: source.offset(position), quoted: true)
            position += 1
        }
        if position >= scalars.count { output.problem(at: source.offset(open), "unterminated single quote") }
        position = min(position + 1, scalars.count)
    }

    private func doubleQuoted(into word: inout ShellWord) {
        let open = position
        position += 1
        if word.firstQuoted == Int.max { word.firstQuoted = word.scalars.count }
        while position < scalars.count, scalars[position] != "\"" {
            let c = scalars[position]
            switch c {
            case "\\":
                if let following = peek(1), ["$", "`", "\"", "\\", "\n"].contains(following) {
                    if following != "\n" { word.append(following, at: source.offset(position + 1), quoted: true) }
                    position += 2
                } else {
                    word.append(c, at: source.offset(position), quoted: true)
                    position += 1
                }
            case "$":
                dollar(into: &word, inDoubleQuotes: true)
            case "`":
                backticks(into: &word)
            default:
                word.append(c, at: source.offset(position), quoted: true)
                position += 1
            }
        }
        if position >= scalars.count { output.problem(at: source.offset(open), "unterminated double quote") }
        position = min(position + 1, scalars.count)
    }

    /// Copies `scalars[from..<position]` into the word as written.
    private func copy(into word: inout ShellWord, from: Int) {
        for index in from..<min(position, scalars.count) { word.append(scalars[index], at: source.offset(index), quoted: true) }
    }

    private func dollar(into word: inout ShellWord, inDoubleQuotes: Bool) {
        let start = position
        switch (peek(1), peek(2)) {
        case ("{", "{"):
            // A GitHub Actions expression `${{ … }}`: one opaque piece of the word, whatever it holds.
            position += 3
            while position < scalars.count, !(scalars[position] == "}" && peek(1) == "}") {
                if scalars[position] == "\n" { break }
                position += 1
            }
            if position < scalars.count, scalars[position] == "}" { position += 2 } else {
                output.problem(at: source.offset(start), "unterminated ${{ expression")
            }
            copy(into: &word, from: start)
        case ("(", "("):
            position += 3
            skipBalanced(open: "(", close: ")", depth: 2)
            copy(into: &word, from: start)
        case ("(", _):
            position += 1
            substitution(into: &word, from: start)
        case ("{", _):
            position += 2
            skipBalanced(open: "{", close: "}", depth: 1)
            copy(into: &word, from: start)
        case ("'", _) where !inDoubleQuotes:
            ansiQuoted(into: &word)
        default:
            word.append("$", at: source.offset(position), quoted: inDoubleQuotes)
            position += 1
        }
    }

    /// Moves past the `close` that brings the nesting (already `depth` deep) back to 0, skipping quoted text.
    private func skipBalanced(open: Unicode.Scalar, close: Unicode.Scalar, depth: Int) {
        let start = max(position - 1, 0)
        var depth = depth
        var quote: Unicode.Scalar?
        while position < scalars.count, depth > 0 {
            let c = scalars[position]
            if let q = quote {
                if c == q { quote = nil } else if c == "\\", q == "\"" { position += 1 }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "\\" {
                position += 1
            } else if c == open {
                depth += 1
            } else if c == close {
                depth -= 1
            }
            position += 1
        }
        position = min(position, scalars.count)
        if depth > 0 { output.problem(at: offset(near: start), "unterminated '\(open)'") }
    }

    /// `$( … )` (at `from`, `position` on its `(`) and `<( … )`: a child shell whose commands run.
    private func substitution(into word: inout ShellWord, from: Int) {
        position += 1
        if depth >= output.limits.maxDepth {
            output.problem(at: source.offset(from), "nesting deeper than \(output.limits.maxDepth) levels: not read")
            skipBalanced(open: "(", close: ")", depth: 1)
        } else {
            let saved = (directory, caseDepth, flatParentheses, peeked)
            (caseDepth, flatParentheses, peeked) = (0, 0, nil)
            depth += 1
            parseList(closing: source.offset(from))
            depth -= 1
            (directory, caseDepth, flatParentheses, peeked) = saved
        }
        copy(into: &word, from: from)
    }

    /// `` `…` ``: the text between the backticks, unescaped, read as commands.
    private func backticks(into word: inout ShellWord) {
        let open = position
        position += 1
        var inner = ShellSource(scalars: [], offsets: [])
        while position < scalars.count, scalars[position] != "`" {
            if scalars[position] == "\\", let following = peek(1), ["`", "\\", "$"].contains(following) { position += 1 }
            inner.scalars.append(scalars[position])
            inner.offsets!.append(source.offset(position))
            position += 1
        }
        if position >= scalars.count { output.problem(at: source.offset(open), "unterminated backtick") }
        position = min(position + 1, scalars.count)
        copy(into: &word, from: open)
        nested(inner, prefixes: [])
    }

    /// `$'…'`: ANSI-C quoting.
    private func ansiQuoted(into word: inout ShellWord) {
        let open = position
        position += 2
        let escapes: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", "\"": "\""]
        while position < scalars.count, scalars[position] != "'" {
            var c = scalars[position]
            if c == "\\", let following = peek(1) {
                position += 1
                c = escapes[following] ?? following
            }
            word.append(c, at: source.offset(position), quoted: true)
            position += 1
        }
        if position >= scalars.count { output.problem(at: source.offset(open), "unterminated $' quote") }
        position = min(position + 1, scalars.count)
    }

    /// Reads `inner` (a backtick substitution, an `sh -c` string) as commands of a child shell.
    func nested(_ inner: ShellSource, prefixes added: [String]) {
        guard depth < output.limits.maxDepth else {
            output.problem(at: inner.offsets?.first ?? offset(near: position - 1),
                           "nesting deeper than \(output.limits.maxDepth) levels: not read")
            return
        }
        guard output.mayReread(inner.scalars.count + 1, at: inner.offsets?.first ?? offset(near: position - 1)) else { return }
        let child = ShellParser(source: inner, output: output, depth: depth + 1, directory: directory,
                                prefixes: prefixes + added)
        child.parseAll()
    }

    // MARK: Commands

    private static let skippedWords: Set<String> = ["{", "}", "!", "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "coproc"]

    /// Turns one simple command's words into a `ShellCommand`: reserved words, assignments, prefixes, `cd`.
    private func emit(_ all: [ShellWord]) {
        var words = all[...]
        while let first = words.first, !first.isQuoted {
            let name = first.string
            if name == "case" { caseDepth += 1; return }  // `case WORD in`: the word runs nothing
            if name == "for" || name == "select" { return }  // `for x in …`: a list of words
            if name == "esac" { caseDepth = max(0, caseDepth - 1) } else if name == "function" { words = words.dropFirst() }
            else if !Self.skippedWords.contains(name) { break }
            words = words.dropFirst()
        }
        guard let first = words.first, let last = words.last else { return }
        var command = ShellCommand(words: [], assignments: [], prefixes: prefixes, directory: directory, line: 0, column: 0, text: "")
        var unwrapped = CommandUnwrapping(words: words)
        unwrapped.run()
        command.assignments = unwrapped.assignments.map(\.string)
        command.prefixes += unwrapped.prefixes
        if let string = unwrapped.script {
            nested(ShellSource(scalars: string.scalars, offsets: string.offsets), prefixes: unwrapped.prefixes + [unwrapped.shellPrefix ?? "sh -c"])
            return
        }
        command.words = unwrapped.words.map(\.string)
        guard !command.words.isEmpty else { return }
        output.add(command, start: first.start, end: last.end)
        if command.program == "cd" { changeDirectory(Array(command.arguments)) }
    }

    /// Variables CI systems set to the checkout they run in: `cd $CODEBUILD_SRC_DIR/model` is `cd model` from there.
    static let checkoutVariables = ["CODEBUILD_SRC_DIR", "GITHUB_WORKSPACE", "CI_PROJECT_DIR", "BITBUCKET_CLONE_DIR", "BUILD_SOURCESDIRECTORY"]

    private func changeDirectory(_ arguments: [String]) {
        var target = arguments.first { !$0.hasPrefix("-") || $0 == "-" } ?? "~"
        for name in Self.checkoutVariables {
            for written in ["$" + name, "${" + name + "}"] where target == written || target.hasPrefix(written + "/") {
                // The checkout is where the step starts: the path below it is relative to the start.
                directory = nil
                target = "." + target.dropFirst(written.count)
            }
        }
        guard !target.hasPrefix("/"), !target.hasPrefix("~"), !target.hasPrefix("$"), target != "-" else {
            directory = target
            return
        }
        let current = directory ?? ""
        var parts = current.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let absolute = current.hasPrefix("/")
        for part in target.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let previous = parts.last, previous != ".." { parts.removeLast() } else { parts.append(String(part)) }
        }
        let joined = parts.joined(separator: "/")
        directory = absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}

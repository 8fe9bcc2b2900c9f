/// A noxfile.py as the sessions it declares and what each runs: functions decorated with `@nox.session` (or
/// `@session` imported from nox), their `session.run(…)` calls as words, `session.notify(…)` as the sessions they
/// queue, `session.chdir(…)` as the directory of what follows, calls of the file's other functions followed in
/// place; and `nox.options.sessions` / `nox.options.tags`, the default selection.
struct Noxfile {
    struct Session {
        var name: String
        var function: String
        var line: Int
        var pythons: [String] = []
        var tags: [String] = []
        var isDefault = true
    }

    private(set) var sessions: [Session] = []
    private(set) var optionSessions: [String]?
    private(set) var optionTags: [String]?
    private(set) var graph = TaskGraph(noun: "nox session")
    private(set) var problems: [CommandProblem] = []
    /// Tokens that reading call arguments may still look at: nested calls rescan their arguments, so this keeps a
    /// hostile file linear-ish.
    private var budget = 2_000_000

    init(_ text: String) {
        let (text, cut) = TaskFiles.bounded(text)
        problems = cut
        let lines = PythonTokens(text).lines
        var decorators: Set<String> = ["nox.session"]
        var pending: Session?
        var functions: [(name: String, parameter: String, body: ArraySlice<PythonTokens.LogicalLine>, session: Session?)] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let tokens = line.tokens
            index += 1
            if line.indent == 0, Self.name(tokens, 0) == "from", Self.dotted(tokens, from: 1).name == "nox" {
                // `from nox import session` (or `session as s`): the bare decorator is nox's.
                var position = Self.dotted(tokens, from: 1).end + 1
                while position < tokens.count {
                    if Self.name(tokens, position) == "session" {
                        let alias = Self.name(tokens, position + 1) == "as" ? Self.name(tokens, position + 2) : nil
                        decorators.insert(alias ?? "session")
                    }
                    position += 1
                }
                continue
            }
            if line.indent == 0, let values = Self.assignment(tokens, to: "nox.options.sessions") { optionSessions = values; continue }
            if line.indent == 0, let values = Self.assignment(tokens, to: "nox.options.tags") { optionTags = values; continue }
            if tokens.first?.kind == .punctuation("@") {
                let (decorator, end) = Self.dotted(tokens, from: 1)
                if decorators.contains(decorator) {
                    pending = session(tokens, arguments: end, line: line.line)
                }
                continue
            }
            guard Self.name(tokens, 0) == "def" || Self.name(tokens, 0) == "async" && Self.name(tokens, 1) == "def" else {
                pending = nil
                continue
            }
            let offset = Self.name(tokens, 0) == "async" ? 1 : 0
            guard let function = Self.name(tokens, offset + 1) else { pending = nil; continue }
            let parameter = Self.name(tokens, offset + 3) ?? "session"
            let start = index
            while index < lines.count, lines[index].indent > line.indent { index += 1 }
            if line.indent == 0 {
                var session = pending
                session?.function = function
                if session?.name.isEmpty == true { session?.name = function }
                session?.line = line.line
                functions.append((function, parameter, lines[start..<index], session))
            }
            pending = nil
        }
        sessions = functions.compactMap(\.session)
        var taskNames: [String: String] = [:]
        for function in functions { taskNames[function.name] = function.session?.name ?? "def \(function.name)" }
        for function in functions {
            let key = taskNames[function.name]!
            guard graph.tasks[key] == nil else { continue }
            graph.tasks[key] = read(function.body, parameter: function.parameter, line: function.session?.line ?? function.body.first?.line ?? 1,
                                    functions: taskNames)
        }
    }

    /// The sessions `names` asks for (`tests`, `tests-3.12`, `--tags=x`), or the default ones when empty, in order.
    func select(_ names: [String]) -> [(asked: String, session: String?)] {
        if names.isEmpty {
            if let optionSessions { return optionSessions.flatMap { select([$0]) } }
            if let optionTags { return select(optionTags.map { "--tags=" + $0 }) }
            return sessions.filter(\.isDefault).map { ($0.name, $0.name) }
        }
        var selected: [(String, String?)] = []
        for name in names {
            if name.hasPrefix("--tags=") {
                let tag = String(name.dropFirst(7))
                selected += sessions.filter { $0.tags.contains(tag) }.map { ($0.name, $0.name) }
                continue
            }
            let matching = sessions.filter { session in
                guard session.name != name else { return true }
                guard name.hasPrefix(session.name + "-") else { return name.hasPrefix(session.name + "(") }
                // `tests-3.12`: one of its Pythons, or a version when they are not written as literals.
                let python = name.dropFirst(session.name.count + 1)
                return session.pythons.isEmpty ? python.allSatisfy { $0.isNumber || $0 == "." } && python.first?.isNumber == true
                    : session.pythons.contains(String(python))
            }
            selected += matching.isEmpty ? [(name, nil)] : matching.map { (name, $0.name) }
        }
        return selected
    }

    // MARK: Reading

    private mutating func read(_ body: ArraySlice<PythonTokens.LogicalLine>, parameter: String, line: Int, functions: [String: String]) -> TaskGraph.Task {
        var task = TaskGraph.Task(line: line)
        var notified: [TaskGraph.Item] = []
        var directory: String?
        var scoped: [(indent: Int, previous: String?)] = []
        for logical in body {
            while let last = scoped.last, logical.indent <= last.indent { directory = last.previous; scoped.removeLast() }
            let tokens = logical.tokens
            for position in tokens.indices {
                guard case .punctuation("(") = tokens[position].kind, position >= 1, let callee = Self.name(tokens, position - 1) else { continue }
                let isMethod = position >= 3 && tokens[position - 2].kind == .punctuation(".") && Self.name(tokens, position - 3) == parameter
                    && (position < 4 || tokens[position - 4].kind != .punctuation("."))
                let isHelper = !isMethod && functions[callee] != nil && (position < 2 || tokens[position - 2].kind != .punctuation("."))
                guard isMethod || isHelper else { continue }
                let arguments = self.arguments(tokens, open: position)
                if isMethod {
                    switch callee {
                    case "run", "run_always":
                        let words = Self.words(arguments).0
                        if words.isEmpty {
                            task.items.append(.problem(CommandProblem(line: tokens[position].line,
                                                                      message: "\(parameter).\(callee) runs a command that is not a literal string: not followed")))
                        } else {
                            task.items.append(.step(.words(words), line: tokens[position - 2].line, directory: directory))
                        }
                    case "notify":
                        if let first = arguments.first, let target = Self.words([first]).0.first {
                            notified.append(.task(target, line: tokens[position].line))
                        }
                    case "chdir":
                        if let first = arguments.first, let path = Self.words([first]).0.first {
                            let changed = TaskFiles.join(directory ?? "", path)
                            if Self.name(tokens, 0) == "with" {
                                scoped.append((logical.indent, directory))
                            }
                            directory = changed
                        }
                    default: break
                    }
                } else if let key = functions[callee], arguments.contains(where: { $0.first.map { Self.name([$0], 0) == parameter } ?? false }) {
                    task.items.append(.task(key, line: tokens[position].line))
                }
            }
        }
        task.items += notified
        return task
    }

    /// The session a decorator declares: `@nox.session`, `@nox.session(python=[…], name="x", tags=[…], default=False)`.
    private mutating func session(_ tokens: [PythonTokens.Token], arguments position: Int, line: Int) -> Session {
        var session = Session(name: "", function: "", line: line)
        guard position < tokens.count, tokens[position].kind == .punctuation("(") else { return session }
        for argument in self.arguments(tokens, open: position) {
            guard argument.count >= 3, let key = Self.name(argument, 0), argument[1].kind == .punctuation("=") else {
                // `@nox.session("3.12")`: the first positional argument is the Python.
                if session.pythons.isEmpty { session.pythons = Self.literals(argument[...]) }
                continue
            }
            let value = argument[2...]
            switch key {
            case "name": session.name = Self.literals(value).first ?? ""
            case "python", "py": session.pythons = Self.literals(value)
            case "tags": session.tags = Self.literals(value)
            case "default": session.isDefault = Self.name(Array(value), 0) != "False"
            default: break
            }
        }
        return session
    }

    /// The literal words of a call's positional arguments, stopping at the first that is not a literal
    /// (`*session.posargs`, a variable); whether all were literal.
    static func words(_ arguments: [[PythonTokens.Token]]) -> ([String], Bool) {
        var words: [String] = []
        for argument in arguments {
            if argument.count >= 2, argument[1].kind == .punctuation("="), name(argument, 0) != nil { continue }
            if let value = literal(argument[...]) {
                words.append(value)
                continue
            }
            // `*"pytest -q".split()`, `*shlex.split("pytest -q")`
            if argument.first?.kind == .punctuation("*") {
                let rest = Array(argument.dropFirst())
                if rest.count >= 4, case .string(let text, true) = rest[0].kind, rest[1].kind == .punctuation("."), name(rest, 2) == "split" {
                    words += TaskFiles.words(text)
                    continue
                }
                if rest.count >= 6, name(rest, 0) == "shlex", name(rest, 2) == "split", case .string(let text, true) = rest[4].kind {
                    words += ShellCommandLine(text).commands.first?.words ?? TaskFiles.words(text)
                    continue
                }
                if rest.first?.kind == .punctuation("["), let items = Optional(literals(rest[...])), !items.isEmpty,
                   rest.last?.kind == .punctuation("]") {
                    words += items
                    continue
                }
            }
            return (words, false)
        }
        return (words, true)
    }

    /// A string literal alone (adjacent ones concatenated); nil for anything else.
    private static func literal(_ tokens: ArraySlice<PythonTokens.Token>) -> String? {
        guard !tokens.isEmpty else { return nil }
        var value = ""
        for token in tokens {
            guard case .string(let text, true) = token.kind else { return nil }
            value += text
        }
        return value
    }

    /// The string literals of a value: one string, or a list or tuple of them.
    private static func literals(_ tokens: ArraySlice<PythonTokens.Token>) -> [String] {
        tokens.compactMap { token in
            if case .string(let text, true) = token.kind { return text }
            return nil
        }
    }

    /// A call's arguments, split at the commas of its own level, from the `(` at `open` to its `)`.
    private mutating func arguments(_ tokens: [PythonTokens.Token], open: Int) -> [[PythonTokens.Token]] {
        var arguments: [[PythonTokens.Token]] = []
        guard budget > 0 else {
            if budget == 0 { problems.append(CommandProblem(line: tokens[open].line, message: "too many nested calls: the rest is not read")) }
            budget = -1
            return []
        }
        defer { budget = max(budget, 0) }
        var current: [PythonTokens.Token] = []
        var depth = 0
        for token in tokens[(open + 1)...] {
            budget -= 1
            if budget <= 0 { return arguments }
            switch token.kind {
            case .punctuation("("), .punctuation("["), .punctuation("{"): depth += 1
            case .punctuation(")"), .punctuation("]"), .punctuation("}"):
                if depth == 0 {
                    if !current.isEmpty { arguments.append(current) }
                    return arguments
                }
                depth -= 1
            case .punctuation(",") where depth == 0:
                arguments.append(current)
                current = []
                continue
            default: break
            }
            current.append(token)
        }
        if !current.isEmpty { arguments.append(current) }
        return arguments
    }

    /// `NAME = [...]` where NAME is the dotted name `target`: the strings assigned.
    private static func assignment(_ tokens: [PythonTokens.Token], to target: String) -> [String]? {
        let (name, end) = dotted(tokens, from: 0)
        guard name == target, end < tokens.count, tokens[end].kind == .punctuation("=") else { return nil }
        return literals(tokens[(end + 1)...])
    }

    /// The dotted name starting at `start` (`nox.options.sessions`) and the index after it.
    private static func dotted(_ tokens: [PythonTokens.Token], from start: Int) -> (name: String, end: Int) {
        var parts: [String] = []
        var position = start
        while let part = name(tokens, position) {
            parts.append(part)
            position += 1
            guard position < tokens.count, tokens[position].kind == .punctuation(".") else { break }
            position += 1
        }
        return (parts.joined(separator: "."), position)
    }

    private static func name(_ tokens: [PythonTokens.Token], _ index: Int) -> String? {
        guard tokens.indices.contains(index), case .name(let name) = tokens[index].kind else { return nil }
        return name
    }
}

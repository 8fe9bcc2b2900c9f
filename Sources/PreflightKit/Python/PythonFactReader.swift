/// Reads `PythonFacts` from the logical lines of `PythonTokens`, one text after another (a notebook's cells share
/// their imports, as a kernel does). Indentation gives the function and class a line belongs to.
struct PythonFactReader {
    private struct Scope {
        var indent: Int
        var qualifiedName: String
        /// The index in `functions` of a function; nil for a class.
        var function: Int?
        /// A class whose `test*` methods are tests; a function or class inside a function is never one.
        var collectsTests = false
    }

    private var imports: [PythonFacts.Import] = []
    private var calls: [PythonFacts.Call] = []
    private var functions: [PythonFacts.Function] = []
    private var problems: [CommandProblem] = []
    /// What each name bound by an import stands for: `np` → `numpy`, `G` → `sklearn.model_selection.GridSearchCV`.
    private var aliases: [String: String] = [:]
    private var scopes: [Scope] = []
    private var decorators: [String] = []
    private var tokensLeft = PythonFacts.maxTokens
    private var offset = 0
    private var full: Set<String> = []

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
    static let compoundHeaders: Set<String> = ["if", "elif", "else", "while", "for", "try", "except", "finally", "with"]
    static let maxNameParts = 32
    static let maxNameBytes = 512
    static let maxDecorators = 64
    /// Python refuses more than 100 levels of indentation.
    static let maxDepth = 100

    /// Reads `text`, whose first line is `firstLine` of the file.
    mutating func read(_ text: String, firstLine: Int) {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text = String(text.unicodeScalars.dropFirst()) }
        guard tokensLeft > 0 else { return }
        offset = firstLine - 1
        scopes = []
        decorators = []
        var last = 1
        let ending = PythonTokens.read(text, maxTokens: tokensLeft, maxLineTokens: PythonFacts.maxStatementTokens,
                                       maxStringValue: Self.maxNameBytes) { line in
            tokensLeft -= line.tokens.count
            last = line.tokens.last?.line ?? last
            read(line)
        }
        if ending.isCut {
            problems.append(CommandProblem(line: last + offset, message: "more than \(PythonFacts.maxTokens) tokens: the rest is not read"))
        }
        if ending.isSplit {
            problems.append(CommandProblem(line: last + offset, message: "a statement of more than \(PythonFacts.maxStatementTokens) tokens is read in parts"))
        }
        if let open = ending.unclosedBracketLine {
            problems.append(CommandProblem(line: open + offset, message: "a bracket opened here is never closed: what follows is read as one statement"))
        }
    }

    func facts(problems extra: [CommandProblem]) -> PythonFacts {
        var facts = PythonFacts(imports: imports, calls: calls, functions: functions, problems: extra + problems)
        facts.problems.sort { ($0.line, $0.message) < ($1.line, $1.message) }
        return facts
    }

    private mutating func read(_ line: PythonTokens.LogicalLine) {
        let tokens = line.tokens
        while let last = scopes.last, last.indent >= line.indent { scopes.removeLast() }
        var start = 0
        // A compound statement's body on the header's line: `if not re: import re`, `try: import shap`.
        while case .name(let word) = tokens[start].kind, Self.compoundHeaders.contains(word),
              let colon = Self.headerEnd(tokens, from: start), colon + 1 < tokens.count {
            scanCalls(tokens, from: start, to: colon)
            start = colon + 1
        }
        // A `match` statement's `case str(x):` is a pattern, not a call; `case` is a name elsewhere.
        if start == 0, tokens.count > 2, tokens[0].kind == .name("case"), Self.startsPattern(tokens[1].kind),
           let colon = Self.headerEnd(tokens, from: 0) {
            decorators = []
            if let guardIndex = tokens[..<colon].firstIndex(where: { $0.kind == .name("if") }) {
                scanCalls(tokens, from: guardIndex + 1, to: colon)
            }
            if colon + 1 < tokens.count { start = colon + 1 } else { return }
        }
        let first = tokens[start].kind
        if start == 0, first == .punctuation("@") {
            let (parts, end) = Self.dottedName(tokens, from: 1)
            if !parts.isEmpty, decorators.count < Self.maxDecorators, parts.allSatisfy({ $0.utf8.count <= Self.maxNameBytes }) {
                let name = resolve(parts)
                if name.utf8.count <= Self.maxNameBytes { decorators.append(name) }
            }
            scanCalls(tokens, from: end < tokens.count && tokens[end].kind == .punctuation("(") ? end + 1 : end)
            return
        }
        guard case .name(let word) = first else {
            decorators = []
            scanCalls(tokens, from: start)
            return
        }
        switch word {
        case "def", "async" where start + 1 < tokens.count && tokens[start + 1].kind == .name("def"):
            let nameIndex = start + (word == "async" ? 2 : 1)
            guard nameIndex < tokens.count, case .name(let name) = tokens[nameIndex].kind else { break }
            scanCalls(tokens, from: nameIndex + 1)
            define(name, line: tokens[start].line + offset, indent: line.indent)
            return
        case "class":
            guard start + 1 < tokens.count, case .name(let name) = tokens[start + 1].kind else { break }
            decorators = []
            let bases = Self.bases(tokens, from: start + 2).map(resolve)
            let collects = scopes.allSatisfy { $0.function == nil } && (name.hasPrefix("Test") || bases.contains { $0.hasSuffix("TestCase") })
            guard let qualifiedName = nested(name, line: tokens[start].line + offset) else { return }
            scopes.append(Scope(indent: line.indent, qualifiedName: qualifiedName, function: nil, collectsTests: collects))
            return
        case "import":
            decorators = []
            readImport(tokens, from: start + 1)
            return
        case "from" where tokens.contains(where: { $0.kind == .name("import") }):
            decorators = []
            readFrom(tokens, from: start + 1)
            return
        case "assert":
            if let function = scopes.last?.function { functions[function].asserts += 1 }
        default:
            break
        }
        decorators = []
        scanCalls(tokens, from: start)
    }

    /// The qualified name of a function or class defined here (`Outer.method`, `function.<locals>.inner`), or nil
    /// when it nests too deep or its name is too long to keep; its body then belongs to the scope around it.
    private mutating func nested(_ name: String, line: Int) -> String? {
        guard scopes.count < Self.maxDepth else {
            limit("levels of nested functions and classes", Self.maxDepth, line: line)
            return nil
        }
        guard let parent = scopes.last else { return name.utf8.count <= Self.maxNameBytes ? name : nil }
        let qualified = parent.qualifiedName + (parent.function == nil ? "." : ".<locals>.") + name
        return qualified.utf8.count <= 4 * Self.maxNameBytes ? qualified : nil
    }

    private mutating func define(_ name: String, line: Int, indent: Int) {
        let taken = decorators
        decorators = []
        guard functions.count < PythonFacts.maxFunctions else {
            limit("functions", PythonFacts.maxFunctions, line: line)
            return
        }
        guard let qualifiedName = nested(name, line: line) else { return }
        let isTest = name.hasPrefix("test") && (scopes.last.map(\.collectsTests) ?? true)
        functions.append(PythonFacts.Function(name: qualifiedName, line: line, decorators: taken, calls: [], asserts: 0, isTest: isTest))
        scopes.append(Scope(indent: indent, qualifiedName: qualifiedName, function: functions.count - 1))
    }

    /// `import a.b, c as d`.
    private mutating func readImport(_ tokens: [PythonTokens.Token], from start: Int) {
        var index = start
        while index < tokens.count {
            let (parts, end) = Self.dottedName(tokens, from: index)
            guard let head = parts.first, !Self.keywords.contains(head) else { return }
            index = end
            var alias: String?
            if index + 1 < tokens.count, tokens[index].kind == .name("as"), case .name(let name) = tokens[index + 1].kind {
                alias = name
                index += 2
            }
            let module = parts.joined(separator: ".")
            guard module.utf8.count <= Self.maxNameBytes else { return }
            add(PythonFacts.Import(module: module, names: [], alias: alias, level: 0, line: tokens[start].line + offset))
            if let alias { aliases[alias] = module } else { aliases[parts[0]] = parts[0] }
            guard index < tokens.count, tokens[index].kind == .punctuation(",") else { return }
            index += 1
        }
    }

    /// `from ..a.b import (x, y as z)`, `from a import *`.
    private mutating func readFrom(_ tokens: [PythonTokens.Token], from start: Int) {
        var index = start
        var level = 0
        while index < tokens.count, tokens[index].kind == .punctuation(".") { level += 1; index += 1 }
        let (parts, end) = index < tokens.count && tokens[index].kind == .name("import") ? ([], index) : Self.dottedName(tokens, from: index)
        index = end
        guard index < tokens.count, tokens[index].kind == .name("import") else { return }
        index += 1
        if index < tokens.count, tokens[index].kind == .punctuation("(") { index += 1 }
        let module = parts.joined(separator: ".")
        guard module.utf8.count <= Self.maxNameBytes, level <= Self.maxNameBytes else { return }
        let base = String(repeating: ".", count: level) + module
        var names: [String] = []
        while index < tokens.count {
            if tokens[index].kind == .punctuation("*") { names.append("*"); break }
            guard case .name(let name) = tokens[index].kind, !Self.keywords.contains(name), name.utf8.count <= Self.maxNameBytes else { break }
            index += 1
            var bound = name
            if index + 1 < tokens.count, tokens[index].kind == .name("as"), case .name(let alias) = tokens[index + 1].kind {
                bound = alias
                index += 2
            }
            names.append(name)
            aliases[bound] = base.isEmpty || base.hasSuffix(".") ? base + name : base + "." + name
            guard index < tokens.count, tokens[index].kind == .punctuation(",") else { break }
            index += 1
        }
        guard !names.isEmpty else { return }
        add(PythonFacts.Import(module: module, names: names, alias: nil, level: level, line: tokens[start].line + offset))
    }

    /// Every dotted name followed by `(` from `start` on. A name after `.` belongs to an expression before it: after a
    /// call's `)` (`DefaultModelMonitor(role).suggest_baseline(…)`) it is a method of what the call returned, named
    /// `(…).suggest_baseline`, which only any-receiver names (`*.suggest_baseline`) match.
    private mutating func scanCalls(_ tokens: [PythonTokens.Token], from start: Int, to end: Int? = nil) {
        var index = start
        let limit = end ?? tokens.count
        while index < limit {
            guard case .name(let word) = tokens[index].kind, !Self.keywords.contains(word) else {
                index += 1
                continue
            }
            let chained = index > 1 && tokens[index - 1].kind == .punctuation(".") && tokens[index - 2].kind == .punctuation(")")
            guard index == 0 || tokens[index - 1].kind != .punctuation(".") || chained else {
                index += 1
                continue
            }
            let (parts, end) = Self.dottedName(tokens, from: index)
            if end < tokens.count, tokens[end].kind == .punctuation("(") {
                call(parts, line: tokens[index].line + offset, arguments: tokens[(end + 1)...], chained: chained)
            }
            index = max(end, index + 1)
        }
    }

    private mutating func call(_ parts: [String], line: Int, arguments: ArraySlice<PythonTokens.Token>, chained: Bool = false) {
        guard parts.allSatisfy({ $0.utf8.count <= Self.maxNameBytes }) else { return }
        let name = chained ? "(…)." + parts.joined(separator: ".") : resolve(parts)
        guard name.utf8.count <= Self.maxNameBytes else { return }
        if name == "__import__" || name == "importlib.import_module",
           case .string(let module, isLiteral: true)? = arguments.first?.kind, !module.isEmpty,
           module.utf8.count <= Self.maxNameBytes,
           arguments.dropFirst().first.map({ $0.kind == .punctuation(")") || $0.kind == .punctuation(",") }) ?? false {
            let level = module.prefix { $0 == "." }.count
            add(PythonFacts.Import(module: String(module.dropFirst(level)), names: [], alias: nil, level: level, line: line))
        }
        guard calls.count < PythonFacts.maxCalls else {
            limit("calls", PythonFacts.maxCalls, line: line)
            return
        }
        let entry = PythonFacts.Call(name: name, line: line)
        calls.append(entry)
        guard let function = scopes.last?.function else { return }
        functions[function].calls.append(entry)
        if Self.isAssertion(name) { functions[function].asserts += 1 }
    }

    /// A call of an assertion helper: named `assert…` by the unittest, numpy, pandas and torch convention, or
    /// pytest's context managers that fail the test when nothing is raised or warned.
    static func isAssertion(_ name: String) -> Bool {
        let last = name.split(separator: ".").last ?? ""
        return last.hasPrefix("assert") || name == "pytest.raises" || name == "pytest.warns"
    }

    private func resolve(_ parts: [String]) -> String {
        guard let head = aliases[parts[0]] else { return parts.joined(separator: ".") }
        return ([head] + parts.dropFirst()).joined(separator: ".")
    }

    private mutating func add(_ entry: PythonFacts.Import) {
        guard imports.count < PythonFacts.maxImports else { return limit("imports", PythonFacts.maxImports, line: entry.line) }
        imports.append(entry)
    }

    private mutating func limit(_ what: String, _ count: Int, line: Int) {
        guard full.insert(what).inserted else { return }
        problems.append(CommandProblem(line: line, message: "more than \(count) \(what): the rest are not kept"))
    }

    /// Whether a token after `case` begins a pattern rather than continuing an expression on a name `case`.
    private static func startsPattern(_ kind: PythonTokens.Kind) -> Bool {
        switch kind {
        case .name, .string, .other: return true
        case .punctuation(let text): return ["[", "{", "*"].contains(text)
        }
    }

    /// The index of the `:` that ends a compound statement's header, outside brackets.
    private static func headerEnd(_ tokens: [PythonTokens.Token], from start: Int) -> Int? {
        var depth = 0
        for index in start..<tokens.count {
            switch tokens[index].kind {
            case .punctuation("("), .punctuation("["), .punctuation("{"): depth += 1
            case .punctuation(")"), .punctuation("]"), .punctuation("}"): depth = max(depth - 1, 0)
            case .punctuation(":") where depth == 0: return index
            case .name("lambda") where depth == 0: return nil
            default: break
            }
        }
        return nil
    }

    /// The dotted names in a class statement's first tokens from `start`: its bases.
    private static func bases(_ tokens: [PythonTokens.Token], from start: Int) -> [[String]] {
        var names: [[String]] = []
        var index = start
        while index < min(tokens.count, start + 256) {
            guard case .name = tokens[index].kind, index == 0 || tokens[index - 1].kind != .punctuation(".") else {
                index += 1
                continue
            }
            let (parts, end) = dottedName(tokens, from: index)
            names.append(parts)
            index = end
        }
        return names
    }

    /// The names of `a.b.c` from `start`, and the index after it.
    private static func dottedName(_ tokens: [PythonTokens.Token], from start: Int) -> ([String], Int) {
        guard start < tokens.count, case .name(let first) = tokens[start].kind else { return ([], start) }
        var parts = [first]
        var index = start + 1
        while index + 1 < tokens.count, tokens[index].kind == .punctuation("."), case .name(let next) = tokens[index + 1].kind {
            if parts.count < maxNameParts { parts.append(next) }
            index += 2
        }
        return (parts, index)
    }
}

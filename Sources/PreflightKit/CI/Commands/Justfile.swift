import Foundation

/// A justfile as the commands it declares: recipes with their dependencies and lines, aliases, static string
/// variables expanded in `{{ … }}`, imports and modules recorded (not followed), and resolution of a recipe into
/// every line it runs. Parameters are counted (to read `just test path` right) but not substituted.
public struct Justfile: Sendable {
    public static let maxBytes = 16 << 20

    public struct Recipe: Sendable, Hashable {
        public var name: String
        /// Recipes run before it (`test: build lint`), and after it (`test: build && report`).
        public var dependencies: [String]
        public var subsequents: [String]
        /// Its lines, `@` and `-` removed and static variables expanded; a shebang or `[script]` recipe is one
        /// line holding the whole script.
        public var lines: [RecipeLine]
        /// The `#!` line of a shebang recipe (`#!/usr/bin/env python3`), nil for a recipe run line by line.
        public var shebang: String?
        public var parameterCount: Int
        /// The last parameter takes every remaining argument (`+args`, `*args`).
        public var isVariadic: Bool
        public var line: Int
    }

    public private(set) var recipes: [Recipe] = []
    public private(set) var aliases: [String: String] = [:]
    /// Variables whose value is a string literal (`version := "1.2"`).
    public private(set) var variables: [String: String] = [:]
    /// `import`, `import?`, `mod` lines.
    public private(set) var imports: [IncludedFile] = []
    public private(set) var problems: [CommandProblem] = []
    private var index: [String: Int] = [:]

    public init(data: Data) { self.init(CommandText.decode(data)) }

    public init(_ text: String) {
        let (kept, cut) = CommandText.truncated(text, maxBytes: Self.maxBytes)
        let lines = kept.split(separator: "\n", omittingEmptySubsequences: false).map { $0.last == "\r" ? $0.dropLast() : $0 }
        var attributes: [String] = []
        var number = 0
        while number < lines.count {
            let line = lines[number]
            number += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if line.first == " " || line.first == "\t" {
                problems.append(CommandProblem(line: number, message: "indented line outside a recipe"))
                continue
            }
            if trimmed.hasPrefix("[") { attributes.append(trimmed); continue }
            defer { attributes = [] }
            if statement(trimmed, line: number) { continue }
            guard var recipe = Self.header(trimmed, line: number) else {
                problems.append(CommandProblem(line: number, message: "not a recipe, assignment or setting"))
                continue
            }
            // The body: the indented lines that follow, blank lines included.
            var body: [(Substring, Int)] = []
            while number < lines.count, lines[number].isEmpty || lines[number].first == " " || lines[number].first == "\t" {
                if !lines[number].trimmingCharacters(in: .whitespaces).isEmpty { body.append((lines[number], number + 1)) }
                number += 1
            }
            recipe.lines = recipeLines(body, script: attributes.contains { $0.hasPrefix("[script") }, shebang: &recipe.shebang)
            if index[recipe.name] != nil {
                problems.append(CommandProblem(line: recipe.line, message: "recipe '\(recipe.name)' defined again"))
            }
            index[recipe.name] = recipes.count
            recipes.append(recipe)
        }
        if let cut { problems.append(cut) }
        for (position, recipe) in recipes.enumerated() {
            recipes[position].lines = recipe.lines.map { RecipeLine(text: expand($0.text), line: $0.line) }
        }
    }

    public func recipe(named name: String) -> Recipe? { index[name].map { recipes[$0] } }

    /// The first recipe, which `just` with no arguments runs.
    public var defaultRecipe: String? { recipes.first?.name }

    /// The lines `recipe` (the default one when nil) runs: dependencies, its lines with `just other` calls followed
    /// in place, then subsequent dependencies; a cycle or nesting past `maxDepth` is a problem, not a hang.
    public func resolve(_ recipe: String?, maxDepth: Int = 32) -> RecipeResolution {
        (self as any RecipeGraph).resolve(recipe, maxDepth: maxDepth)
    }

    /// The runs of just a recipe line makes: `just lint`, `just -f other.just x`, `cd sub && just`.
    public func calls(in line: RecipeLine) -> [RecipeCall] {
        // A shebang recipe in another language (`#!/usr/bin/env python3`) runs no just.
        if line.text.hasPrefix("#!"), !(line.text.prefix { $0 != "\n" }.contains("sh")) { return [] }
        return ShellCommandLine(line.text, firstLine: line.line).commands.filter { $0.program == "just" }.compactMap(call)
    }

    /// What a run of just asks for: its file (`-f`), directory (`-d`) and recipes, their arguments skipped where
    /// this file declares the recipe; nil for a run that runs no recipe (`just --list`).
    func call(_ command: ShellCommand) -> RecipeCall? {
            var call = RecipeCall(directory: command.directory, file: nil, targets: [], line: command.line)
            var arguments = command.arguments[...]
            while let argument = arguments.popFirst() {
                if ["-l", "--list", "--summary", "--show", "--dump", "--evaluate", "--variables", "--choose", "--fmt",
                    "--init", "--edit", "--help", "-h", "--version", "-V", "--completions", "-n", "--dry-run"].contains(argument) {
                    return nil
                }
                if let (option, value) = Makefile.option(argument, &arguments, valued: ["-f": "--justfile", "-d": "--working-directory"]) {
                    if option == "-f" { call.file = value } else { call.directory = Makefile.join(call.directory, value) }
                } else if argument == "--set" {
                    arguments = arguments.dropFirst(2)
                } else if argument.hasPrefix("--") && !argument.contains("=") {
                    if ["--dotenv-path", "--dotenv-filename", "--shell", "--shell-arg", "--color", "--command-color"].contains(argument) {
                        arguments = arguments.dropFirst()
                    }
                } else if !argument.hasPrefix("-"), !argument.contains("=") {
                    call.targets.append(argument)
                    // A recipe's parameters take the words after it.
                    if let called = recipe(named: aliases[argument] ?? argument) {
                        arguments = called.isVariadic ? [] : arguments.dropFirst(called.parameterCount)
                    }
                }
            }
            return call
    }

    // MARK: Reading

    /// `set …`, `alias a := b`, `name := value`, `export name := value`, `import 'x'`, `mod name`; false for anything
    /// else.
    private mutating func statement(_ text: String, line: Int) -> Bool {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first else { return true }
        switch first {
        case "set":
            return true
        case "import", "import?":
            if words.count > 1 { imports.append(IncludedFile(path: Self.unquoted(words[1...].joined(separator: " ")), isOptional: first == "import?", line: line)) }
            return true
        case "mod", "mod?":
            if words.count > 2 {
                imports.append(IncludedFile(path: Self.unquoted(words[2...].joined(separator: " ")), isOptional: first == "mod?", line: line))
            } else if words.count == 2 {
                imports.append(IncludedFile(path: words[1], isOptional: first == "mod?", line: line))
            }
            return true
        case "alias":
            if words.count >= 4, words[2] == ":=" { aliases[words[1]] = words[3] }
            return true
        default:
            let assignment = first == "export" ? String(text.dropFirst(6)).trimmingCharacters(in: .whitespaces) : text
            guard let range = assignment.range(of: ":=") else { return false }
            let name = assignment[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0 == ":" }) else { return false }
            let value = assignment[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if let literal = Self.literal(value) { variables[name] = literal } else { variables[name] = nil }
            return true
        }
    }

    /// `"text"` or `'text'` as its text; nil for any other expression.
    private static func literal(_ value: String) -> String? {
        guard value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote else { return nil }
        let inner = value.dropFirst().dropLast()
        return inner.contains(quote) ? nil : String(inner)
    }

    private static func unquoted(_ text: String) -> String { literal(text) ?? text }

    /// `@name param='x' +rest: dep (dep2 "arg") && after`; nil when `text` is not a recipe header.
    private static func header(_ text: String, line: Int) -> Recipe? {
        var text = Substring(text)
        if text.first == "@" { text = text.dropFirst() }
        var colon: String.Index?
        var quote: Character?
        for i in text.indices {
            let c = text[i]
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c } else if c == ":" { colon = i; break }
        }
        guard let colon, text[text.index(after: colon)...].first != "=" else { return nil }
        let signature = Self.words(text[..<colon])
        guard let name = signature.first, name.first.map({ $0.isLetter || $0 == "_" }) == true,
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        let parameters = signature.dropFirst().filter { !$0.hasPrefix("$") || $0.count > 1 }
        var recipe = Recipe(name: name, dependencies: [], subsequents: [], lines: [], shebang: nil,
                            parameterCount: parameters.count, isVariadic: parameters.last.map { $0.hasPrefix("+") || $0.hasPrefix("*") } ?? false,
                            line: line)
        var after = false
        var inParentheses = false
        for word in Self.words(text[text.index(after: colon)...]) {
            if word == "&&" { after = true; continue }
            var word = Substring(word)
            if word.hasPrefix("(") {
                word = word.dropFirst()
                if inParentheses || word.isEmpty { inParentheses = true; continue }
                inParentheses = true
            } else if inParentheses {
                if word.hasSuffix(")") { inParentheses = false }
                continue
            }
            if word.hasSuffix(")") { inParentheses = false; word = word.dropLast() }
            guard !word.isEmpty else { continue }
            if after { recipe.subsequents.append(String(word)) } else { recipe.dependencies.append(String(word)) }
        }
        return recipe
    }

    /// Words split on blanks, a quoted string kept whole.
    private static func words(_ text: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        for c in text {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
            } else if c.isWhitespace {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                if c == "\"" || c == "'" { quote = c }
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private func recipeLines(_ body: [(Substring, Int)], script: Bool, shebang: inout String?) -> [RecipeLine] {
        guard let (first, firstLine) = body.first else { return [] }
        let indent = first.prefix { $0 == " " || $0 == "\t" }.count
        let dedented = body.map { (line, number) in (String(line.dropFirst(min(indent, line.prefix { $0 == " " || $0 == "\t" }.count))), number) }
        if script || dedented[0].0.hasPrefix("#!") {
            if dedented[0].0.hasPrefix("#!") { shebang = dedented[0].0 }
            return [RecipeLine(text: dedented.map(\.0).joined(separator: "\n"), line: firstLine)]
        }
        var lines: [RecipeLine] = []
        var continued: RecipeLine?
        for (text, number) in dedented {
            if var open = continued {
                open.text += "\n" + text
                continued = open
            } else {
                continued = RecipeLine(text: String(text.drop { $0 == "@" || $0 == "-" }), line: number)
            }
            if !text.hasSuffix("\\") { lines.append(continued!); continued = nil }
        }
        if let continued { lines.append(continued) }
        return lines
    }

    /// `{{ name }}` replaced by a static variable's value; `{{{{` is a literal `{{`; anything else stays as written.
    private func expand(_ text: String) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            if rest[open.upperBound...].hasPrefix("{{") {
                out += "{{"
                rest = rest[rest.index(open.upperBound, offsetBy: 2)...]
                continue
            }
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            out += variables[name] ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}

extension Justfile: RecipeGraph {
    func recipe(_ target: String) -> RecipeNode? {
        recipe(named: target).map { RecipeNode(before: $0.dependencies, lines: $0.lines, after: $0.subsequents, line: $0.line) }
    }

    var defaultTarget: String? { defaultRecipe }
    func alias(_ name: String) -> String? { aliases[name] }
    var missingPrerequisiteIsProblem: Bool { true }
}

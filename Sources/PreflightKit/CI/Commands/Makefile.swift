import Foundation

/// A Makefile as the commands it declares: targets with prerequisites and recipe lines, `.PHONY`, static variables
/// expanded in recipes, includes recorded (not followed: that is the caller's job), and resolution of a target into
/// every recipe line it runs. A pure reading of the text: conditionals are not evaluated (both branches are read),
/// and a reference that is not static (a function such as `$(wildcard …)`) stays as written.
public struct Makefile: Sendable {
    /// Longer text is cut here, with a problem.
    public static let maxBytes = 16 << 20

    public struct Target: Sendable, Hashable {
        public var name: String
        public var prerequisites: [String]
        /// Its recipe lines, `@`, `-` and `+` removed, static variables and `$@`, `$<`, `$^` expanded.
        public var recipe: [RecipeLine]
        /// The line of its (first) rule.
        public var line: Int
    }

    /// Every target in the order of its first rule.
    public private(set) var targets: [Target] = []
    public private(set) var phony: Set<String> = []
    /// Each variable's value as last defined (`:=` values already expanded).
    public var variables: [String: String] { definitions.mapValues(\.value) }
    /// `include`, `-include` and `sinclude` lines, one entry per file named.
    public private(set) var includes: [IncludedFile] = []
    /// `.DEFAULT_GOAL`, else the first target that is not special (`.PHONY`) or a pattern (`%.o`).
    public private(set) var defaultTarget: String?
    public private(set) var problems: [CommandProblem] = []

    struct Definition: Sendable {
        var value: String
        var isRecursive: Bool
    }

    var definitions: [String: Definition] = [:]
    private var index: [String: Int] = [:]
    private var prerequisiteSets: [Int: Set<String>] = [:]
    /// Recipe lines stored over all targets: `a1 … a100000:` followed by as many lines would otherwise store their
    /// product.
    private var recipeEntries = 0
    static let maxRecipeEntries = 1_000_000
    /// Characters all recipe expansions together may produce.
    static let maxExpansionWork = 64 << 20

    public init(data: Data) { self.init(CommandText.decode(data)) }

    public init(_ text: String) {
        let (kept, cut) = CommandText.truncated(text, maxBytes: Self.maxBytes)
        var reader = MakefileReader()
        reader.read(kept, into: &self)
        if let cut { problems.append(cut) }
        expandRecipes()
        if let goal = definitions[".DEFAULT_GOAL"].map({ expand($0.value).trimmingCharacters(in: .whitespaces) }), !goal.isEmpty {
            defaultTarget = goal
        }
    }

    public func target(_ name: String) -> Target? { index[name].map { targets[$0] } }

    /// The recipe lines `target` (the default target when nil) runs, prerequisites first, each target once,
    /// `$(MAKE) other` of this file followed in place; a cycle or nesting past `maxDepth` is a problem, not a hang.
    public func resolve(_ target: String?, maxDepth: Int = 32) -> RecipeResolution {
        (self as any RecipeGraph).resolve(target, maxDepth: maxDepth)
    }

    /// The runs of make a recipe line makes: `$(MAKE) lint`, `make -C docs html`, `cd sub && make`.
    public func calls(in line: RecipeLine) -> [RecipeCall] {
        let makes = Set(["make", "gmake", definitions["MAKE"].map { CommandUnwrapping.baseName($0.value) } ?? "make"])
        return ShellCommandLine(line.text, firstLine: line.line).commands.filter { makes.contains($0.program) }.map(Self.call)
    }

    /// What a run of make asks for: its directory (`-C`), file (`-f`) and targets.
    static func call(_ command: ShellCommand) -> RecipeCall {
        var call = RecipeCall(directory: command.directory, file: nil, targets: [], line: command.line)
        var arguments = command.arguments[...]
        while let argument = arguments.popFirst() {
            if let (option, value) = Self.option(argument, &arguments, valued: ["-C": "--directory", "-f": "--file", "-I": "--include-dir", "-o": "--old-file", "-W": "--what-if"]) {
                if option == "-C" { call.directory = Self.join(call.directory, value) }
                if option == "-f" || argument.hasPrefix("--makefile") { call.file = value }
            } else if argument == "-j" || argument == "-l" {
                if let next = arguments.first, next.allSatisfy(\.isNumber) { arguments.removeFirst() }
            } else if !argument.hasPrefix("-"), !argument.contains("=") {
                call.targets.append(argument)
            }
        }
        return call
    }

    /// `-C dir`, `-Cdir`, `--directory=dir`, `--directory dir` as (`-C`, `dir`); nil for anything else.
    static func option(_ argument: String, _ rest: inout ArraySlice<String>, valued: [String: String]) -> (String, String)? {
        for (short, long) in valued {
            if argument == short || argument == long { return rest.isEmpty ? nil : (short, rest.removeFirst()) }
            if argument.hasPrefix(long + "=") { return (short, String(argument.dropFirst(long.count + 1))) }
            if argument.hasPrefix(short), argument.count > short.count, !argument.hasPrefix("--") { return (short, String(argument.dropFirst(short.count))) }
        }
        if argument.hasPrefix("--makefile=") { return ("-f", String(argument.dropFirst(11))) }
        return nil
    }

    static func join(_ base: String?, _ path: String) -> String {
        guard let base, !path.hasPrefix("/") else { return path }
        return base + "/" + path
    }

    // MARK: Building

    mutating func define(_ name: String, _ value: String, operator op: String, line: Int) {
        switch op {
        case ":=", "::=", ":::=":
            definitions[name] = Definition(value: expand(value), isRecursive: false)
        case "?=":
            if definitions[name] == nil { definitions[name] = Definition(value: value, isRecursive: true) }
        case "+=":
            if let old = definitions[name] {
                let added = old.isRecursive ? value : expand(value)
                definitions[name]?.value = old.value.isEmpty ? added : old.value + " " + added
            } else {
                definitions[name] = Definition(value: value, isRecursive: true)
            }
        case "!=":
            definitions[name] = Definition(value: "$(shell \(value))", isRecursive: true)
        default:
            definitions[name] = Definition(value: value, isRecursive: true)
        }
    }

    mutating func addRule(targets names: [String], prerequisites: [String], line: Int) -> [Int] {
        if names.contains(".PHONY") { phony.formUnion(prerequisites) }
        return names.map { name in
            if let existing = index[name] {
                var seen = prerequisiteSets[existing] ?? Set(targets[existing].prerequisites)
                for prerequisite in prerequisites where seen.insert(prerequisite).inserted {
                    targets[existing].prerequisites.append(prerequisite)
                }
                prerequisiteSets[existing] = seen
                return existing
            }
            index[name] = targets.count
            targets.append(Target(name: name, prerequisites: prerequisites, recipe: [], line: line))
            if defaultTarget == nil, !name.utf8.contains(UInt8(ascii: "%")), !name.hasPrefix(".") || name.utf8.contains(UInt8(ascii: "/")) { defaultTarget = name }
            return targets.count - 1
        }
    }

    mutating func addRecipeLine(_ text: String, line: Int, to target: Int, replacing: Bool) {
        if replacing { targets[target].recipe.removeAll() }
        recipeEntries += 1
        guard recipeEntries <= Self.maxRecipeEntries else {
            if recipeEntries == Self.maxRecipeEntries + 1 { problem(line, "more than \(Self.maxRecipeEntries) recipe lines: the rest is not read") }
            return
        }
        targets[target].recipe.append(RecipeLine(text: text, line: line))
    }

    mutating func addInclude(_ paths: String, optional: Bool, line: Int) {
        for path in expand(paths).split(whereSeparator: \.isWhitespace) {
            includes.append(IncludedFile(path: String(path), isOptional: optional, line: line))
        }
    }

    mutating func problem(_ line: Int, _ message: String) {
        if problems.count < 100 { problems.append(CommandProblem(line: line, message: message)) }
    }

    private mutating func expandRecipes() {
        var work = 0
        for number in targets.indices {
            let target = targets[number]
            for (position, line) in target.recipe.enumerated() {
                var text = line.text
                if text.utf8.contains(UInt8(ascii: "$")) {
                    if work > Self.maxExpansionWork {
                        if work != Int.max { problem(line.line, "variables expanded past \(Self.maxExpansionWork) characters: the rest stay as written") }
                        work = Int.max
                    } else {
                        var expansion = MakeExpansion(definitions: definitions, target: target.name, prerequisites: target.prerequisites)
                        text = expansion.expand(text)
                        work += expansion.work
                        if expansion.overflowed { problem(line.line, "expansion deeper than \(MakeExpansion.maxDepth) or longer than \(MakeExpansion.maxLength) characters: cut") }
                    }
                }
                targets[number].recipe[position].text = Self.strippingPrefixes(text)
            }
            targets[number].recipe.removeAll { $0.text.isEmpty }
        }
    }

    /// A recipe line without its leading `@` (silent), `-` (errors ignored) and `+` (runs under `make -n`).
    static func strippingPrefixes(_ text: String) -> String {
        String(text.drop { $0 == "@" || $0 == "-" || $0 == "+" || $0 == " " || $0 == "\t" })
    }

    /// `text` with the variables defined so far expanded (what make does to targets, prerequisites and `:=`).
    func expand(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
        var expansion = MakeExpansion(definitions: definitions, target: nil, prerequisites: [])
        return expansion.expand(text)
    }
}

extension Makefile: RecipeGraph {
    func recipe(_ target: String) -> RecipeNode? {
        self.target(target).map { RecipeNode(before: $0.prerequisites, lines: $0.recipe, line: $0.line) }
    }

    var missingPrerequisiteIsProblem: Bool { false }
}

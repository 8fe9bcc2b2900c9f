/// One line a recipe runs (a Makefile recipe line, a line of a just recipe), prefixes removed and static
/// variables expanded, with the line of the file it starts on. Read it with `ShellCommandLine(text, firstLine: line)`.
public struct RecipeLine: Sendable, Hashable {
    public var text: String
    public var line: Int

    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }
}

/// A recipe line reached from the target asked for, with the targets that led to it (`["test", "unit"]`).
public struct ResolvedRecipeLine: Sendable, Hashable {
    public var chain: [String]
    public var line: RecipeLine

    /// The target whose recipe holds the line.
    public var target: String { chain.last ?? "" }
}

/// Everything a target runs, in order, and what could not be followed.
public struct RecipeResolution: Sendable, Hashable {
    public var lines: [ResolvedRecipeLine] = []
    /// Calls into another file (`make -C docs html`, `just -f other.just x`): the caller follows them, or not.
    public var externalCalls: [RecipeCall] = []
    public var problems: [CommandProblem] = []
}

/// A recipe line that runs the task runner again: `$(MAKE) lint`, `make -C docs html`, `just test`.
public struct RecipeCall: Sendable, Hashable {
    /// The directory (`-C`, `-d`) and file (`-f`) it names, when it names one; nil for this file.
    public var directory: String?
    public var file: String?
    /// The targets it asks for; empty for the default one.
    public var targets: [String]
    public var line: Int

    public var isLocal: Bool { (directory == nil || directory == ".") && file == nil }
}

/// One target as resolution sees it: what runs before its lines, its lines, what runs after, where it is written.
struct RecipeNode {
    var before: [String]
    var lines: [RecipeLine]
    var after: [String] = []
    var line: Int
}

/// What resolution needs of a Makefile or justfile.
protocol RecipeGraph {
    /// The target named `target`; nil when there is none.
    func recipe(_ target: String) -> RecipeNode?
    /// The target run when none is named.
    var defaultTarget: String? { get }
    /// The calls to the task runner a recipe line makes.
    func calls(in line: RecipeLine) -> [RecipeCall]
    /// What a name names when it is not a target itself, such as an alias; nil otherwise.
    func alias(_ name: String) -> String?
    /// Whether a prerequisite with no rule is a problem (just) or a file (make).
    var missingPrerequisiteIsProblem: Bool { get }
}

extension RecipeGraph {
    func alias(_ name: String) -> String? { nil }

    /// The recipe lines `target` runs (the default target when nil), prerequisites first, each target once, calls
    /// of the same file followed in place, at most `maxDepth` targets deep; a cycle is a problem and is cut.
    func resolve(_ target: String?, maxDepth: Int = 32) -> RecipeResolution {
        var resolution = RecipeResolution()
        guard let start = target ?? defaultTarget else {
            resolution.problems.append(CommandProblem(line: 1, message: "no target to run"))
            return resolution
        }
        var visited: Set<String> = []
        var walk = Walk(graph: self, maxDepth: maxDepth)
        walk.visit(start, chain: [], line: 1, required: true, visited: &visited, into: &resolution)
        return resolution
    }
}

private struct Walk<Graph: RecipeGraph> {
    let graph: Graph
    let maxDepth: Int

    mutating func visit(_ name: String, chain: [String], line: Int, required: Bool, visited: inout Set<String>,
                        into resolution: inout RecipeResolution) {
        let name = graph.recipe(name) == nil ? (graph.alias(name) ?? name) : name
        if let index = chain.firstIndex(of: name) {
            let cycle = (chain[index...] + [name]).joined(separator: " → ")
            resolution.problems.append(CommandProblem(line: line, message: "circular dependency \(cycle): not followed"))
            return
        }
        guard !visited.contains(name) else { return }
        guard let recipe = graph.recipe(name) else {
            if required || graph.missingPrerequisiteIsProblem {
                resolution.problems.append(CommandProblem(line: line, message: "no target '\(name)'"))
            }
            return
        }
        guard chain.count < maxDepth else {
            resolution.problems.append(CommandProblem(line: line, message: "targets nested deeper than \(maxDepth): '\(name)' not followed"))
            return
        }
        // Each target is visited once, so the whole walk is bounded by the file's size.
        visited.insert(name)
        let chain = chain + [name]
        for prerequisite in recipe.before {
            visit(prerequisite, chain: chain, line: recipe.line, required: false, visited: &visited, into: &resolution)
        }
        for recipeLine in recipe.lines {
            resolution.lines.append(ResolvedRecipeLine(chain: chain, line: recipeLine))
            for call in graph.calls(in: recipeLine) {
                guard call.isLocal else { resolution.externalCalls.append(call); continue }
                let targets = call.targets.isEmpty ? graph.defaultTarget.map { [$0] } ?? [] : call.targets
                for called in targets {
                    visit(called, chain: chain, line: recipeLine.line, required: true, visited: &visited, into: &resolution)
                }
            }
        }
        for subsequent in recipe.after {
            visit(subsequent, chain: chain, line: recipe.line, required: false, visited: &visited, into: &resolution)
        }
    }
}

/// A file another one includes (`include x.mk`, `-include`, just's `import 'x.just'`, `mod name`): recorded, not
/// followed.
public struct IncludedFile: Sendable, Hashable {
    public var path: String
    /// A missing file is no error (`-include`, `import?`).
    public var isOptional: Bool
    public var line: Int
}

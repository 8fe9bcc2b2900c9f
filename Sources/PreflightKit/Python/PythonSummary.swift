/// What the repository pass keeps of a Python file's or notebook's facts: its imports, the names it calls (each once,
/// decorators included) and its test functions, with what each calls and whether it asserts. Small enough to keep
/// for every file a probe selects.
struct PythonSummary: Sendable, Hashable {
    /// A name the file calls or decorates with, at its first use.
    struct Use: Sendable, Hashable {
        var name: String
        /// For a decorator, the line of the function it decorates.
        var line: Int
        var isDecorator = false

        /// As written in a proof: `mlflow.evaluate(…)`, `@kfp.dsl.pipeline`.
        var written: String { isDecorator ? "@\(name)" : "\(name)(…)" }
    }

    /// A function pytest or unittest collects.
    struct TestFunction: Sendable, Hashable {
        var name: String
        var line: Int
        /// The names it calls, each once, in the order first called.
        var calls: [String]
        var asserts: Int
    }

    var imports: [PythonFacts.Import] = []
    var uses: [Use] = []
    var tests: [TestFunction] = []
    /// What could not be read (a file cut at a size, a bracket never closed): the facts before it are kept.
    var problems: [String] = []

    init() {}

    init(_ facts: PythonFacts) {
        imports = facts.imports
        var seen = Set<String>()
        let decorated = facts.functions.flatMap { function in function.decorators.map { Use(name: $0, line: function.line, isDecorator: true) } }
        for use in facts.calls.map({ Use(name: $0.name, line: $0.line) }) + decorated where seen.insert(use.name).inserted {
            uses.append(use)
        }
        uses.sort { ($0.line, $0.name) < ($1.line, $1.name) }
        tests = facts.functions.filter(\.isTest).map { function in
            var names = Set<String>()
            return TestFunction(name: function.name, line: function.line,
                                calls: function.calls.map(\.name).filter { names.insert($0).inserted }, asserts: function.asserts)
        }
        problems = facts.problems.map(\.description)
    }

}

/// How a wanted dotted name matches a name the code calls.
enum PythonName {
    /// `mlflow.evaluate` matches the call `mlflow.evaluate` (after import aliases are resolved), never an attribute
    /// of it; `*.fit` matches a call of a function or method named `fit` on anything (`model.fit`, `fit`); a name
    /// without dots with `*` in it is a pattern for the called function's own name (`*preprocess*` matches
    /// `data.preprocess_frame` and `preprocess`).
    static func matches(_ name: String, _ wanted: String) -> Bool {
        if wanted.hasPrefix("*."), !wanted.dropFirst(2).contains("*") {
            let method = wanted.dropFirst(2)
            return name == method || name.hasSuffix("." + method)
        }
        if wanted.contains("*"), !wanted.contains(".") {
            return starMatch(name.split(separator: ".").last.map { $0.lowercased() } ?? "", wanted.lowercased())
        }
        return name == wanted
    }

    /// Whether `text` matches `pattern`, where `*` stands for any run of characters.
    private static func starMatch(_ text: String, _ pattern: String) -> Bool {
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(text)
        guard rest.hasPrefix(pieces[0]) else { return false }
        rest = rest.dropFirst(pieces[0].count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = rest.range(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return pieces.count == 1 ? rest.isEmpty : rest.hasSuffix(pieces.last!)
    }

    /// A literal every file that calls `wanted` holds: a called name's last part is written where it is called (for
    /// a pattern, its longest literal part).
    static func callLiteral(_ wanted: String) -> String {
        let last = String(wanted.split(separator: ".").last ?? Substring(wanted))
        return last.split(separator: "*").map(String.init).max { $0.count < $1.count } ?? last
    }

    /// A literal every file that imports `module` holds: its first part is written where it is imported.
    static func moduleLiteral(_ module: String) -> String { String(module.split(separator: ".").first ?? Substring(module)) }

    /// `a`, `a.b_c`: identifiers joined by dots; with `patterns`, also `*.name` and a dotless name with `*` in it.
    static func isDotted(_ text: String, anyReceiver patterns: Bool = false) -> Bool {
        var text = Substring(text)
        if patterns, text.hasPrefix("*.") { text = text.dropFirst(2) }
        if patterns, !text.contains("."), text.contains("*") {
            let rest = text.filter { $0 != "*" }
            return !rest.isEmpty && rest.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            guard let first = part.first, first == "_" || first.isLetter else { return false }
            return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        }
    }
}

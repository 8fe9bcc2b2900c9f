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

    /// The first use of a name `names` matches (see `PythonName.matches`).
    func use(of names: [String]) -> Use? {
        uses.first { use in names.contains { PythonName.matches(use.name, $0) } }
    }
}

/// How a wanted dotted name matches a name the code calls.
enum PythonName {
    /// `mlflow.evaluate` matches the call `mlflow.evaluate` (after import aliases are resolved) and its attributes
    /// (`mlflow.evaluate.x`) never; `*.fit` matches a call of a method or function named `fit` on anything
    /// (`model.fit`, `self.model.fit`, `fit`).
    static func matches(_ name: String, _ wanted: String) -> Bool {
        if wanted.hasPrefix("*.") {
            let method = wanted.dropFirst(2)
            return name == method || name.hasSuffix("." + method)
        }
        return name == wanted
    }

    /// A literal every file that calls `wanted` or imports it holds: a call's last part is written where it is
    /// called, a module's first part where it is imported.
    static func callLiteral(_ wanted: String) -> String { String(wanted.split(separator: ".").last ?? Substring(wanted)) }
    static func moduleLiteral(_ module: String) -> String { String(module.split(separator: ".").first ?? Substring(module)) }

    /// `a`, `a.b_c`, `*.fit`: identifiers joined by dots, a leading `*.` for any receiver when `anyReceiver`.
    static func isDotted(_ text: String, anyReceiver: Bool = false) -> Bool {
        var text = Substring(text)
        if anyReceiver, text.hasPrefix("*.") { text = text.dropFirst(2) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            guard let first = part.first, first == "_" || first.isLetter else { return false }
            return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        }
    }
}

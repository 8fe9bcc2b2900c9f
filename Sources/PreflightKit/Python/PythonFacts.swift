/// What a Python file (or a notebook's code cells) says about what it uses, read from tokens: never from strings or
/// comments. Imports with their exact module paths, dotted call names with import aliases resolved, and functions with
/// their decorators, calls and asserts. A bounded reading, not a Python parser: what cannot be read is a problem.
struct PythonFacts: Sendable, Hashable {
    struct Import: Sendable, Hashable {
        /// The module as written after `import` or `from`, without the leading dots of a relative import.
        var module: String
        /// The names a `from` import takes (`*` for all); empty for `import module`.
        var names: [String]
        /// The name `import module as alias` binds.
        var alias: String?
        /// The number of leading dots of a relative import; 0 for an absolute one.
        var level: Int
        var line: Int

        /// Whether it imports `module` or a submodule of it (`from a import b` also imports `a.b`); a relative import
        /// names no module of its own and never does.
        func isOf(_ module: String) -> Bool {
            func within(_ name: String) -> Bool { name == module || name.hasPrefix(module + ".") }
            guard level == 0, !self.module.isEmpty else { return false }
            return within(self.module) || names.contains { within(self.module + "." + $0) }
        }

        /// The import as written: `import shap`, `from sklearn.model_selection import GridSearchCV`.
        var written: String {
            let dots = String(repeating: ".", count: level)
            return names.isEmpty ? "import \(module)\(alias.map { " as \($0)" } ?? "")"
                : "from \(dots)\(module) import \(names.joined(separator: ", "))"
        }
    }

    /// A dotted name followed by `(`, its first part resolved through the imports: `np.random.seed` after
    /// `import numpy as np` is `numpy.random.seed`; a method on another expression keeps its written name (`model.fit`).
    struct Call: Sendable, Hashable {
        var name: String
        var line: Int
    }

    struct Function: Sendable, Hashable {
        /// The function's name, after its class's for a method (`TestModel.test_fit`).
        var name: String
        var line: Int
        /// The decorators' dotted names, resolved like calls, in the order written.
        var decorators: [String]
        /// The calls in the function's own body (not in functions nested in it).
        var calls: [Call]
        /// `assert` statements plus calls of assertion helpers (`self.assertEqual`, `numpy.testing.assert_allclose`,
        /// `pytest.raises`).
        var asserts: Int

        /// Whether pytest or unittest collect it by their default names: a module's `test*` function, or a `test*`
        /// method of a `Test*` class or of a class deriving from a `…TestCase` (`unittest.TestCase`, `absltest.TestCase`).
        var isTest: Bool
    }

    /// Every import statement, in order, plus `__import__("m")` and `importlib.import_module("m")` with a literal.
    var imports: [Import] = []
    /// Every call in the file, inside functions or not, in order; a decorator is not a call.
    var calls: [Call] = []
    /// Every `def`, methods and nested functions included, in order.
    var functions: [Function] = []
    /// What could not be read: the input cut at a size, a bracket never closed, facts past a limit.
    var problems: [CommandProblem] = []

    static let maxBytes = 8 << 20
    static let maxTokens = 4_000_000
    /// Tokens of one statement kept at once; a longer one (a minified line, a bracket never closed) is read in parts.
    static let maxStatementTokens = 100_000
    static let maxCalls = 100_000
    static let maxImports = 20_000
    static let maxFunctions = 20_000

    init(imports: [Import], calls: [Call], functions: [Function], problems: [CommandProblem]) {
        self.imports = imports
        self.calls = calls
        self.functions = functions
        self.problems = problems
    }

    init(python text: String) {
        let (kept, problem) = CommandText.truncated(text, maxBytes: Self.maxBytes)
        if let problem { problems.append(problem) }
        var reader = PythonFactReader()
        reader.read(kept, firstLine: 1)
        self = reader.facts(problems: problems)
    }

    /// A Jupyter notebook's code cells, read in order as one program: the first line of each cell follows the last
    /// line of the code cell before it, so line numbers count through the notebook's code. Magics and shell escapes
    /// (`%`, `!`) are skipped, and so are cells run by another language (`%%bash`); Markdown cells are not code.
    init(notebook text: String) {
        let notebook = NotebookCode(text, maxBytes: 2 * Self.maxBytes)
        var reader = PythonFactReader()
        var line = 1
        for cell in notebook.cells {
            reader.read(cell.code, firstLine: line)
            line += cell.lineCount
        }
        self = reader.facts(problems: notebook.problems)
    }

    /// Whether the file imports `module` or a submodule of it (`shap` matches `import shap`, `import shap.plots`,
    /// `from shap import X`, never `shapely`), also through `from a import b` where `a.b` is the module asked.
    /// Relative imports name no module of their own and never match.
    func imports(_ module: String) -> Bool { imports.contains { $0.isOf(module) } }
}

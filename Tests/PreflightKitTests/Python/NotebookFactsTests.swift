import Foundation
import Testing
@testable import PreflightKit

/// Python facts from a notebook's code cells: sources as strings or lists, magics skipped, Markdown never code.
@Suite struct NotebookFactsTests {
    typealias Call = PythonFacts.Call

    static func notebook(_ cells: [[String: Any]], worksheets: Bool = false) throws -> String {
        let root: [String: Any] = worksheets ? ["worksheets": [["cells": cells]], "nbformat": 3] : ["cells": cells, "nbformat": 4]
        return String(decoding: try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]), as: UTF8.self)
    }

    static func code(_ source: Any) -> [String: Any] { ["cell_type": "code", "source": source, "outputs": [], "metadata": [:]] }

    @Test func readsCodeCellsInOrderWithTheirLines() throws {
        let text = try Self.notebook([
            ["cell_type": "markdown", "source": ["# Explaining\n", "import lime\n", "lime.explain(model)\n"]],
            Self.code(["%matplotlib inline\n", "import shap as s\n", "!pip install shap\n", "e = s.TreeExplainer(m)\n"]),
            ["cell_type": "raw", "source": "import captum"],
            Self.code("from sklearn.model_selection import GridSearchCV\r\nGridSearchCV(m, grid).fit(x, y)"),
            Self.code("%%time\nvalues = e.shap_values(x)\ns.summary_plot(values)\n"),
        ])
        let facts = PythonFacts(notebook: text)
        #expect(facts.imports.map { [$0.module, "\($0.line)"] } == [["shap", "2"], ["sklearn.model_selection", "5"]])
        #expect(facts.calls == [
            Call(name: "shap.TreeExplainer", line: 4), Call(name: "sklearn.model_selection.GridSearchCV", line: 6),
            Call(name: "(…).fit", line: 6), Call(name: "e.shap_values", line: 8), Call(name: "shap.summary_plot", line: 9),
        ])
        #expect(facts.imports("shap") && !facts.imports("lime") && !facts.imports("captum"))
        #expect(facts.problems.isEmpty)
    }

    @Test func otherLanguagesCellsAndMagicsAreNoCode() throws {
        let text = try Self.notebook([
            Self.code("%%bash\nimport shap\npython -c 'import lime'\n"),
            Self.code(["%pip install captum\n", "  !python -m shap\n", "# import torch\n", "x = 'import jax'\n"]),
            ["cell_type": "markdown", "source": "```python\nimport tensorflow\n```"],
        ])
        let facts = PythonFacts(notebook: text)
        #expect(facts.imports.isEmpty && facts.calls.isEmpty)
    }

    @Test func readsTheOldWorksheetsFormat() throws {
        let text = try Self.notebook([["cell_type": "code", "input": ["import pandas as pd\n", "pd.read_csv(path)\n"]]], worksheets: true)
        let facts = PythonFacts(notebook: text)
        #expect(facts.imports("pandas") && facts.calls == [Call(name: "pandas.read_csv", line: 2)])
    }

    @Test func anUnclosedBracketStaysInItsCell() throws {
        let text = try Self.notebook([Self.code("x = f(\n"), Self.code("import shap\n")])
        let facts = PythonFacts(notebook: text)
        #expect(facts.imports.map { [$0.module, "\($0.line)"] } == [["shap", "2"]])
        #expect(facts.problems.map(\.line) == [1])
    }

    @Test func notJSONIsAProblem() {
        for text in ["import shap\n", "[1, 2]", "{\"cells\": 3}", "\u{0}\u{0}{"] {
            let facts = PythonFacts(notebook: text)
            #expect(facts.imports.isEmpty && facts.calls.isEmpty)
            #expect(facts.problems.count == (text.hasPrefix("{") ? 0 : 1), "\(text)")
        }
    }

    @Test func aLargeMinifiedNotebookStaysBounded() throws {
        let start = Date()
        let cell = Self.code(String(repeating: "import numpy as np; np.random.seed(1); x = [np.zeros(3) for _ in range(9)]\n", count: 100))
        let text = try Self.notebook(Array(repeating: cell, count: 560))
        #expect(text.utf8.count > 4_000_000 && !text.contains("\n"))
        let facts = PythonFacts(notebook: text)
        #expect(facts.calls.count == PythonFacts.maxCalls && facts.imports.count == PythonFacts.maxImports)
        // A sanity limit, not a benchmark (a debug build on a shared 2-core machine).
        #expect(Date().timeIntervalSince(start) < 60)
    }
}

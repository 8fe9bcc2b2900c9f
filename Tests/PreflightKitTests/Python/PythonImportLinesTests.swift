import Foundation
import Testing
@testable import PreflightKit

/// The fast import reading that follows imports across a repository gives what the full reading gives.
@Suite struct PythonImportLinesTests {
    static let texts = [
        "import numpy as np\nfrom sklearn.model_selection import (\n    GridSearchCV,\n    train_test_split,\n)\n",
        "\"\"\"Docs.\n\nimport shap\nfrom x import y\n\"\"\"\nimport os\n",
        "def f():\n    import torch\n    from . import gates\n    from ..pipelines.train import run as go\n",
        "x = 'import fake'  # import fake2\nif True: import ignored_by_both\nfrom a.b \\\n    import c\n",
        "s = '''one\nimport inside\n'''\nimport after\n",
        "r\"\"\"raw \\\"\"\" still\nimport hidden\n\"\"\"\nimport visible\n",
        "\u{FEFF}import bom\r\nfrom crlf import x\r\n",
    ]

    @Test(arguments: texts)
    func givesWhatTheFullReadingGives(text: String) {
        let full = PythonFacts(python: text).imports.filter { entry in
            // The full reading also reads a compound statement's body on its header line; the fast one reads lines
            // that start with an import.
            !entry.module.hasPrefix("ignored")
        }
        #expect(PythonImportLines.imports(text) == full, "\(text)")
    }

    @Test func everyPythonFileOfTheExamplesReadsAlike() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../").standardized
        let files = FileManager.default.enumerator(at: root.appendingPathComponent("Examples"), includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "py" }
        #expect(files.count > 5)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(PythonImportLines.imports(text) == PythonFacts(python: text).imports, "\(file.path)")
        }
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// The imports probe on a real git repository: imports read from code, never from strings, comments or Markdown.
@Suite struct ImportsProbeTests {
    func evaluate(_ yaml: String, in repo: TemporaryDirectory) throws -> Finding {
        let rule = try YAMLDocument(text: yaml, file: "rule.yaml").decode(Rule.self)
        let evidence = EvidenceCollector(index: try RepositoryIndex.build(at: repo.path), now: Date()).collect(for: rule.probes)
        return RuleEvaluator(evidence: evidence).evaluate(rule)
    }

    func repository() throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write("src/explain.py", "\"\"\"Uses import captum in a docstring.\"\"\"\nimport shap as sh\n# import captum\nsh.Explainer(model)\n")
        try repo.write("src/geo.py", "import shapely.geometry\nfrom onnx import shape_inference\n")
        let notebook = #"{"cells": [{"cell_type": "markdown", "source": ["import captum\n"]}, {"cell_type": "code", "source": ["%pip install lime\n", "from lime import lime_tabular\n"]}], "nbformat": 4, "nbformat_minor": 5}"#
        try repo.write("notebooks/debug.ipynb", notebook)
        try repo.commitAll()
        return repo
    }

    @Test func aModuleImportedInCodeCounts() throws {
        let repo = try repository()
        let shap = try evaluate(#"{ imports: [shap], in: ["**/*.py"] }"#, in: repo)
        #expect(shap.outcome == .satisfied)
        #expect(shap.proofs == [Proof(path: "src/explain.py", line: 2, text: "import shap as sh")])
        let lime = try evaluate(#"{ imports: [lime, alibi.explainers], in: ["**/*.ipynb"] }"#, in: repo)
        #expect(lime.outcome == .satisfied && lime.proofs.first?.text == "from lime import lime_tabular")
    }

    @Test func stringsCommentsMarkdownAndLongerNamesAreNot() throws {
        let repo = try repository()
        #expect(try evaluate(#"{ imports: [captum], in: ["**/*.py", "**/*.ipynb"] }"#, in: repo).outcome == .unsatisfied)
        // `shapely` is not `shap`, and `shape_inference` from onnx is not SHAP.
        let geo = try evaluate(#"{ imports: [shap], in: ["src/geo.py"] }"#, in: repo)
        #expect(geo.outcome == .unsatisfied && geo.message.contains("none of 1 Python files"))
    }

    @Test func aRuleThatCannotBeReadIsRefused() throws {
        for bad in [#"{ imports: [], in: ["**/*.py"] }"#, #"{ imports: ["shap-plots"], in: ["**/*.py"] }"#, #"{ imports: [shap] }"#,
                    #"{ imports: [shap], in: ["**/*.py"], contains: x }"#] {
            #expect(throws: (any Error).self, "\(bad)") { try YAMLDocument(text: bad, file: "rule.yaml").decode(Rule.self) }
        }
    }
}

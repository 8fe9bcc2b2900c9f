import Foundation
import Testing
@testable import PreflightKit

/// The calls probe, and the CI probe's `imports`/`calls` over collected tests, on real git repositories: names read
/// from code with imports resolved, never from strings, comments or Markdown.
@Suite struct CallsProbeTests {
    func evaluate(_ yaml: String, in repo: TemporaryDirectory) throws -> Finding {
        let rule = try YAMLDocument(text: yaml, file: "rule.yaml").decode(Rule.self)
        let evidence = EvidenceCollector(index: try RepositoryIndex.build(at: repo.path), now: Date()).collect(for: rule.probes)
        return RuleEvaluator(evidence: evidence).evaluate(rule)
    }

    func repository() throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write("src/train.py", """
            import numpy as np
            from mlflow import evaluate as mlflow_evaluate
            # torch.manual_seed(0)
            HELP = "call mlflow.evaluate() before serving"

            def train(frame):
                np.random.seed(7)
                return mlflow_evaluate(frame)
            """)
        try repo.write("src/pipeline.py", "from kfp import dsl\n\n@dsl.pipeline(name='p')\ndef pipeline():\n    pass\n")
        try repo.write("src/seedless.py", "def manual_seed():\n    return 1\nmanual_seed()\n")
        try repo.write("tests/test_model.py", """
            from sklearn.linear_model import LogisticRegression
            import pandera as pa

            def test_fits():
                model = LogisticRegression()
                model.fit([[0], [1]], [0, 1])
                assert model.predict([[1]])[0] == 1

            def test_placeholder():
                assert True
            """)
        try repo.write("tests/test_fit_no_assert.py", "def test_runs(model):\n    model.fit([[0]], [0])\n")
        try repo.write(".github/workflows/ci.yml", "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: pytest tests\n")
        try repo.commitAll()
        return repo
    }

    @Test func aCallResolvedThroughItsImportCounts() throws {
        let repo = try repository()
        let seed = try evaluate(#"{ calls: [numpy.random.seed, torch.manual_seed], in: ["src/**/*.py"] }"#, in: repo)
        #expect(seed.outcome == .satisfied)
        #expect(seed.proofs == [Proof(path: "src/train.py", line: 7, text: "numpy.random.seed(…)")])
        let evaluate = try evaluate(#"{ calls: [mlflow.evaluate], in: ["src/**/*.py"] }"#, in: repo)
        #expect(evaluate.proofs == [Proof(path: "src/train.py", line: 8, text: "mlflow.evaluate(…)")])
        // A decorator is a use of the name.
        let pipeline = try self.evaluate(#"{ calls: [kfp.dsl.pipeline], in: ["src/**/*.py"] }"#, in: repo)
        #expect(pipeline.proofs == [Proof(path: "src/pipeline.py", line: 4, text: "@kfp.dsl.pipeline")])
    }

    @Test func commentsStringsAndOtherModulesNamesAreNot() throws {
        let repo = try repository()
        // torch.manual_seed is only in a comment; the local manual_seed() is not torch's.
        let torch = try evaluate(#"{ calls: [torch.manual_seed], in: ["src/**/*.py"] }"#, in: repo)
        #expect(torch.outcome == .unsatisfied && torch.message.contains("none of 3 Python files"))
        let anyReceiver = try evaluate(#"{ calls: ["*.manual_seed"], in: ["src/**/*.py"] }"#, in: repo)
        #expect(anyReceiver.outcome == .satisfied && anyReceiver.proofs.map(\.path) == ["src/seedless.py"])
    }

    /// `*.parent.cancel`: a call whose dotted name ends with those parts, on any receiver; its last part alone is not.
    @Test func aDottedTailMatchesOnAnyReceiver() throws {
        let repo = try TemporaryDirectory()
        try repo.write("steps/evaluate.py", """
            from azureml.core import Run
            run = Run.get_context()
            if new_accuracy < production_accuracy:
                run.parent.cancel()
            """)
        try repo.write("steps/other.py", "import asyncio\ntask.cancel()\nparent.cancel_all()\n")
        try repo.commitAll()
        let cancel = try evaluate(#"{ calls: ["*.parent.cancel"], in: ["steps/*.py"] }"#, in: repo)
        #expect(cancel.outcome == .satisfied)
        #expect(cancel.proofs == [Proof(path: "steps/evaluate.py", line: 4, text: "run.parent.cancel(…)")])
        #expect(PythonName.matches("parent.cancel", "*.parent.cancel"))
        #expect(!PythonName.matches("task.cancel", "*.parent.cancel"))
        #expect(!PythonName.matches("grandparent.cancel", "*.parent.cancel"))
    }

    @Test func aCollectedTestThatCallsAndAssertsCounts() throws {
        let repo = try repository()
        let fit = try evaluate(#"{ ci: { collects: ["tests/**"], calls: ["*.fit"] } }"#, in: repo)
        #expect(fit.outcome == .satisfied)
        #expect(fit.proofs.last == Proof(path: "tests/test_model.py", line: 4, text: "test_fits calls model.fit(…) and asserts"))
        // A test that fits without asserting, or asserts without fitting, is no test of the model.
        let only = try evaluate(#"{ ci: { collects: ["tests/test_fit_no_assert.py"], calls: ["*.fit"] } }"#, in: repo)
        #expect(only.outcome == .unsatisfied)
        let imports = try evaluate(#"{ ci: { collects: ["tests/**"], imports: [pandera] } }"#, in: repo)
        #expect(imports.proofs.last == Proof(path: "tests/test_model.py", line: 2, text: "import pandera as pa"))
        #expect(try evaluate(#"{ ci: { collects: ["tests/**"], imports: [great_expectations] } }"#, in: repo).outcome == .unsatisfied)
    }

    /// `alsoCalls`: the same test function must call one of them too — a NaN check of a data file runs no model.
    @Test func aTestMustAlsoCallWhatItsCheckIsAbout() throws {
        let repo = try TemporaryDirectory()
        try repo.write("tests/test_data.py", """
            import numpy as np
            import pandas as pd

            def test_missing_values():
                frame = pd.read_csv("missing.csv")
                assert np.sum(np.isnan(frame.values)) > 0
            """)
        try repo.write(".github/workflows/ci.yml", "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: pytest tests\n")
        try repo.commitAll()
        let rule = #"{ ci: { collects: ["tests/**"], calls: [numpy.isnan], alsoCalls: ["*.predict", "*.fit"] } }"#
        let data = try evaluate(rule, in: repo)
        #expect(data.outcome == .unsatisfied)
        #expect(data.message.contains("with a test that calls numpy.isnan and also *.predict, *.fit and asserts"), "\(data.message)")
        try repo.write("tests/test_model.py", """
            import numpy as np

            def test_predictions_are_finite(model, frame):
                assert not np.isnan(model.predict(frame)).any()
            """)
        try repo.commitAll()
        let model = try evaluate(rule, in: repo)
        #expect(model.outcome == .satisfied)
        #expect(model.proofs.last == Proof(path: "tests/test_model.py", line: 3, text: "test_predictions_are_finite calls numpy.isnan(…) and model.predict(…) and asserts"))
        #expect(throws: (any Error).self) { try YAMLDocument(text: #"{ ci: { collects: ["tests/**"], alsoCalls: ["*.fit"] } }"#, file: "rule.yaml").decode(Rule.self) }
    }

    @Test func testsNobodyCollectsAreNot() throws {
        let repo = try repository()
        try repo.write(".github/workflows/ci.yml", "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: pytest tests/test_fit_no_assert.py\n")
        try repo.commitAll()
        #expect(try evaluate(#"{ ci: { collects: ["tests/**"], calls: ["*.fit"] } }"#, in: repo).outcome == .unsatisfied)
    }

    @Test func aRuleThatCannotBeReadIsRefused() throws {
        for bad in [#"{ calls: [], in: ["**/*.py"] }"#, #"{ calls: ["a-b"], in: ["**/*.py"] }"#, #"{ calls: [x] }"#,
                    #"{ calls: ["**.fit"], in: ["**/*.py"] }"#, #"{ ci: { calls: ["*.fit"] } }"#,
                    #"{ ci: { collects: ["tests/**"], imports: ["*.x"] } }"#, #"{ ci: { collects: ["tests/**"], calls: [] } }"#] {
            #expect(throws: (any Error).self, "\(bad)") { try YAMLDocument(text: bad, file: "rule.yaml").decode(Rule.self) }
        }
    }

    /// `reached: true`: only code a CI run executes counts, through the imports of what it runs.
    @Test func onlyCodeCIRunsCountsWhenAsked() throws {
        let repo = try TemporaryDirectory()
        try repo.write("src/fraud/__init__.py", "")
        try repo.write("src/fraud/run.py", "from fraud.pipeline import build\nbuild()\n")
        try repo.write("src/fraud/pipeline.py", "from . import gates\n\ndef build():\n    gates.check()\n")
        try repo.write("src/fraud/gates.py", "from kfp import dsl\n\ndef check():\n    with dsl.Condition(True):\n        pass\n")
        try repo.write("src/fraud/unused.py", "from mlflow.models import MetricThreshold\nMetricThreshold(threshold=0.8)\n")
        try repo.write("scripts/tune.py", "import optuna\noptuna.create_study()\n")
        // A file name with dots is no module: `from fraud.pipeline import build` does not load it.
        try repo.write("docs/fraud.pipeline.py", "import shap\nshap.TreeExplainer(model)\n")
        try repo.write(".github/workflows/ci.yml", "on: push\njobs:\n  p:\n    steps:\n      - run: cd src && python -m fraud.run\n")
        try repo.commitAll()
        let gate = try evaluate(#"{ calls: [kfp.dsl.Condition, mlflow.models.MetricThreshold], in: ["**/*.py"], reached: true }"#, in: repo)
        #expect(gate.outcome == .satisfied)
        #expect(gate.proofs.map(\.path) == [".github/workflows/ci.yml", "src/fraud/run.py", "src/fraud/run.py", "src/fraud/pipeline.py", "src/fraud/gates.py"])
        #expect(gate.proofs[3] == Proof(path: "src/fraud/pipeline.py", line: 1, text: "from . import gates"))
        #expect(gate.proofs.last == Proof(path: "src/fraud/gates.py", line: 4, text: "kfp.dsl.Condition(…)"))
        // MetricThreshold is called only in a module nothing CI runs imports; without `reached` it counts.
        #expect(try evaluate(#"{ calls: [mlflow.models.MetricThreshold], in: ["**/*.py"], reached: true }"#, in: repo).outcome == .unsatisfied)
        #expect(try evaluate(#"{ calls: [mlflow.models.MetricThreshold], in: ["**/*.py"] }"#, in: repo).outcome == .satisfied)
        #expect(try evaluate(#"{ imports: [shap], in: ["**/*.py"], reached: true }"#, in: repo).outcome == .unsatisfied)
        let tune = try evaluate(#"{ imports: [optuna], in: ["**/*.py"], reached: true }"#, in: repo)
        #expect(tune.outcome == .unsatisfied && tune.message.contains("that CI runs"))
        try repo.write(".github/workflows/tune.yml", "on: { schedule: [{ cron: '0 3 * * 1' }] }\njobs:\n  t:\n    steps:\n      - run: python scripts/tune.py --trials 50\n")
        try repo.commitAll()
        #expect(try evaluate(#"{ imports: [optuna], in: ["**/*.py"], reached: true }"#, in: repo).outcome == .satisfied)
    }

    /// Hostile files cost bounded time, are read as far as they can be, and say so in the finding; never a crash.
    @Test func hostileFilesAreReadInPartAndSaySo() throws {
        let repo = try TemporaryDirectory()
        try repo.write("src/minified.py", "import numpy as np\nx = [" + String(repeating: "np.random.seed(1), ", count: 160_000))
        try repo.write("src/legacy.py", "\u{FEFF}# -*- coding: utf-8 -*-\r\nimport shap\r\nprint \"explained\"\r\n\tif True:\r\n\t\tshap.TreeExplainer(m)\r\n")
        let cell = #"{"cell_type": "code", "source": ["import torch\n", "torch.manual_seed(0)\n"]}"#
        try repo.write("notebooks/big.ipynb", #"{"cells": ["# + Array(repeating: cell, count: 40_000).joined(separator: ",") + #"], "nbformat": 4}"#)
        try repo.commitAll()
        let started = Date()
        let seeds = try evaluate(#"{ calls: [numpy.random.seed, torch.manual_seed], in: ["**/*.py", "**/*.ipynb"] }"#, in: repo)
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(seeds.outcome == .satisfied)
        #expect(Set(seeds.proofs.compactMap(\.path)).isSuperset(of: ["notebooks/big.ipynb", "src/minified.py"]))
        // Python 2's print statement, tabs, CRLF and a BOM do not hide an import.
        #expect(try evaluate(#"{ imports: [shap], in: ["src/legacy.py"] }"#, in: repo).proofs.first?.line == 2)
        let missing = try evaluate(#"{ calls: [numpy.seed], in: ["src/minified.py"] }"#, in: repo)
        #expect(missing.outcome == .unsatisfied)
        #expect(missing.message.contains("read in part: src/minified.py (line 2: a bracket opened here is never closed"), "\(missing.message)")
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// Python facts from source: imports, calls with aliases resolved, decorators and test functions; each form with a
/// negative twin whose words sit in a string, a comment, or an attribute.
@Suite struct PythonFactsTests {
    typealias Import = PythonFacts.Import
    typealias Call = PythonFacts.Call

    @Test func readsEveryImportForm() {
        let facts = PythonFacts(python: """
            import a.b
            import a.b as c
            import os, numpy as np
            from a.b import (x,
                             y as z)
            from . import sibling
            from ..m import y
            from ... import top
            from star import *
            def load():
                import inner.module
            try:
                import shap
            except ImportError:
                shap = None
            try: import lime
            except ImportError: pass
            if not re: import re
            with open(p) as f: from json import load
            for x in {"a": 1}: import a.x
            """)
        #expect(facts.imports == [
            Import(module: "a.b", names: [], alias: nil, level: 0, line: 1),
            Import(module: "a.b", names: [], alias: "c", level: 0, line: 2),
            Import(module: "os", names: [], alias: nil, level: 0, line: 3),
            Import(module: "numpy", names: [], alias: "np", level: 0, line: 3),
            Import(module: "a.b", names: ["x", "y"], alias: nil, level: 0, line: 4),
            Import(module: "", names: ["sibling"], alias: nil, level: 1, line: 6),
            Import(module: "m", names: ["y"], alias: nil, level: 2, line: 7),
            Import(module: "", names: ["top"], alias: nil, level: 3, line: 8),
            Import(module: "star", names: ["*"], alias: nil, level: 0, line: 9),
            Import(module: "inner.module", names: [], alias: nil, level: 0, line: 11),
            Import(module: "shap", names: [], alias: nil, level: 0, line: 13),
            Import(module: "lime", names: [], alias: nil, level: 0, line: 16),
            Import(module: "re", names: [], alias: nil, level: 0, line: 18),
            Import(module: "json", names: ["load"], alias: nil, level: 0, line: 19),
            Import(module: "a.x", names: [], alias: nil, level: 0, line: 20),
        ])
        #expect(facts.calls == [Call(name: "open", line: 19)] && facts.problems.isEmpty)
    }

    @Test func importsInStringsAndCommentsAreNoImports() {
        let facts = PythonFacts(python: #"""
            """Usage:
            import shap
            from lime import explain
            """
            # import captum
            text = "import torch"
            other = 'from tensorflow import keras'
            raw = r"\nimport jax"
            f"{x} import flax"
            call("__import__('hidden')")
            """#)
        #expect(facts.imports.isEmpty)
        #expect(facts.calls == [Call(name: "call", line: 10)])
    }

    @Test func dynamicImportsWithLiteralsCount() {
        let facts = PythonFacts(python: """
            import importlib
            from importlib import import_module as load
            a = __import__("xgboost")
            b = importlib.import_module("shap.plots")
            c = load(".local", package=__name__)
            d = importlib.import_module(name)
            e = importlib.import_module("a" + suffix)
            f = __import__(f"{name}")
            """)
        #expect(facts.imports.dropFirst(2).map { [$0.module, "\($0.level)", "\($0.line)"] } == [
            ["xgboost", "0", "3"], ["shap.plots", "0", "4"], ["local", "1", "5"],
        ])
    }

    @Test func attributesNamedLikeImportFunctionsAreNoImports() {
        let facts = PythonFacts(python: """
            loader.import_module("shap")
            self.importlib.import_module("lime")
            obj.__import__("captum")
            importlib.reload(module)
            """)
        #expect(facts.imports.isEmpty)
        #expect(facts.calls.map(\.name) == ["loader.import_module", "self.importlib.import_module", "obj.__import__", "importlib.reload"])
    }

    @Test func fStringsHideTheirFieldsAndNestedQuotes() {
        let facts = PythonFacts(python: """
            a = f"{d["import"]} {x:{width}} {{literal}} {'}'}" ; b = run(1)
            c = F'''{f(
            "x")}''' + go()
            d = "unterminated
            e = done()
            """)
        #expect(facts.calls == [Call(name: "run", line: 1), Call(name: "go", line: 3), Call(name: "done", line: 5)])
    }

    @Test func importsMatchesModulesAndSubmodulesOnly() {
        let facts = PythonFacts(python: """
            import shap.plots
            from sklearn import metrics
            from onnx import shape_inference
            import shapely
            from . import lime
            """)
        #expect(facts.imports("shap") && facts.imports("shap.plots"))
        #expect(!facts.imports("shap.explainers") && !facts.imports("sha"))
        #expect(facts.imports("sklearn") && facts.imports("sklearn.metrics"))
        #expect(!facts.imports("sklearn.model_selection"))
        #expect(facts.imports("shapely") && !facts.imports("shape_inference") && !facts.imports("lime"))
        #expect(PythonFacts(python: "from shap import TreeExplainer\n").imports("shap"))
        #expect(!PythonFacts(python: "import shapely.geometry\n").imports("shap"))
    }

    @Test func callsResolveImportAliases() {
        let facts = PythonFacts(python: """
            import numpy as np
            import sklearn.model_selection
            from sklearn.model_selection import GridSearchCV as G
            from mlflow import evaluate
            np.random.seed(1)
            search = G(model, grid)
            sklearn.model_selection.cross_val_score(model, x, y)
            result = evaluate(model, data)
            model.fit(x, y).predict(x)
            print(len(x), np.mean(x))
            """)
        #expect(facts.calls == [
            Call(name: "numpy.random.seed", line: 5),
            Call(name: "sklearn.model_selection.GridSearchCV", line: 6),
            Call(name: "sklearn.model_selection.cross_val_score", line: 7),
            Call(name: "mlflow.evaluate", line: 8),
            Call(name: "model.fit", line: 9),
            // A method of what a call returned: no import resolves it, only `*.predict` matches it.
            Call(name: "(…).predict", line: 9),
            Call(name: "print", line: 10), Call(name: "len", line: 10), Call(name: "numpy.mean", line: 10),
        ])
    }

    @Test func callsInStringsCommentsAndAttributesAreNotResolved() {
        let facts = PythonFacts(python: #"""
            import numpy as np
            config = {"run": "HyperDrive(config)"}
            # np.random.seed(1)
            doc = """np.random.seed(2)"""
            self.np.random.seed(3)
            np.random
            if (np.random): pass
            def np_helper(x): return x
            class Model(np.Base): pass
            """#)
        #expect(facts.calls == [Call(name: "self.np.random.seed", line: 5)])
    }

    @Test func matchPatternsAreNoCalls() {
        let facts = PythonFacts(python: """
            match node:
                case ast.Call(func=ast.Name(id=name)):
                    record(name)
                case [Point(x=0), *rest]: skip(rest)
                case "literal" | str(): pass
                case other if valid(other): pass
            case = Case(1)
            case(2)
            case.open()
            """)
        #expect(facts.calls == [
            Call(name: "record", line: 3), Call(name: "skip", line: 4), Call(name: "valid", line: 6),
            Call(name: "Case", line: 7), Call(name: "case", line: 8), Call(name: "case.open", line: 9),
        ])
    }

    @Test func continuationsJoinLogicalLines() {
        let facts = PythonFacts(python: "import numpy \\\n    as np\nvalue = (np\n  .zeros(\n  3))\nx = np.ones(\r\n2)\r\n")
        #expect(facts.imports == [Import(module: "numpy", names: [], alias: "np", level: 0, line: 1)])
        #expect(facts.calls == [Call(name: "numpy.zeros", line: 3), Call(name: "numpy.ones", line: 6)])
    }

    @Test func decoratorsBelongToTheFunctionThatFollows() {
        let facts = PythonFacts(python: """
            from kfp import dsl
            import pytest

            @dsl.component(base_image="python:3.11")
            def train(): ...

            @pytest.fixture
            @staticmethod
            async def data(): pass

            @dsl.pipeline
            x = 1
            def plain(): pass
            """)
        #expect(facts.functions.map { [$0.name, "\($0.line)", $0.decorators.joined(separator: " ")] } == [
            ["train", "5", "kfp.dsl.component"], ["data", "9", "pytest.fixture staticmethod"], ["plain", "13", ""],
        ])
        #expect(facts.calls.isEmpty)
    }

    @Test func testFunctionsKeepTheirCallsAndAsserts() throws {
        let facts = PythonFacts(python: """
            import numpy as np
            import pytest
            from model import train

            def test_train():
                result = train(seed=1)
                assert result.score > 0.5
                assert not np.isnan(result.loss), "loss is NaN"
                np.testing.assert_allclose(result.weights, 0, atol=1)

                def helper():
                    assert check()
                helper()

            def helper_outside():
                assert True

            class TestModel:
                def test_raises(self):
                    with pytest.raises(ValueError):
                        train(seed=-1)
                    self.assertEqual(1, 1)

            class Suite:
                def test_not_collected(self):
                    assert True
            """)
        #expect(facts.functions.map { [$0.name, "\($0.line)", "\($0.asserts)", "\($0.isTest)"] } == [
            ["test_train", "5", "3", "true"], ["test_train.<locals>.helper", "11", "1", "false"],
            ["helper_outside", "15", "1", "false"], ["TestModel.test_raises", "19", "2", "true"],
            ["Suite.test_not_collected", "25", "1", "false"],
        ])
        #expect(facts.functions[0].calls == [
            Call(name: "model.train", line: 6), Call(name: "numpy.isnan", line: 8),
            Call(name: "numpy.testing.assert_allclose", line: 9), Call(name: "helper", line: 13),
        ])
        #expect(facts.functions[1].calls == [Call(name: "check", line: 12)])
        #expect(facts.functions[3].calls.map(\.name) == ["pytest.raises", "model.train", "self.assertEqual"])
    }

    @Test func unittestCasesAreTestsWhateverTheirClassName() {
        let facts = PythonFacts(python: """
            import unittest
            from absl.testing import absltest

            class ModelChecks(unittest.TestCase):
                def test_fit(self):
                    self.assertTrue(fit())
                def helper(self): pass

            class Loss(absltest.TestCase):
                def test_loss(self): pass

            class Plain(Base):
                def test_plain(self): pass

            def make():
                class TestInner:
                    def test_inner(self): pass
            """)
        #expect(facts.functions.map { [$0.name, "\($0.isTest)"] } == [
            ["ModelChecks.test_fit", "true"], ["ModelChecks.helper", "false"], ["Loss.test_loss", "true"],
            ["Plain.test_plain", "false"], ["make", "false"], ["make.<locals>.TestInner.test_inner", "false"],
        ])
        #expect(facts.calls.map(\.name) == ["self.assertTrue", "fit"])
    }

    @Test func assertWordsInStringsAndNamesAreNoAsserts() {
        let facts = PythonFacts(python: """
            def test_words():
                message = "assert x"  # assert y
                asserted = check(assertion=True)
                \"\"\"
                assert z
                \"\"\"
            """)
        #expect(facts.functions.map(\.asserts) == [0])
        #expect(facts.functions[0].calls == [Call(name: "check", line: 3)])
    }

    @Test func tabsBomAndPythonTwoAreRead() {
        let facts = PythonFacts(python: "\u{FEFF}import os\r\nimport sys\r\ndef test_main():\r\n\tprint \"x\"\r\n\ttry:\r\n\t\tos.remove(sys.argv[1])\r\n\texcept OSError, e:\r\n\t\tassert False, `e`\r\n")
        #expect(facts.imports.map(\.module) == ["os", "sys"])
        #expect(facts.functions.map { [$0.name, "\($0.asserts)"] } == [["test_main", "1"]])
        #expect(facts.functions[0].calls == [Call(name: "os.remove", line: 6)])
    }

    @Test func unclosedBracketIsAProblem() {
        let facts = PythonFacts(python: "import torch\nx = torch.zeros((3,\nimport shap\n")
        #expect(facts.imports.map(\.module) == ["torch"])
        #expect(facts.problems == [CommandProblem(line: 2, message: "a bracket opened here is never closed: what follows is read as one statement")])
    }

    @Test func hostileInputStaysBoundedAndLinear() {
        let start = Date()
        // A 3 MB single line of calls, and of brackets never closed.
        let calls = PythonFacts(python: String(repeating: "np.f(x);", count: 400_000))
        #expect(calls.calls.count == PythonFacts.maxCalls)
        #expect(calls.problems == [CommandProblem(line: 1, message: "more than 100000 calls: the rest are not kept")])
        let open = PythonFacts(python: String(repeating: "f(", count: 1_500_000))
        #expect(open.calls.count == PythonFacts.maxCalls)
        #expect(open.problems.map(\.message) == [
            "a bracket opened here is never closed: what follows is read as one statement",
            "a statement of more than 100000 tokens is read in parts", "more than 100000 calls: the rest are not kept",
        ])
        _ = PythonFacts(python: String(repeating: "\"\"\"", count: 1) + String(repeating: "x\0\t\r\n", count: 600_000))
        _ = PythonFacts(python: String(repeating: "\n\t", count: 1_000_000) + "import x")
        // One statement of 900,000 tokens, read in nine parts: the three that begin with `import` read as imports.
        #expect(PythonFacts(python: String(repeating: "import a, ", count: 300_000)).imports.count == 3)
        _ = PythonFacts(python: String(repeating: "a.", count: 1_500_000) + "b()")
        // A sanity limit, not a benchmark: a debug build takes a few seconds on a shared 2-core machine; a quadratic
        // step would take minutes.
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test func deepNestingAndLongNamesAreBounded() {
        let nested = (0..<150).map { String(repeating: " ", count: $0) + "class C\($0):\n" }.joined()
            + String(repeating: String(repeating: " ", count: 150) + "def test_deep(): f()\n", count: 10_000)
        let facts = PythonFacts(python: nested)
        #expect(facts.functions.isEmpty && facts.calls.count == 10_000)
        #expect(facts.problems == [CommandProblem(line: 101, message: "more than 100 levels of nested functions and classes: the rest are not kept")])
        let long = String(repeating: "x", count: 600)
        let names = PythonFacts(python: "import \(long)\nfrom \(long) import a\nclass \(long):\n def \(long)(): \(long)()\n@\(long)\ndef f(): pass\n")
        #expect(names.imports.isEmpty && names.calls.isEmpty)
        #expect(names.functions.map { [$0.name, "\($0.decorators.count)"] } == [["f", "0"]])
    }

    @Test func oversizedInputIsCutWithAProblem() {
        let text = String(repeating: "# a comment line\n", count: PythonFacts.maxBytes / 17 + 10) + "import shap\n"
        let facts = PythonFacts(python: text)
        #expect(!facts.imports("shap"))
        #expect(facts.problems.map(\.message) == ["input is \(text.utf8.count) bytes; only the first \(PythonFacts.maxBytes) are read"])
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// `python -m unittest`: named modules and files, and discovery.
@Suite struct UnittestCollectionTests {
    static let tree = CollectionFixture(files: [
        "tests/__init__.py", "tests/test_model.py", "tests/helpers.py", "tests/model_test.py", "tests/test-data.py",
        "tests/unit/__init__.py", "tests/unit/test_loss.py", "tests/loose/test_loose.py",
        "test_root.py", "src/pkg/__init__.py", "src/pkg/tests.py",
        ".venv/lib/python3.12/site-packages/x/test_x.py", "my-dir/test_hyphen.py",
    ])

    @Test func plainUnittestDiscoversFromTheWorkingDirectory() {
        let collection = Self.tree.collect("python -m unittest")
        #expect(collection?.runner == "unittest")
        // Directories that are not packages are entered (and noted); those whose names cannot be imported are not.
        #expect(collection?.files == ["src/pkg/tests.py", "test_root.py", "tests/loose/test_loose.py", "tests/test_model.py", "tests/unit/test_loss.py"])
        #expect(collection?.problems.map(\.message) == [
            "src: no __init__.py; unittest discovery on Python 3.11+ does not enter it",
            "tests/loose: no __init__.py; unittest discovery on Python 3.11+ does not enter it",
        ])
        #expect(Self.tree.files("python3 -m unittest -v") == collection?.files)
        #expect(Self.tree.files("coverage run -m unittest discover") == collection?.files)
    }

    @Test func discoverOptionsAndPositionalArguments() {
        #expect(Self.tree.files("python -m unittest discover -s tests -p '*_test.py'") == ["tests/model_test.py"])
        #expect(Self.tree.files("python -m unittest discover tests 'test_*.py'") == ["tests/loose/test_loose.py", "tests/test_model.py", "tests/unit/test_loss.py"])
        #expect(Self.tree.files("python -m unittest discover --start-directory=tests/unit --pattern=test*.py -v") == ["tests/unit/test_loss.py"])
        #expect(Self.tree.files("python -m unittest discover -s unit", in: "tests") == ["tests/unit/test_loss.py"])
        let missing = Self.tree.collect("python -m unittest discover -s e2e")
        #expect(missing?.files == [])
        #expect(missing?.problems.map(\.message) == ["discover -s e2e: not a tracked directory (a dotted start is not resolved)"])
        let notPackage = Self.tree.collect("python -m unittest discover -s tests/loose -t .")
        #expect(notPackage?.files == ["tests/loose/test_loose.py"])
        #expect(notPackage?.problems.map(\.message) == ["discover -s tests/loose -t .: the start directory is not a package; unittest cannot import it"])
    }

    @Test func namedModulesAndFiles() {
        #expect(Self.tree.files("python -m unittest tests.test_model tests.unit.test_loss.LossTest.test_zero") == ["tests/test_model.py", "tests/unit/test_loss.py"])
        #expect(Self.tree.files("python -m unittest tests/test_model.py -k zero") == ["tests/test_model.py"])
        // A package name loads the package module itself, not discovery below it.
        #expect(Self.tree.files("python -m unittest tests") == ["tests/__init__.py"])
        #expect(Self.tree.files("python -m unittest pkg.tests", in: "src") == ["src/pkg/tests.py"])
        let missing = Self.tree.collect("python -m unittest tests.test_e2e tests/ bad-name")
        #expect(missing?.files == [])
        #expect(missing?.problems.map(\.message) == ["tests.test_e2e: no tracked module", "tests/: not a tracked module file", "bad-name: not a module name"])
    }

    @Test func unittestWithoutPythonDashMIsNoRun() {
        #expect(Self.tree.collect("unittest discover") == nil)
    }
}

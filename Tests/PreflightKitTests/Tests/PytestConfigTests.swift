import Foundation
import Testing
@testable import PreflightKit

/// pytest's configuration: which file is found, and what `testpaths`, `python_files`, `norecursedirs` and `addopts`
/// in it do to a run.
@Suite struct PytestConfigTests {
    static let files = ["tests/unit/test_model.py", "tests/integration/test_api.py", "tests/checks/check_model.py",
                        "legacy/test_old.py", "build/test_built.py", ".hidden/test_hidden.py", ".venv/pyvenv.cfg",
                        ".venv/lib/test_venv.py", "sub/tests/test_sub.py", "src/test_src.py"]
    static let everything = ["legacy/test_old.py", "src/test_src.py", "sub/tests/test_sub.py", "tests/integration/test_api.py", "tests/unit/test_model.py"]

    func fixture(_ configs: [String: String]) -> CollectionFixture { CollectionFixture(files: Self.files, configs: configs) }

    @Test func testpathsFromEachFileFormat() {
        let configs = [
            "pytest.ini": "[pytest]\ntestpaths = tests/unit\n",
            ".pytest.ini": "[pytest]\ntestpaths =\n    tests/unit\n",
            "pyproject.toml": "[project]\nname = \"m\"\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests/unit\"]\n",
            "tox.ini": "[tox]\nenvlist = py\n\n[pytest]\ntestpaths = tests/unit\n",
            "setup.cfg": "[metadata]\nname = m\n\n[tool:pytest]\ntestpaths = tests/unit\n",
            "pytest.toml": "[pytest]\ntestpaths = [\"tests/unit\"]\n",
        ]
        for (name, text) in configs.sorted(by: { $0.key < $1.key }) {
            let collection = fixture([name: text]).collect("pytest")
            #expect(collection?.files == ["tests/unit/test_model.py"], "\(name)")
            #expect(collection?.problems == [], "\(name)")
        }
        // pytest 9's native table in pyproject.toml.
        #expect(fixture(["pyproject.toml": "[tool.pytest]\ntestpaths = [\"tests/unit\"]\n"]).files("pytest") == ["tests/unit/test_model.py"])
    }

    @Test func filesWithoutAPytestSectionAreNotTheConfiguration() {
        let configs = [
            "pyproject.toml": "[tool.ruff]\nline-length = 100\n",
            "tox.ini": "[tox]\nenvlist = py\n[testenv]\ncommands = pytest\n",
            "setup.cfg": "[flake8]\nmax-line-length = 100\n# [tool:pytest]\n# testpaths = tests/unit\n",
        ]
        #expect(fixture(configs).files("pytest") == Self.everything)
        let oldSection = fixture(["setup.cfg": "[pytest]\ntestpaths = tests/unit\n"]).collect("pytest")
        #expect(oldSection?.files == Self.everything)
        #expect(oldSection?.problems.map(\.message) == ["setup.cfg: pytest no longer reads [pytest] in setup.cfg (it reads [tool:pytest])"])
        let broken = fixture(["pyproject.toml": "[tool.pytest.ini_options\ntestpaths = [\"tests/unit\"]\n"]).collect("pytest")
        #expect(broken?.files == Self.everything)
        #expect(broken?.problems.map(\.message) == ["pyproject.toml: not valid TOML; not read as pytest's configuration"])
    }

    @Test func precedenceInADirectoryAndNearestDirectoryFirst() {
        // pytest.ini wins even when empty; then pyproject.toml, tox.ini, setup.cfg.
        #expect(fixture(["pytest.ini": "", "pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = [\"tests/unit\"]\n"]).files("pytest") == Self.everything)
        #expect(fixture(["pytest.toml": "", "pytest.ini": "[pytest]\ntestpaths = tests/unit\n"]).files("pytest") == Self.everything)
        #expect(fixture(["pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = [\"tests/unit\"]\n", "tox.ini": "[pytest]\ntestpaths = legacy\n"]).files("pytest") == ["tests/unit/test_model.py"])
        #expect(fixture(["tox.ini": "[pytest]\ntestpaths = legacy\n", "setup.cfg": "[tool:pytest]\ntestpaths = tests/unit\n"]).files("pytest") == ["legacy/test_old.py"])
        // Looked for from the paths given (their common ancestor), upward.
        let nested = fixture(["pytest.ini": "[pytest]\npython_files = nothing_*.py\n", "sub/pytest.ini": "[pytest]\npython_files = test_*.py\n"])
        #expect(nested.files("pytest sub/tests") == ["sub/tests/test_sub.py"])
        #expect(nested.files("pytest tests") == [])
        #expect(nested.files("pytest", in: "sub") == ["sub/tests/test_sub.py"])
    }

    @Test func testpathsOnlyWithoutPathsAndFromTheRootdir() {
        let config = fixture(["pytest.ini": "[pytest]\ntestpaths = tests/integration\n"])
        // Negative twin: testpaths pointing elsewhere leaves the model test out.
        #expect(config.files("pytest") == ["tests/integration/test_api.py"])
        #expect(config.files("pytest tests/unit") == ["tests/unit/test_model.py"])
        #expect(config.files("pytest", in: "tests") == ["tests/integration/test_api.py", "tests/unit/test_model.py"])
        #expect(fixture(["pytest.ini": "[pytest]\ntestpaths = tests/*/\n"]).files("pytest") == ["tests/integration/test_api.py", "tests/unit/test_model.py"])
        #expect(fixture(["pytest.ini": "[pytest]\ntestpaths = **/unit\n"]).files("pytest") == ["tests/unit/test_model.py"])
        let nothing = fixture(["pytest.ini": "[pytest]\ntestpaths = e2e\n"]).collect("pytest")
        #expect(nothing?.files == Self.everything)
        #expect(nothing?.problems.map(\.message) == ["testpaths e2e match nothing tracked; pytest collects from the working directory"])
        #expect(fixture(["pytest.ini": "[pytest]\ntestpaths = tests/unit\n"]).files("pytest -o testpaths=legacy") == ["legacy/test_old.py"])
    }

    @Test func pythonFilesDecidesWhichFilesAreTestModules() {
        let checks = fixture(["pyproject.toml": "[tool.pytest.ini_options]\npython_files = \"check_*.py\"\n"])
        // Negative twin: python_files that excludes test_model.py.
        #expect(checks.files("pytest") == ["tests/checks/check_model.py"])
        #expect(checks.files("pytest tests/unit/test_model.py") == ["tests/unit/test_model.py"])
        #expect(fixture(["tox.ini": "[pytest]\npython_files =\n    test_*.py\n    check_*.py\n"]).files("pytest tests") == ["tests/checks/check_model.py", "tests/integration/test_api.py", "tests/unit/test_model.py"])
        #expect(fixture(["pytest.ini": "[pytest]\npython_files = unit/test_*.py\n"]).files("pytest") == ["tests/unit/test_model.py"])
        #expect(fixture([:]).files("pytest -o python_files=check_*.py tests") == ["tests/checks/check_model.py"])
    }

    @Test func norecursedirsReplacesTheDefault() {
        let config = fixture(["pytest.ini": "[pytest]\nnorecursedirs = legacy tests/integration\n"])
        // Build and hidden directories are entered once the default is replaced; a virtual environment never is.
        #expect(config.files("pytest") == [".hidden/test_hidden.py", "build/test_built.py", "src/test_src.py", "sub/tests/test_sub.py", "tests/unit/test_model.py"])
    }

    @Test func addoptsJoinTheCommandLine() {
        let config = fixture(["pytest.ini": "[pytest]\naddopts = -ra --ignore=tests/integration --strict-markers\ntestpaths = tests\n"])
        #expect(config.files("pytest") == ["tests/unit/test_model.py"])
        // Paths in addopts count as given, so testpaths is not used.
        let paths = fixture(["pyproject.toml": "[tool.pytest.ini_options]\naddopts = [\"-q\", \"legacy\"]\ntestpaths = [\"tests\"]\n"])
        #expect(paths.files("pytest") == ["legacy/test_old.py"])
        #expect(paths.files("pytest src") == ["legacy/test_old.py", "src/test_src.py"])
        let unclosed = fixture(["pytest.ini": "[pytest]\naddopts = -k 'model\n"]).collect("pytest")
        #expect(unclosed?.problems.map(\.message) == ["pytest.ini:2: addopts has an unclosed quote"])
    }

    @Test func anExplicitConfigFileAndRootdir() {
        let configs = ["ci/pytest.ini": "[pytest]\npython_files = check_*.py\n", "pytest.ini": "[pytest]\ntestpaths = legacy\n"]
        #expect(fixture(configs).files("pytest -c ci/pytest.ini tests") == ["tests/checks/check_model.py"])
        #expect(fixture(configs).files("pytest --config-file=ci/pytest.ini tests") == ["tests/checks/check_model.py"])
        // The rootdir is then ci/, not the working directory: testpaths of that file would not be used.
        #expect(fixture(["ci/pytest.ini": "[pytest]\ntestpaths = legacy\n"]).files("pytest -c ci/pytest.ini") == Self.everything)
        #expect(fixture(["ci/pytest.ini": "[pytest]\ntestpaths = legacy\n"]).files("pytest -c ci/pytest.ini --rootdir=.") == ["legacy/test_old.py"])
        let missing = fixture([:]).collect("pytest -c ci/missing.ini tests/unit")
        #expect(missing?.files == ["tests/unit/test_model.py"])
        #expect(missing?.problems.map(\.message) == ["-c ci/missing.ini: not in the repository"])
        // Whole-file deselects are node ids, relative to the rootdir.
        #expect(fixture(["sub/pytest.ini": ""]).files("pytest --deselect tests/test_sub.py", in: "sub") == [])
        #expect(fixture(["sub/pytest.ini": ""]).files("pytest --rootdir=.. --deselect tests/test_sub.py", in: "sub") == ["sub/tests/test_sub.py"])
    }
}

/// The readers under pytest's configuration: INI files as iniconfig reads them, `shlex.split`, `fnmatch`.
@Suite struct TestConfigReaderTests {
    @Test func iniSectionsValuesContinuationsAndComments() {
        let ini = IniFile("# top\r\n[pytest]\r\naddopts = -ra\r\n  --strict-markers\r\n\r\n; note\r\ntestpaths: tests\r\nmarkers =\n    slow: long\n    # not a marker\n    gpu\n[other]\nx=1\n")
        #expect(ini.problems == [])
        #expect(ini.sections.map(\.name) == ["pytest", "other"])
        let section = ini.section("pytest")
        #expect(section?["addopts"] == IniFile.Value(name: "addopts", value: "-ra\n--strict-markers", line: 3))
        #expect(section?["testpaths"]?.value == "tests")
        #expect(section?["markers"]?.value == "slow: long\ngpu")
        #expect(ini.section("other")?["x"]?.value == "1")
    }

    @Test func iniOddLinesAreProblems() {
        let ini = IniFile("x = 1\n[a]\nk = 1\nk = 2\nnot a value\n[a]\n[b\n   continued\n")
        #expect(ini.problems.map(\.description) == [
            "line 1: a value before any section", "line 4: 'k' is set again in [a]", "line 5: not a name and value: not a value",
            "line 6: section [a] appears again", "line 7: not a section header: [b",
        ])
        #expect(ini.section("a")?["k"]?.value == "1")
    }

    @Test func shlexSplit() {
        #expect(ArgumentSplitting.split("-ra  -k 'not slow' \"a \\\"b\\\" \\c\" x\\ y").words == ["-ra", "-k", "not slow", "a \"b\" \\c", "x y"])
        #expect(ArgumentSplitting.split("a 'b").unterminated)
        #expect(ArgumentSplitting.split("").words == [])
    }

    @Test func fnmatch() {
        #expect(FilenamePattern("test_*.py").matches("test_model.py"))
        #expect(!FilenamePattern("test_*.py").matches("model_test.py"))
        #expect(FilenamePattern("*/slow").matches("tests/unit/slow"))
        #expect(FilenamePattern("[!_]*.py").matches("a.py") && !FilenamePattern("[!_]*.py").matches("_a.py"))
        #expect(FilenamePattern("[]x].py").matches("].py"))
        #expect(FilenamePattern("[a-c]?.py").matches("bz.py") && !FilenamePattern("[a-c]?.py").matches("dz.py"))
        #expect(FilenamePattern("{arch}").matches("{arch}") && FilenamePattern("[x").matches("[x"))
        #expect(FilenamePattern("*a*a*a*a*b").matches(String(repeating: "a", count: 2000)) == false)
    }
}

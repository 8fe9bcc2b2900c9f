import Foundation
import Testing
@testable import PreflightKit

/// A repository of tracked files and their texts, and the collection of one command line in it.
struct CollectionFixture {
    var texts: [String: String]

    init(_ texts: [String: String]) { self.texts = texts }
    init(files: [String], configs: [String: String] = [:]) {
        texts = Dictionary(uniqueKeysWithValues: files.map { ($0, "") })
        texts.merge(configs) { $1 }
    }

    func collect(_ line: String, in directory: String = "") -> TestCollection? {
        let commands = ShellCommandLine(line).commands
        let files = texts.keys.sorted()
        for command in commands {
            if let collection = TestCollector.collect(command, in: directory, files: files, read: { texts[$0] }) { return collection }
        }
        return nil
    }

    func files(_ line: String, in directory: String = "") -> [String]? { collect(line, in: directory)?.files }
    func problems(_ line: String, in directory: String = "") -> [String] { collect(line, in: directory)?.problems.map(\.message) ?? [] }
}

/// pytest's collection: paths and options of the command line, the configuration file it finds, and the defaults.
@Suite struct PytestCollectionTests {
    static let tree = CollectionFixture(files: [
        "src/model.py", "src/model_test.py", "src/__pycache__/test_cached.py",
        "tests/__init__.py", "tests/conftest.py", "tests/helpers.py", "tests/test_data.py", "tests/test_model.py",
        "tests/model/test_layers.py", "tests/unit/test_loss.py", "tests/slow/test_train.py",
        "tests/fixtures/data.txt", "scripts/check_model.py",
        "node_modules/pkg/test_model.py", ".venv/lib/test_model.py", "build/test_built.py", "dist/test_dist.py",
        "env/pyvenv.cfg", "env/lib/test_env.py", "pkg.egg/test_egg.py", ".hidden/test_hidden.py",
    ])
    static let all = ["src/model_test.py", "tests/model/test_layers.py", "tests/slow/test_train.py", "tests/test_data.py",
                      "tests/test_model.py", "tests/unit/test_loss.py"]

    @Test func collectsTestModulesBelowTheWorkingDirectoryOutsideTheDefaultSkippedDirectories() {
        let collection = Self.tree.collect("pytest")
        #expect(collection == TestCollection(runner: "pytest", files: Self.all, problems: []))
        #expect(Self.tree.files("python -m pytest -q") == Self.all)
        #expect(Self.tree.files("py.test") == Self.all)
        #expect(Self.tree.files("uv run --extra dev pytest") == Self.all)
        #expect(Self.tree.files("coverage run --source src -m pytest") == Self.all)
        #expect(Self.tree.files("cd tests && pytest", in: "tests") == Array(Self.all.dropFirst()))
    }

    @Test func otherCommandsAreNotTestRuns() {
        for line in ["make test", "python train.py", "echo pytest tests", "pip install pytest", "python -m pip install pytest",
                     "unittest", "tox -e py"] {
            #expect(Self.tree.collect(line) == nil, "\(line)")
        }
    }

    @Test func pathsFilesAndTestIds() {
        #expect(Self.tree.files("pytest tests/unit tests/model") == ["tests/model/test_layers.py", "tests/unit/test_loss.py"])
        #expect(Self.tree.files("pytest tests/test_model.py::test_forward tests/unit/") == ["tests/test_model.py", "tests/unit/test_loss.py"])
        // A file given by name is collected whatever its name; pytest's defaults are for the files it finds.
        #expect(Self.tree.files("pytest scripts/check_model.py") == ["scripts/check_model.py"])
        #expect(Self.tree.files("pytest scripts") == [])
        #expect(Self.tree.files("pytest ../tests/unit", in: "src") == ["tests/unit/test_loss.py"])
        // Skipped directories are entered when named.
        #expect(Self.tree.files("pytest build node_modules/pkg") == ["build/test_built.py", "node_modules/pkg/test_model.py"])
        #expect(Self.tree.files("pytest tests/fixtures/data.txt") == [])
        #expect(Self.tree.problems("pytest tests/fixtures/data.txt") == ["tests/fixtures/data.txt: not a Python file; pytest collects no test module from it"])
    }

    @Test func shellGlobsAreExpandedOverTrackedFiles() {
        #expect(Self.tree.files("pytest tests/test_*.py") == ["tests/test_data.py", "tests/test_model.py"])
        #expect(Self.tree.files("pytest 'tests/*/'") == ["tests/model/test_layers.py", "tests/slow/test_train.py", "tests/unit/test_loss.py"])
        #expect(Self.tree.files("pytest tests/**/test_*.py") == ["tests/model/test_layers.py", "tests/slow/test_train.py", "tests/unit/test_loss.py"])
        #expect(Self.tree.files("pytest tests/test_[dx]*.py") == ["tests/test_data.py"])
        #expect(Self.tree.files("pytest tests/none_*.py") == [])
        #expect(Self.tree.problems("pytest tests/none_*.py") == ["file or directory not found: tests/none_*.py; pytest stops before collecting"])
    }

    @Test func bracesAreExpandedAndSubstitutionsAreNotResolved() {
        #expect(Self.tree.files("pytest tests/{unit,model}") == ["tests/model/test_layers.py", "tests/unit/test_loss.py"])
        #expect(Self.tree.files("pytest tests/{unit,{slow,model}/}") == ["tests/model/test_layers.py", "tests/slow/test_train.py", "tests/unit/test_loss.py"])
        #expect(Self.tree.files("pytest tests/{unit,e2e}") == [])
        let posargs = Self.tree.collect("pytest {posargs} tests/unit")
        #expect(posargs?.files == ["tests/unit/test_loss.py"])
        #expect(posargs?.problems.map(\.message) == ["{posargs}: not resolved (a substitution of the tool that runs it)"])
        #expect(BraceExpansion.expand("a{b,c}d{e,f}") == ["abde", "abdf", "acde", "acdf"])
        #expect(BraceExpansion.expand("{a,b}{c}") == ["a{c}", "b{c}"])
        #expect(BraceExpansion.expand(String(repeating: "{a,b}", count: 40)).count == 64)
    }

    @Test func aMissingPathStopsTheRunAndAVariableIsNotResolved() {
        #expect(Self.tree.collect("pytest tests/unit tests/e2e") == TestCollection(runner: "pytest", files: [], problems: [
            CommandProblem(line: 1, message: "file or directory not found: tests/e2e; pytest stops before collecting"),
        ]))
        let variable = Self.tree.collect("pytest $TEST_DIR tests/unit /abs/tests")
        #expect(variable?.files == ["tests/unit/test_loss.py"])
        #expect(variable?.problems.map(\.message) == ["$TEST_DIR: not resolved", "/abs/tests: not resolved"])
        #expect(Self.tree.files("pytest ${{ matrix.tests }}") == [])
    }

    @Test func ignoresAndDeselects() {
        let withoutModel = Self.all.filter { $0 != "tests/model/test_layers.py" }
        #expect(Self.tree.files("pytest --ignore=tests/model") == withoutModel)
        #expect(Self.tree.files("pytest --ignore tests/model/ tests") == withoutModel.filter { $0.hasPrefix("tests/") })
        #expect(Self.tree.files("pytest --ignore=model", in: "tests") == withoutModel.filter { $0.hasPrefix("tests/") })
        #expect(Self.tree.files("pytest --ignore=tests/test_model.py --ignore=tests/slow") == ["src/model_test.py", "tests/model/test_layers.py", "tests/test_data.py", "tests/unit/test_loss.py"])
        // A path given is collected even when it is ignored: pytest ignores what it finds, not what it is given.
        #expect(Self.tree.files("pytest tests/model --ignore=tests/model") == ["tests/model/test_layers.py"])
        #expect(Self.tree.files("pytest tests --ignore-glob='*_model.py' --ignore-glob '*/slow'") == ["tests/model/test_layers.py", "tests/test_data.py", "tests/unit/test_loss.py"])
        #expect(Self.tree.files("pytest tests --deselect tests/test_model.py --deselect=tests/unit/test_loss.py::test_one") == ["tests/model/test_layers.py", "tests/slow/test_train.py", "tests/test_data.py", "tests/unit/test_loss.py"])
        #expect(Self.tree.files("pytest tests/test_model.py --deselect tests/test_model") == [])
    }

    @Test func wordsAfterOptionsThatTakeValuesAreNotPaths() {
        let line = "pytest -k model -m 'not slow' -n 4 --cov src --cov-report xml:cov.xml --junitxml out.xml -o log_cli=true --tb short -W error -p no:cacheprovider --maxfail 2 --durations 5 --timeout 600 -rA -x -vv tests/unit"
        #expect(Self.tree.collect(line) == TestCollection(runner: "pytest", files: ["tests/unit/test_loss.py"], problems: []))
        #expect(Self.tree.files("pytest -kmodel -n4 -xvs tests/unit") == ["tests/unit/test_loss.py"])
        #expect(Self.tree.files("pytest --cov src") == Self.all)
        #expect(Self.tree.files("pytest -- tests/unit") == ["tests/unit/test_loss.py"])
        // An option pytest does not know: the word after it is a path when the repository has one.
        #expect(Self.tree.files("pytest --benchmark-skip tests/unit") == ["tests/unit/test_loss.py"])
        #expect(Self.tree.files("pytest --some-plugin value") == Self.all)
    }

    @Test func runsThatCollectNothingOrCannotBeKnown() {
        #expect(Self.tree.collect("pytest --collect-only tests")?.files == [])
        #expect(Self.tree.problems("pytest --co") == ["--co: pytest runs no test"])
        #expect(Self.tree.problems("pytest --version") == ["--version: pytest runs no test"])
        let pyargs = Self.tree.collect("pytest --pyargs mypkg.tests tests/unit")
        #expect(pyargs?.files == ["tests/unit/test_loss.py"])
        #expect(pyargs?.problems.map(\.message) == ["--pyargs mypkg.tests: module names are not resolved"])
        let doctests = Self.tree.collect("pytest --doctest-modules src")
        #expect(doctests?.files == ["src/model_test.py"])
        #expect(doctests?.problems.map(\.message) == ["--doctest-modules: doctests in modules are not counted as test files"])
    }

    @Test func notebooksWithTheNotebookPlugins() {
        let tree = CollectionFixture(files: ["notebooks/train.ipynb", "notebooks/.ipynb_checkpoints/train.ipynb", "notebooks/test_nb.py", "docs/intro.ipynb"])
        #expect(tree.files("pytest --nbmake notebooks") == ["notebooks/test_nb.py", "notebooks/train.ipynb"])
        #expect(tree.files("pytest --nbval-lax notebooks/train.ipynb docs/intro.ipynb") == ["docs/intro.ipynb", "notebooks/train.ipynb"])
        // Negative twin: without the plugin a notebook is no test module.
        #expect(tree.files("pytest notebooks") == ["notebooks/test_nb.py"])
        #expect(tree.problems("pytest notebooks/train.ipynb") == ["notebooks/train.ipynb: not a Python file; pytest collects no test module from it"])
    }

    @Test func pytestAddoptsFromTheEnvironment() {
        #expect(Self.tree.files("PYTEST_ADDOPTS='--ignore=tests/slow -q' pytest tests") == ["tests/model/test_layers.py", "tests/test_data.py", "tests/test_model.py", "tests/unit/test_loss.py"])
    }

    @Test func hostileCommandsAndConfigurationsStayBounded() {
        let start = Date()
        let sections = (0..<50_000).map { "[s\($0)]\nk = v\n" }.joined() + "[pytest]\n" + (0..<50_000).map { "k\($0) = v\n" }.joined()
        #expect(IniFile(sections).sections.count == 50_001)
        let star = String(repeating: "*a", count: 200_000)
        let patterns = Self.tree.collect("pytest")
        let hostile = CollectionFixture(files: Self.tree.texts.keys.sorted(), configs: ["pytest.ini": "[pytest]\npython_files = \(star) \(String(repeating: "x ", count: 1000))test_*.py\n"])
        let limited = hostile.collect("pytest")
        #expect(limited?.files == [])
        #expect(limited?.problems.map(\.message) == ["python_files: only the first 256 of 1002 are read"])
        #expect(patterns?.files == Self.all)
        let many = Self.tree.collect("pytest " + String(repeating: "tests ", count: 20_000))
        #expect(many?.files == Self.all.filter { $0.hasPrefix("tests/") })
        let globs = Self.tree.collect("pytest " + (0..<100).map { "tests/test_\($0)*.py " }.joined())
        #expect(globs?.files == [])
        #expect(globs?.problems.map(\.message).first == "more than 64 globs; the rest are not expanded")
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func theTimeStaysLinearOnALargeRepository() {
        var files: [String] = []
        for a in 0..<100 {
            for b in 0..<100 {
                files.append("pkg\(a)/sub\(b)/module.py")
                files.append("pkg\(a)/sub\(b)/test_module.py")
                files.append("pkg\(a)/sub\(b)/data/file\(b).csv")
                files.append("pkg\(a)/sub\(b)/node_modules/test_x.py")
                files.append("pkg\(a)/sub\(b)/.cache/test_y.py")
            }
        }
        let fixture = CollectionFixture(files: files, configs: ["pyproject.toml": "[tool.pytest.ini_options]\npython_files = [\"test_*.py\"]\n"])
        let start = Date()
        let collection = fixture.collect("pytest --ignore-glob='*/sub7/*' -k model")
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(collection?.files.count == 100 * 99)
    }
}

extension PytestCollectionTests {
    @Test func anUnresolvedWorkingDirectoryCollectsNothing() {
        let command = ShellCommandLine("pytest tests").commands[0]
        let collection = TestCollector.collect(command, in: "$GITHUB_WORKSPACE/app", files: Self.tree.texts.keys.sorted()) { _ in nil }
        #expect(collection == TestCollection(runner: "pytest", files: [], problems: [CommandProblem(line: 1, message: "working directory $GITHUB_WORKSPACE/app: not resolved")]))
        #expect(TestCollector.runner(of: ShellCommandLine("make test").commands[0]) == nil)
    }
}

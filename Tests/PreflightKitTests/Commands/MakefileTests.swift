import Foundation
import Testing
@testable import PreflightKit

/// The Makefile reader: rules, recipes, variables, includes, and resolution of a target into what it runs.
@Suite struct MakefileTests {
    static let project = """
        # Build and test the model.
        PYTHON ?= python3
        SRC := src
        TESTS = tests/unit \\
                tests/integration
        PYTEST = $(PYTHON) -m pytest
        PYTEST += -q   # quiet
        Q = @
        include common.mk
        -include local.mk  secrets.mk

        .PHONY: all test lint install
        all: lint test

        install:
        \t$(PYTHON) -m pip install -e ".[training]"

        lint: install
        \t@ruff check $(SRC)
        \t-mypy ${SRC} \\
        \t  --strict

        test: install
        \t$(Q)$(PYTEST) $(TESTS)
        \t+$(MAKE) -C docs html
        \techo 'add e2e later' # pytest tests/e2e

        docs: ; cd docs && $(MAKE) html
        %.o: %.c
        \tgcc -c $< -o $@
        """

    @Test func readsTargetsPrerequisitesRecipesAndLines() throws {
        let makefile = Makefile(Self.project)
        #expect(makefile.targets.map(\.name) == [".PHONY", "all", "install", "lint", "test", "docs", "%.o"])
        #expect(makefile.phony == ["all", "test", "lint", "install"])
        #expect(makefile.defaultTarget == "all")
        #expect(makefile.target("all")?.prerequisites == ["lint", "test"])
        #expect(makefile.target("all")?.line == 13)
        let lint = try #require(makefile.target("lint"))
        #expect(lint.recipe == [RecipeLine(text: "ruff check src", line: 19), RecipeLine(text: "mypy src \\\n  --strict", line: 20)])
        let test = try #require(makefile.target("test"))
        #expect(test.recipe == [RecipeLine(text: "python3 -m pytest -q tests/unit tests/integration", line: 24),
                                RecipeLine(text: "make -C docs html", line: 25),
                                RecipeLine(text: "echo 'add e2e later' # pytest tests/e2e", line: 26)])
        #expect(makefile.target("docs")?.recipe == [RecipeLine(text: "cd docs && make html", line: 28)])
        #expect(makefile.target("%.o")?.recipe == [RecipeLine(text: "gcc -c %.c -o %.o", line: 30)])
        #expect(makefile.includes == [IncludedFile(path: "common.mk", isOptional: false, line: 9),
                                      IncludedFile(path: "local.mk", isOptional: true, line: 10),
                                      IncludedFile(path: "secrets.mk", isOptional: true, line: 10)])
        #expect(makefile.variables["SRC"] == "src" && makefile.variables["PYTHON"] == "python3")
        #expect(makefile.problems.isEmpty)
    }

    @Test func installLineIsAPipCommandWithAnExtraNotATrainCommand() throws {
        let line = try #require(Makefile(Self.project).target("install")?.recipe.first)
        let commands = ShellCommandLine(line.text, firstLine: line.line).commands
        #expect(commands.map(\.words) == [["pip", "install", "-e", ".[training]"]])
        #expect(commands[0].prefixes == ["python3 -m"] && commands[0].line == 16)
    }

    @Test func resolvesATargetPrerequisitesFirstWithItsChain() {
        let makefile = Makefile(Self.project)
        let resolution = makefile.resolve("all")
        #expect(resolution.lines.map(\.line.line) == [16, 19, 20, 24, 25, 26])
        #expect(resolution.lines.map(\.chain) == [["all", "lint", "install"], ["all", "lint"], ["all", "lint"], ["all", "test"], ["all", "test"], ["all", "test"]])
        #expect(resolution.externalCalls == [RecipeCall(directory: "docs", file: nil, targets: ["html"], line: 25)])
        #expect(resolution.problems.isEmpty)
        #expect(makefile.resolve(nil) == resolution)
        #expect(makefile.resolve("docs").externalCalls == [RecipeCall(directory: "docs", file: nil, targets: ["html"], line: 28)])
        #expect(makefile.resolve("nothing").problems == [CommandProblem(line: 1, message: "no target 'nothing'")])
    }

    @Test func followsMakeCallsOfTheSameFile() {
        let makefile = Makefile("""
            ci:
            \t$(MAKE) lint test
            \tmake --no-print-directory -j 4 VERBOSE=1 check
            \t${MAKE} -f other.mk x
            lint:
            \tflake8
            test:
            \tpytest
            check: lint
            \tmypy
            """)
        let resolution = makefile.resolve("ci")
        #expect(resolution.lines.map(\.line.text) == ["make lint test", "flake8", "pytest", "make --no-print-directory -j 4 VERBOSE=1 check", "mypy", "make -f other.mk x"])
        #expect(resolution.lines.map(\.target) == ["ci", "lint", "test", "ci", "check", "ci"])
        #expect(resolution.externalCalls == [RecipeCall(directory: nil, file: "other.mk", targets: ["x"], line: 4)])
    }

    @Test func cyclesAreProblemsNotHangs() {
        let selfDependent = Makefile("all: all\n\techo once\n").resolve("all")
        #expect(selfDependent.lines.map(\.line.text) == ["echo once"])
        #expect(selfDependent.problems == [CommandProblem(line: 1, message: "circular dependency all → all: not followed")])
        let loop = Makefile("a: b\n\techo a\nb: c\nc: a\n").resolve("a")
        #expect(loop.problems == [CommandProblem(line: 4, message: "circular dependency a → b → c → a: not followed")])
        let recursive = Makefile("test:\n\t$(MAKE) test\n").resolve("test")
        #expect(recursive.lines.count == 1)
        #expect(recursive.problems == [CommandProblem(line: 2, message: "circular dependency test → test: not followed")])
    }

    @Test func chainsDeeperThanTheBoundAreCut() {
        let text = (0..<100).map { "t\($0): t\($0 + 1)\n\techo \($0)" }.joined(separator: "\n")
        let resolution = Makefile(text).resolve("t0", maxDepth: 10)
        #expect(resolution.lines.count == 10)
        #expect(resolution.problems == [CommandProblem(line: 19, message: "targets nested deeper than 10: 't10' not followed")])
    }

    @Test func variablesExpandStaticallyAndBoundedly() throws {
        let makefile = Makefile("""
            A = $(B) one
            B = two
            C := $(A)
            D = $(wildcard *.py) $(shell git rev-parse HEAD) $(A:one=1) $$HOME $(UNDEFINED)end
            SELF = $(SELF) x
            BOMB0 = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
            \(( 1...14).map { "BOMB\($0) = $(BOMB\($0 - 1))$(BOMB\($0 - 1))" }.joined(separator: "\n"))
            define SCRIPT
            pytest -q
            endef
            all:
            \techo $(C) $(D)
            \t$(SELF)
            \t$(BOMB14)
            \t$(SCRIPT)
            """)
        let recipe = try #require(makefile.target("all")?.recipe)
        #expect(recipe.map(\.text).prefix(2) == ["echo two one $(wildcard *.py) $(git rev-parse HEAD) $(A:one=1) $HOME end", "$(SELF) x" + String(repeating: " x", count: 15)])
        #expect(recipe[2].text.count == MakeExpansion.maxLength && recipe[2].text.allSatisfy { $0 == "x" })
        #expect(recipe[3].text == "pytest -q")
        #expect(makefile.problems.map(\.line) == [26, 27])
        let commands = ShellCommandLine(recipe[0].text).commands.map(\.words)
        #expect(commands.contains(["git", "rev-parse", "HEAD"]))
    }

    @Test func conditionalsAndTargetVariablesArePassedOver() {
        let makefile = Makefile("""
            ifeq ($(CI),true)
            FLAGS = --ci
            else
            FLAGS = --local
            endif
            test: FLAGS += -x
            test:
            \tpytest $(FLAGS)
            export PATH := bin:$(PATH)
            override X = 1
            """)
        #expect(makefile.target("test")?.recipe.map(\.text) == ["pytest --local"])
        #expect(makefile.variables["X"] == "1")
        #expect(makefile.targets.map(\.name) == ["test"])
    }

    @Test func aLaterRecipeReplacesAnEarlierOneButDoubleColonRulesAdd() {
        #expect(Makefile("a:\n\techo 1\na: b\n\techo 2\n").target("a").map { ($0.prerequisites, $0.recipe.map(\.text)) }! == (["b"], ["echo 2"]))
        #expect(Makefile("a::\n\techo 1\na::\n\techo 2\n").target("a")?.recipe.map(\.text) == ["echo 1", "echo 2"])
    }

    @Test func hugeGeneratedMakefileParsesInBoundedTime() {
        // About 10 MB: 100,000 targets, each with a prerequisite, a variable and two recipe lines.
        var text = "V := value\n"
        text.reserveCapacity(11 << 20)
        for n in 0..<100_000 {
            text += "target\(n): target\(n + 1) dependency-file-\(n).txt\n\t@python -m pytest tests/test_\(n).py --flag=$(V)\n\techo padding padding padding\n"
        }
        #expect(text.utf8.count > 10_000_000)
        let start = Date()
        let makefile = Makefile(text)
        let resolution = makefile.resolve("target0")
        // A sanity limit, not a benchmark: a debug build takes 2–3 s on a shared 2-core machine; a quadratic step
        // would take minutes.
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(makefile.targets.count == 100_000)
        #expect(makefile.target("target99999")?.recipe.first?.text == "python -m pytest tests/test_99999.py --flag=value")
        #expect(resolution.lines.count == 64 && resolution.problems.count == 1)
    }

    @Test func hostileShapesStayLinear() {
        // 2,000 targets sharing 2,000 recipe lines would store 4 million lines.
        let shared = (0..<2_000).map { "t\($0)" }.joined(separator: " ") + ":\n" + String(repeating: "\techo x\n", count: 2_000)
        let start = Date()
        let makefile = Makefile(shared)
        #expect(makefile.problems == [CommandProblem(line: 2 + Makefile.maxRecipeEntries / 2_000, message: "more than \(Makefile.maxRecipeEntries) recipe lines: the rest is not read")])
        // 50,000 rules adding prerequisites to one target.
        let merged = Makefile((0..<50_000).map { "all: p\($0 % 1_000)" }.joined(separator: "\n"))
        #expect(merged.target("all")?.prerequisites.count == 1_000)
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func oversizedInputIsCutWithAProblem() {
        let makefile = Makefile(String(repeating: "# comment line\n", count: (Makefile.maxBytes / 15) + 10) + "all:\n\techo\n")
        #expect(makefile.targets.isEmpty)
        #expect(makefile.problems.first?.message.hasPrefix("input is ") == true)
    }

    @Test func nonUTF8BytesAreReadLossily() {
        let data = Data("test:\n\tpytest -k '".utf8) + Data([0xC3, 0x28, 0xFF]) + Data("'\n".utf8)
        #expect(Makefile(data: data).target("test")?.recipe.map(\.text) == ["pytest -k '\u{FFFD}(\u{FFFD}'"])
    }

    @Test func unterminatedDefineIsAProblem() {
        #expect(Makefile("define X\npytest\n").problems == [CommandProblem(line: 1, message: "define X has no endef")])
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// The justfile reader: recipes, dependencies, `just` calls, static variables, shebang recipes, resolution.
@Suite struct JustfileTests {
    static let project = """
        set shell := ["bash", "-cu"]
        import? 'local.just'
        mod docs

        python := "python3"
        version := `git describe`
        alias t := test

        # The default: everything CI runs.
        ci: lint (test "tests/unit") && report
            @echo "ci done"

        lint:
            -ruff check .
            {{python}} -m mypy src \\
              --strict

        [group('test')]
        test path="tests": install
            {{python}} -m pytest {{path}} --version={{version}}
            just report

        install:
            pip install -e ".[training]"

        @report:
            coverage report

        train *args:
            #!/usr/bin/env python3
            import train
            train.main()

        nightly:
            just train --epochs 3
            just t tests/e2e
            just -f other.just x
            just --list
        """

    @Test func readsRecipesDependenciesAndLines() throws {
        let justfile = Justfile(Self.project)
        #expect(justfile.recipes.map(\.name) == ["ci", "lint", "test", "install", "report", "train", "nightly"])
        #expect(justfile.defaultRecipe == "ci")
        let ci = try #require(justfile.recipe(named: "ci"))
        #expect(ci.dependencies == ["lint", "test"] && ci.subsequents == ["report"] && ci.line == 10)
        #expect(ci.lines == [RecipeLine(text: "echo \"ci done\"", line: 11)])
        #expect(justfile.recipe(named: "lint")?.lines == [RecipeLine(text: "ruff check .", line: 14),
                                                          RecipeLine(text: "python3 -m mypy src \\\n  --strict", line: 15)])
        let test = try #require(justfile.recipe(named: "test"))
        #expect(test.parameterCount == 1 && !test.isVariadic && test.dependencies == ["install"])
        #expect(test.lines.first == RecipeLine(text: "python3 -m pytest {{path}} --version={{version}}", line: 20))
        #expect(justfile.recipe(named: "report")?.lines == [RecipeLine(text: "coverage report", line: 27)])
        #expect(justfile.aliases == ["t": "test"])
        #expect(justfile.variables == ["python": "python3"])
        #expect(justfile.imports == [IncludedFile(path: "local.just", isOptional: true, line: 2), IncludedFile(path: "docs", isOptional: false, line: 3)])
        #expect(justfile.problems.isEmpty)
    }

    @Test func shebangRecipesAreOneScript() throws {
        let train = try #require(Justfile(Self.project).recipe(named: "train"))
        #expect(train.shebang == "#!/usr/bin/env python3" && train.isVariadic)
        #expect(train.lines == [RecipeLine(text: "#!/usr/bin/env python3\nimport train\ntrain.main()", line: 30)])
        let script = Justfile("[script('bash')]\nbuild:\n  cd x\n  make\n").recipe(named: "build")
        #expect(script?.lines == [RecipeLine(text: "cd x\nmake", line: 3)])
    }

    @Test func resolvesDependenciesFirstAndCallsInPlace() {
        let justfile = Justfile(Self.project)
        let resolution = justfile.resolve(nil)
        #expect(resolution.lines.map(\.line.line) == [14, 15, 24, 20, 21, 27, 11])
        #expect(resolution.lines.map(\.target) == ["lint", "lint", "install", "test", "test", "report", "ci"])
        #expect(resolution.problems.isEmpty)
        let nightly = justfile.resolve("nightly")
        #expect(nightly.lines.map(\.target) == ["nightly", "train", "nightly", "install", "test", "test", "report", "nightly", "nightly"])
        #expect(nightly.externalCalls == [RecipeCall(directory: nil, file: "other.just", targets: ["x"], line: 37)])
    }

    @Test func installLineIsAPipCommand() throws {
        let line = try #require(Justfile(Self.project).recipe(named: "install")?.lines.first)
        #expect(ShellCommandLine(line.text, firstLine: line.line).commands.map(\.words) == [["pip", "install", "-e", ".[training]"]])
    }

    @Test func cyclesAndMissingRecipesAreProblems() {
        let cycle = Justfile("a: b\n  echo a\nb: a\n  echo b\n").resolve("a")
        #expect(cycle.lines.map(\.line.text) == ["echo b", "echo a"])
        #expect(cycle.problems == [CommandProblem(line: 3, message: "circular dependency a → b → a: not followed")])
        let selfCall = Justfile("x:\n  just x\n").resolve("x")
        #expect(selfCall.problems == [CommandProblem(line: 2, message: "circular dependency x → x: not followed")])
        #expect(Justfile("a: missing\n  echo\n").resolve("a").problems == [CommandProblem(line: 1, message: "no target 'missing'")])
    }

    @Test func oddLinesAreProblemsNotFailures() {
        let justfile = Justfile(data: Data("  stray\n???\nok:\n  echo '".utf8) + Data([0xFF]) + Data("'\n".utf8))
        #expect(justfile.problems == [CommandProblem(line: 1, message: "indented line outside a recipe"),
                                      CommandProblem(line: 2, message: "not a recipe, assignment or setting")])
        #expect(justfile.recipe(named: "ok")?.lines.map(\.text) == ["echo '\u{FFFD}'"])
    }
}

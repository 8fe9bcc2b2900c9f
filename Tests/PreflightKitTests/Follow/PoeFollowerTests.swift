import Testing
@testable import PreflightKit

/// Poe the Poet: `poe TASK` under any runner prefix; `[tool.poe.tasks]` says what the task runs.
@Suite struct PoeFollowerTests {
    static let pyproject = """
        [project]
        name = "model"
        description = "poe e2e runs pytest tests/e2e"

        [tool.poe]
        include = "extra_tasks.toml"

        [tool.poe.tasks]
        lint = "ruff check ."
        types.shell = "mypy src | tee mypy.log"
        serve.script = "model.service:run(debug=True)"
        bad.script = "./run.py"
        check = ["lint", "types"]
        # e2e = "pytest tests/e2e"

        [tool.poe.tasks.test]
        help = "pytest tests/e2e is the slow one"
        cmd = "pytest tests/unit"
        deps = ["lint --fix"]
        cwd = "src"

        [tool.poe.tasks.ci]
        sequence = ["check", { cmd = "coverage xml" }, "test"]

        [tool.poe.tasks.fmt]
        sequence = ["ruff format .", "black ."]
        default_item_type = "cmd"

        [tool.poe.tasks.again]
        ref = "test --verbose"

        [tool.poe.tasks.loop]
        sequence = ["loop2"]
        [tool.poe.tasks.loop2]
        sequence = ["loop"]
        """

    @Test func requestsTheTaskUnderEveryPrefix() {
        let expected = FollowRequest(candidates: ["pyproject.toml", "poe_tasks.toml", "poe_tasks.yaml", "poe_tasks.json"], names: ["test"])
        for command in ["poe test", "uv run poe test -k x", "poetry run poe test", "poetry poe test", "python -m poethepoet test", "poe -v test"] {
            #expect(followRequest(PoeFollower.self, command) == expected, "\(command)")
        }
        #expect(followRequest(PoeFollower.self, "poe -C pkg lint")?.candidates.first == "pkg/pyproject.toml")
        #expect(followRequest(PoeFollower.self, "poe") == nil)
        #expect(followRequest(PoeFollower.self, "echo poe test") == nil)
        #expect(followRequest(PoeFollower.self, "poetry run pytest") == nil)
    }

    @Test func followsCommandsShellScriptsAndDependencies() throws {
        let result = try #require(PoeFollower.follow(["test"], path: "pyproject.toml", text: Self.pyproject))
        #expect(result.steps == [FollowedStep(.shell("ruff check ."), line: 9, via: ["test", "lint"]),
                                 FollowedStep(.shell("pytest tests/unit"), line: 18, via: ["test"], directory: "src")])
        #expect(result.problems == [CommandProblem(line: 6, message: "tasks included from 'extra_tasks.toml': not followed")])
        let script = try #require(PoeFollower.follow(["serve"], path: "svc/pyproject.toml", text: Self.pyproject))
        #expect(script.steps == [FollowedStep(.file("svc/model/service.py"), line: 11, via: ["serve"])])
        let bad = try #require(PoeFollower.follow(["bad"], path: "pyproject.toml", text: Self.pyproject))
        #expect(bad.steps.isEmpty && bad.problems.last?.message == "poe task 'bad' calls './run.py', not a module by dotted name: not followed")
    }

    @Test func followsSequencesInlineTasksAndReferences() throws {
        let ci = try #require(PoeFollower.follow(["ci"], path: "pyproject.toml", text: Self.pyproject))
        #expect(ci.steps.map(\.shown) == ["ruff check .", "mypy src | tee mypy.log", "coverage xml", "pytest tests/unit"])
        #expect(ci.steps.map(\.via) == [["ci", "check", "lint"], ["ci", "check", "types"], ["ci"], ["ci", "test"]])
        #expect(ci.steps.map(\.line) == [9, 10, 23, 18])
        let fmt = try #require(PoeFollower.follow(["fmt"], path: "pyproject.toml", text: Self.pyproject))
        #expect(fmt.steps.map(\.shown) == ["ruff format .", "black ."])
        let again = try #require(PoeFollower.follow(["again"], path: "pyproject.toml", text: Self.pyproject))
        #expect(again.steps.map(\.via) == [["again", "test", "lint"], ["again", "test"]])
    }

    @Test func commentsHelpAndDescriptionsAreNotTasksAndMissingOnesAreProblems() throws {
        let result = try #require(PoeFollower.follow(["e2e"], path: "pyproject.toml", text: Self.pyproject))
        #expect(result.steps.isEmpty && result.problems.last == CommandProblem(line: 1, message: "no poe task 'e2e'"))
        let loop = try #require(PoeFollower.follow(["loop"], path: "pyproject.toml", text: Self.pyproject))
        #expect(loop.problems.last?.message == "circular dependency loop → loop2 → loop: not followed")
    }

    @Test func aFileWithoutPoeTasksIsPassedOverAndStandaloneFilesAreRead() throws {
        #expect(PoeFollower.follow(["test"], path: "pyproject.toml", text: "[tool.ruff]\nline-length = 100\n") == nil)
        #expect(PoeFollower.follow(["test"], path: "pyproject.toml", text: "[tool.poe.tasks\n") == nil)
        let standalone = try #require(PoeFollower.follow(["test"], path: "poe_tasks.toml", text: "[tasks]\ntest = \"pytest\"\n"))
        #expect(standalone.steps == [FollowedStep(.shell("pytest"), line: 2, via: ["test"])])
        let yaml = try #require(PoeFollower.follow(["test"], path: "poe_tasks.yaml", text: "tasks:\n  test:\n    cmd: pytest -q\n"))
        #expect(yaml.steps == [FollowedStep(.shell("pytest -q"), line: 3, via: ["test"])])
    }
}

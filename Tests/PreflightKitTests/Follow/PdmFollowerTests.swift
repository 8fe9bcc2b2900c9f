import Testing
@testable import PreflightKit

/// pdm: `pdm run SCRIPT` (or `pdm SCRIPT`) asks for a script of `[tool.pdm.scripts]`.
@Suite struct PdmFollowerTests {
    static let pyproject = """
        [project]
        name = "model"
        description = "pdm run e2e runs pytest tests/e2e"

        [tool.pdm.scripts]
        _.env = { CI = "1" }
        pre_test = "python -m pip check"
        test = "pytest {args:tests/unit}"
        post_test = { shell = "coverage report | tail -1" }
        lint = { cmd = ["ruff", "check", "{args}", "src"] }
        all = { composite = ["lint", "test -x", "mypy src"] }
        train = { call = "model.cli:main('--epochs', '1')", working_dir = "jobs" }
        weird = { call = "not a module" }
        # e2e = "pytest tests/e2e"
        """

    @Test func requestsTheScriptAfterThePdmRunPrefix() {
        #expect(followRequest(PdmFollower.self, "pdm run test") == FollowRequest(candidates: ["pyproject.toml"], names: ["test"], optional: true))
        #expect(followRequest(PdmFollower.self, "pdm run -p svc lint -v") == FollowRequest(candidates: ["svc/pyproject.toml"], names: ["lint"], optional: true))
        #expect(followRequest(PdmFollower.self, "pdm all")?.names == ["all"])
        #expect(followRequest(PdmFollower.self, "pdm install -G test") == nil)
        #expect(followRequest(PdmFollower.self, "echo pdm run test") == nil)
    }

    @Test func followsAScriptWithItsHooks() throws {
        let result = try #require(PdmFollower.follow(["test"], path: "pyproject.toml", text: Self.pyproject))
        #expect(result.steps == [FollowedStep(.shell("python -m pip check"), line: 7, via: ["test", "pre_test"]),
                                 FollowedStep(.shell("pytest tests/unit"), line: 8, via: ["test"]),
                                 FollowedStep(.shell("coverage report | tail -1"), line: 9, via: ["test", "post_test"])])
    }

    @Test func followsCommandsCompositesAndCalls() throws {
        let all = try #require(PdmFollower.follow(["all"], path: "pyproject.toml", text: Self.pyproject))
        #expect(all.steps.map(\.shown) == ["[ruff check src]", "python -m pip check", "pytest tests/unit", "coverage report | tail -1", "mypy src"])
        #expect(all.steps.map(\.via) == [["all", "lint"], ["all", "test", "pre_test"], ["all", "test"], ["all", "test", "post_test"], ["all"]])
        let train = try #require(PdmFollower.follow(["train"], path: "ml/pyproject.toml", text: Self.pyproject))
        #expect(train.steps == [FollowedStep(.file("ml/model/cli.py"), line: 12, via: ["train"], directory: "ml/jobs")])
        let weird = try #require(PdmFollower.follow(["weird"], path: "pyproject.toml", text: Self.pyproject))
        #expect(weird.steps.isEmpty && weird.problems.map(\.line) == [13])
    }

    @Test func aCommentADescriptionOrAPlainCommandIsNotAScript() {
        #expect(PdmFollower.follow(["e2e"], path: "pyproject.toml", text: Self.pyproject) == FollowResult())
        #expect(PdmFollower.follow(["pytest"], path: "pyproject.toml", text: Self.pyproject) == FollowResult())
        #expect(PdmFollower.follow(["test"], path: "pyproject.toml", text: "[tool.pdm]\ndistribution = true\n") == nil)
    }
}

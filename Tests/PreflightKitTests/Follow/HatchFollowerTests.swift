import Testing
@testable import PreflightKit

/// hatch: `hatch run [env:]script` asks for a script; hatch.toml or pyproject.toml say what it runs.
@Suite struct HatchFollowerTests {
    static let pyproject = """
        [project]
        name = "model"
        description = "hatch run e2e is slow"

        [tool.hatch.envs.default.scripts]
        test = "pytest {args:tests/unit}"
        cov = ["test --cov", "coverage xml"]
        # e2e = "pytest tests/e2e"

        [tool.hatch.envs.lint]
        detached = true
        [tool.hatch.envs.lint.scripts]
        style = "ruff check {root}/src"
        typing = "mypy src"
        all = ["style", "typing"]

        [tool.hatch.envs.test.scripts]
        cov = "pytest --cov tests"

        [[tool.hatch.envs.test.matrix]]
        python = ["3.11", "3.12"]

        [tool.hatch.envs.docs]
        template = "docs"
        [tool.hatch.envs.docs.scripts]
        build = "mkdocs build"
        """

    @Test func requestsTheScriptFromTheHatchRunPrefix() {
        #expect(followRequest(HatchFollower.self, "hatch run test") == FollowRequest(candidates: ["hatch.toml", "pyproject.toml"], names: ["default:test"], optional: true))
        #expect(followRequest(HatchFollower.self, "hatch run lint:all")?.names == ["lint:all"])
        #expect(followRequest(HatchFollower.self, "hatch run +py=3.11 test:cov")?.names == ["test:cov"])
        #expect(followRequest(HatchFollower.self, "hatch -e docs run build")?.names == ["docs:build"])
        #expect(followRequest(HatchFollower.self, "hatch env create") == nil)
        #expect(followRequest(HatchFollower.self, "test") == nil)
        #expect(followRequest(HatchFollower.self, "echo hatch run test") == nil)
    }

    @Test func followsScriptsAndTheScriptsTheyName() throws {
        let result = try #require(HatchFollower.follow(["default:cov"], path: "pyproject.toml", text: Self.pyproject))
        #expect(result.steps == [FollowedStep(.shell("pytest tests/unit"), line: 6, via: ["cov", "test"]),
                                 FollowedStep(.shell("coverage xml"), line: 7, via: ["cov"])])
        let lint = try #require(HatchFollower.follow(["lint:all"], path: "pyproject.toml", text: Self.pyproject))
        #expect(lint.steps == [FollowedStep(.shell("ruff check ./src"), line: 13, via: ["lint:all", "lint:style"]),
                               FollowedStep(.shell("mypy src"), line: 14, via: ["lint:all", "lint:typing"])])
    }

    @Test func environmentsInheritTheDefaultScriptsAndMatrixNamesTheirBase() throws {
        let own = try #require(HatchFollower.follow(["test:cov"], path: "pyproject.toml", text: Self.pyproject))
        #expect(own.steps == [FollowedStep(.shell("pytest --cov tests"), line: 18, via: ["test:cov"])])
        let inherited = try #require(HatchFollower.follow(["test.py3.11:test"], path: "pyproject.toml", text: Self.pyproject))
        #expect(inherited.steps == [FollowedStep(.shell("pytest tests/unit"), line: 6, via: ["test:test"])])
        // An environment that is its own template inherits nothing.
        #expect(HatchFollower.follow(["docs:test"], path: "pyproject.toml", text: Self.pyproject) == FollowResult())
    }

    @Test func aWordThatIsNoScriptRunsNothingMoreAndAFileWithoutHatchIsPassedOver() throws {
        #expect(HatchFollower.follow(["default:pytest"], path: "pyproject.toml", text: Self.pyproject) == FollowResult())
        #expect(HatchFollower.follow(["default:e2e"], path: "pyproject.toml", text: Self.pyproject) == FollowResult())
        #expect(HatchFollower.follow(["default:test"], path: "pyproject.toml", text: "[tool.ruff]\n") == nil)
        let hatchToml = try #require(HatchFollower.follow(["default:test"], path: "hatch.toml", text: "[envs.default.scripts]\ntest = \"pytest\"\n"))
        #expect(hatchToml.steps == [FollowedStep(.shell("pytest"), line: 2, via: ["test"])])
        let cycle = "[envs.default.scripts]\na = \"b\"\nb = [\"a --x\"]\n"
        #expect(HatchFollower.follow(["default:a"], path: "hatch.toml", text: cycle)?.problems == [CommandProblem(line: 3, message: "circular dependency a → b → a: not followed")])
    }
}

import Testing
@testable import PreflightKit

/// mise: `mise run TASK` asks for tasks of mise.toml, or a file task.
@Suite struct MiseFollowerTests {
    static let config = """
        [tools]
        python = "3.12"

        [tasks]
        install = "uv sync"

        [tasks.lint]
        description = "pytest tests/e2e runs elsewhere"
        run = "ruff check ."
        alias = "l"

        [tasks.test]
        depends = ["install", "lint --fix"]
        run = ["pytest tests/unit", { task = "report" }]
        dir = "{{config_root}}/src"
        depends_post = ["clean"]

        [tasks.report]
        run = "coverage xml"

        [tasks.clean]
        file = "scripts/clean.sh"

        [tasks.loop]
        depends = ["loop"]

        # [tasks.e2e]
        # run = "pytest tests/e2e"
        """

    @Test func requestsTasksAfterRun() throws {
        let request = try #require(followRequest(MiseFollower.self, "mise run test:unit -- -x"))
        #expect(request.names == ["test:unit"])
        #expect(request.candidates == MiseFollower.configs + MiseFollower.taskDirectories.map { $0 + "/test/unit" })
        #expect(followRequest(MiseFollower.self, "mise r lint --fix ::: test")?.names == ["lint", "test"])
        #expect(followRequest(MiseFollower.self, "mise tasks run -j 2 test")?.names == ["test"])
        #expect(followRequest(MiseFollower.self, "mise -C pkg run test")?.candidates.first == "pkg/mise.toml")
        #expect(followRequest(MiseFollower.self, "mise install") == nil)
        #expect(followRequest(MiseFollower.self, "mise test") == nil)
        #expect(followRequest(MiseFollower.self, "echo mise run test") == nil)
    }

    @Test func followsRunDependsAndFileTasksOfTheConfig() throws {
        let result = try #require(MiseFollower.follow(["test"], path: ".config/mise.toml", text: Self.config))
        #expect(result.steps == [
            FollowedStep(.shell("uv sync"), line: 5, via: ["test", "install"]),
            FollowedStep(.shell("ruff check ."), line: 9, via: ["test", "lint"]),
            FollowedStep(.shell("pytest tests/unit"), line: 14, via: ["test"], directory: "src"),
            FollowedStep(.shell("coverage xml"), line: 19, via: ["test", "report"]),
            FollowedStep(.file("scripts/clean.sh"), line: 22, via: ["test", "clean"]),
        ])
        #expect(result.problems.isEmpty)
        #expect(MiseFollower.follow(["l"], path: "mise.toml", text: Self.config)?.steps.map(\.shown) == ["ruff check ."])
        #expect(MiseFollower.follow(["loop"], path: "mise.toml", text: Self.config)?.problems.map(\.message) == ["circular dependency loop → loop: not followed"])
    }

    @Test func aTaskTheConfigLacksIsLookedForAsAFileTask() throws {
        #expect(MiseFollower.follow(["e2e"], path: "mise.toml", text: Self.config) == nil)
        #expect(MiseFollower.follow(["test"], path: "mise.toml", text: "[tools]\nnode = \"20\"\n") == nil)
        let script = "#!/usr/bin/env bash\n#MISE description=\"unit tests\"\npytest tests/unit\n"
        let file = try #require(MiseFollower.follow(["test:unit"], path: "mise-tasks/test/unit", text: script))
        #expect(file.steps == [FollowedStep(.shell(script), line: 1, via: ["test:unit"])])
        let python = try #require(MiseFollower.follow(["train"], path: ".mise/tasks/train", text: "#!/usr/bin/env python\nprint(1)\n"))
        #expect(python.steps == [FollowedStep(.file(".mise/tasks/train"), line: 1, via: ["train"])])
    }
}

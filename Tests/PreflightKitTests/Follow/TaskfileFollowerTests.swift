import Testing
@testable import PreflightKit

/// go-task: `task NAME…` asks for tasks of Taskfile.yml.
@Suite struct TaskfileFollowerTests {
    static let taskfile = """
        version: '3'

        includes:
          docs: ./docs/Taskfile.yml

        tasks:
          default:
            cmds:
              - task: test

          install: pip install -e ".[training]"

          lint:
            desc: pytest tests/e2e is not run here
            aliases: [l]
            cmds:
              - ruff check .
              # - pytest tests/e2e

          test:
            deps: [install, {task: lint}]
            dir: src
            cmds:
              - pytest {{.CLI_ARGS}} tests/unit
              - cmd: coverage xml
              - defer: rm -rf .cache
              - task: docs:build

          e2e:
            - pytest tests/e2e

          loop:
            deps: [loop]
        """

    @Test func requestsTheTasksAsked() {
        #expect(followRequest(TaskfileFollower.self, "task") == FollowRequest(candidates: TaskfileFollower.files))
        #expect(followRequest(TaskfileFollower.self, "task test lint CI=1 -- -x")?.names == ["test", "lint"])
        #expect(followRequest(TaskfileFollower.self, "task -d sub -t ci.yml lint") == FollowRequest(candidates: ["sub/ci.yml"], names: ["lint"]))
        #expect(followRequest(TaskfileFollower.self, "task --list") == nil)
        #expect(followRequest(TaskfileFollower.self, "echo task test") == nil)
    }

    @Test func followsTheDefaultTaskThroughCallsAndDependencies() throws {
        let result = try #require(TaskfileFollower.follow([], path: "Taskfile.yml", text: Self.taskfile))
        #expect(result.steps == [
            FollowedStep(.shell(#"pip install -e ".[training]""#), line: 11, via: ["default", "test", "install"]),
            FollowedStep(.shell("ruff check ."), line: 17, via: ["default", "test", "lint"]),
            FollowedStep(.shell("pytest tests/unit"), line: 24, via: ["default", "test"], directory: "src"),
            FollowedStep(.shell("coverage xml"), line: 25, via: ["default", "test"], directory: "src"),
            FollowedStep(.shell("rm -rf .cache"), line: 26, via: ["default", "test"], directory: "src"),
        ])
        #expect(result.problems == [CommandProblem(line: 4, message: "Taskfile './docs/Taskfile.yml' included as 'docs': not followed"),
                                    CommandProblem(line: 27, message: "task 'docs:build' is in an included Taskfile: not followed")])
    }

    @Test func aDescriptionACommentOrAnUncalledTaskIsNotRun() throws {
        let lint = try #require(TaskfileFollower.follow(["l"], path: "Taskfile.yml", text: Self.taskfile))
        #expect(lint.steps == [FollowedStep(.shell("ruff check ."), line: 17, via: ["lint"])])
        let e2e = try #require(TaskfileFollower.follow(["e2e"], path: "Taskfile.yml", text: Self.taskfile))
        #expect(e2e.steps == [FollowedStep(.shell("pytest tests/e2e"), line: 30, via: ["e2e"])])
        let missing = try #require(TaskfileFollower.follow(["deploy", "loop"], path: "Taskfile.yml", text: Self.taskfile))
        #expect(missing.steps.isEmpty)
        #expect(missing.problems.dropFirst().map(\.message) == ["no task 'deploy'", "circular dependency loop → loop: not followed"])
    }
}

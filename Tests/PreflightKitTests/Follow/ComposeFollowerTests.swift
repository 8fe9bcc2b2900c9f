import Testing
@testable import PreflightKit

/// `docker compose up` and `run`: what the services started run, dependencies first.
@Suite struct ComposeFollowerTests {
    static let compose = """
        x-python: &python
          image: ml:dev
          entrypoint: ["python", "-m"]
        services:
          db:
            image: postgres:16
          train:
            <<: *python
            command: ["train", "--epochs", "3"]
            depends_on: [db]
          test:
            build: .
            command: pytest tests/unit && pytest tests/integration
            depends_on:
              db:
                condition: service_healthy
          serve:
            build:
              context: services/api
              dockerfile: docker/Dockerfile.prod
            labels:
              description: "runs pytest tests/e2e on start"
            # command: pytest tests/e2e
          e2e:
            image: ml:dev
            profiles: [e2e]
            command: pytest tests/e2e
        """

    @Test func requestsTheComposeFileAndServices() {
        #expect(request(ComposeFollower.self, "docker compose up -d --build")
                == FollowRequest(candidates: ComposeFollower.files, names: []))
        #expect(request(ComposeFollower.self, "docker compose -f ci/compose.yml -f ci/override.yml --profile e2e up --exit-code-from test test")
                == FollowRequest(candidates: ["ci/compose.yml", "ci/override.yml"], names: ["--profile=e2e", "test"]))
        #expect(request(ComposeFollower.self, "docker-compose --project-directory deploy run --rm -e A=1 --no-deps train python -m pytest -q")
                == FollowRequest(candidates: ComposeFollower.files.map { "deploy/" + $0 }, names: ["--no-deps", "train", "--", "python", "-m", "pytest", "-q"]))
        #expect(request(ComposeFollower.self, "docker compose run --entrypoint 'bash -c' test")?.names == ["--entrypoint=bash -c", "test"])
        for line in ["docker compose down", "docker compose logs -f test", "docker run test pytest", "docker compose run",
                     "echo docker compose up", "docker compose build test", "docker compose exec test pytest"] {
            #expect(request(ComposeFollower.self, line) == nil, "\(line)")
        }
    }

    @Test func upStartsEveryServiceOutsideProfilesDependenciesFirst() throws {
        let result = try #require(ComposeFollower.follow([], path: "compose.yaml", text: Self.compose))
        #expect(result == FollowResult(steps: [
            FollowedStep(.words(["python", "-m", "train", "--epochs", "3"]), line: 9, via: ["train"]),
            FollowedStep(.shell("pytest tests/unit && pytest tests/integration"), line: 13, via: ["test"]),
            FollowedStep(.file("services/api/docker/Dockerfile.prod"), line: 18, via: ["serve"]),
        ]))
        let profiled = try #require(ComposeFollower.follow(["--profile=e2e"], path: "compose.yaml", text: Self.compose))
        #expect(profiled.steps.last == FollowedStep(.shell("pytest tests/e2e"), line: 27, via: ["e2e"]))
        let named = try #require(ComposeFollower.follow(["e2e"], path: "compose.yaml", text: Self.compose))
        #expect(named.steps.map(\.via) == [["e2e"]])
    }

    @Test func runReplacesTheCommandAndKeepsTheEntrypoint() throws {
        let run = try #require(ComposeFollower.follow(["train", "--", "evaluate"], path: "compose.yaml", text: Self.compose))
        #expect(run.steps == [FollowedStep(.words(["python", "-m", "evaluate"]), line: 3, via: ["train"])])
        let shell = try #require(ComposeFollower.follow(["--entrypoint=sh -c", "--no-deps", "test", "--", "make test"],
                                                        path: "ci/compose.yaml", text: Self.compose))
        #expect(shell.steps == [FollowedStep(.shell("sh -c 'make test'"), line: 12, via: ["test"])])
        #expect(ComposeFollower.follow(["web"], path: "compose.yaml", text: Self.compose)?.problems
                == [CommandProblem(line: 1, message: "no service web")])
    }

    @Test func aBuildWithoutCommandNamesItsDockerfile() throws {
        let text = "services:\n  app:\n    build: ../app\n  remote:\n    build: https://github.com/x/y.git\n  inline:\n    build: {dockerfile_inline: \"FROM x\"}\n"
        let result = try #require(ComposeFollower.follow([], path: "deploy/compose.yaml", text: text))
        #expect(result.steps == [FollowedStep(.file("app/Dockerfile"), line: 3, via: ["app"])])
    }

    @Test func notComposeFilesWrongTypesAndCycles() throws {
        #expect(ComposeFollower.follow([], path: "compose.yaml", text: "# services:\nversion: '3'\n") == nil)
        #expect(ComposeFollower.follow([], path: "compose.yaml", text: "services: [a, b]\n") == nil)
        let text = "services:\n  a:\n    command: {x: 1}\n    depends_on: [b]\n  b:\n    depends_on: [a]\n    command: [run, [x]]\n  c: 3\n"
        let result = try #require(ComposeFollower.follow([], path: "compose.yaml", text: text))
        #expect(result.steps.isEmpty)
        #expect(result.problems.map(\.line) == [8, 7, 3])
        let broken = try #require(ComposeFollower.follow([], path: "compose.yaml", text: "services:\n  a: [\n"))
        #expect(broken.steps.isEmpty && broken.problems.count == 1)
    }
}

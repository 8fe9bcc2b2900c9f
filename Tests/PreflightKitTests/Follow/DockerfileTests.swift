import Testing
@testable import PreflightKit

/// The Dockerfile reader and `docker build`: the RUN lines a build runs, the command a container runs.
@Suite struct DockerfileTests {
    static let multiStage = """
        # syntax=docker/dockerfile:1
        ARG PYTHON=3.11
        FROM python:${PYTHON}-slim AS base
        WORKDIR /app
        # RUN pytest tests/   (disabled: too slow)
        RUN pip install -r requirements.txt \\
            # pinned versions
            && pip check
        LABEL description="RUN pytest in CI"

        FROM base AS test
        COPY . .
        RUN --mount=type=cache,target=/root/.cache python -m pytest tests/unit
        CMD ["pytest", "tests"]

        FROM base AS lint
        RUN ruff check .

        FROM base AS runtime
        COPY --from=test /app/model.pkl .
        RUN <<EOF
        python -c "import model"
        python smoke.py
        EOF
        ENTRYPOINT ["python", "serve.py"]
        CMD ["--port", "8080"]
        """

    @Test func readsInstructionsWithContinuationsCommentsAndHeredocs() {
        let dockerfile = Dockerfile(Self.multiStage)
        #expect(dockerfile.stages.map(\.name) == ["base", "test", "lint", "runtime"])
        #expect(dockerfile.stages.map(\.line) == [3, 11, 16, 19])
        let run = dockerfile.instructions.filter { $0.keyword == "RUN" }
        #expect(run.map(\.line) == [6, 13, 17, 21])
        #expect(run[0].arguments == "pip install -r requirements.txt     && pip check")
        #expect(run[3].heredocs == ["python -c \"import model\"\npython smoke.py\n"])
        #expect(dockerfile.instructions.last?.keyword == "CMD" && dockerfile.problems.isEmpty)
    }

    @Test func aBuildRunsTheStagesTheTargetNeeds() {
        let dockerfile = Dockerfile(Self.multiStage)
        #expect(dockerfile.runs() == [
            FollowedStep(.shell("pip install -r requirements.txt     && pip check"), line: 6, via: ["base"]),
            FollowedStep(.shell("python -m pytest tests/unit"), line: 13, via: ["test"]),
            FollowedStep(.shell("python -c \"import model\"\npython smoke.py\n"), line: 21, via: ["runtime"]),
        ])
        #expect(dockerfile.runs(target: "lint").map(\.line) == [6, 17])
        #expect(dockerfile.runs(target: "missing").isEmpty)
    }

    @Test func theDefaultCommandCombinesEntrypointAndCmdAcrossStages() {
        let dockerfile = Dockerfile(Self.multiStage)
        #expect(dockerfile.defaultCommand() == FollowedStep(.words(["python", "serve.py", "--port", "8080"]), line: 26, via: ["runtime"]))
        #expect(dockerfile.defaultCommand(target: "test") == FollowedStep(.words(["pytest", "tests"]), line: 14, via: ["test"]))
        #expect(dockerfile.defaultCommand(target: "lint") == nil)
        let inherited = Dockerfile("FROM x AS a\nCMD python a.py\nFROM a\nENTRYPOINT python b.py\nFROM a AS c\nENTRYPOINT [\"run\"]\n")
        #expect(inherited.defaultCommand(target: "a") == FollowedStep(.shell("python a.py"), line: 2, via: ["a"]))
        #expect(inherited.defaultCommand(target: "1") == FollowedStep(.shell("python b.py"), line: 4))
        // An ENTRYPOINT drops the CMD it inherits.
        #expect(inherited.defaultCommand() == FollowedStep(.words(["run"]), line: 6, via: ["c"]))
        let mixed = Dockerfile("FROM x\nENTRYPOINT [\"tini\", \"--\"]\nCMD make test\n")
        #expect(mixed.defaultCommand() == FollowedStep(.words(["tini", "--", "/bin/sh", "-c", "make test"]), line: 3))
    }

    @Test func escapeDirectiveShellAndExecForms() {
        let windows = """
            # escape=`
            FROM mcr.microsoft.com/windows/servercore
            SHELL ["powershell", "-Command"]
            RUN Write-Host hello; `
                pytest tests
            RUN ["cmd", "/S", "/C", "echo hi"]
            RUN [not json
            """
        #expect(Dockerfile(windows).runs() == [
            FollowedStep(.words(["powershell", "-Command", "Write-Host hello;     pytest tests"]), line: 4),
            FollowedStep(.words(["cmd", "/S", "/C", "echo hi"]), line: 6),
            FollowedStep(.words(["powershell", "-Command", "[not json"]), line: 7),
        ])
        let bash = Dockerfile("FROM x\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl x | sh\n")
        #expect(bash.runs() == [FollowedStep(.shell("curl x | sh"), line: 3)])
        let posix = Dockerfile("FROM x\nSHELL [\"/bin/bash\", \"-c\"]\nRUN make \\\n  test\n")
        #expect(posix.runs() == [FollowedStep(.shell("make   test"), line: 3)])
    }

    @Test func heredocsWithCommandsTabsAndUnclosed() {
        let text = "FROM x\nRUN python3 <<-PY\n\timport sys\n\tPY\nRUN <<A\nunclosed\n"
        let dockerfile = Dockerfile(text)
        #expect(dockerfile.runs() == [
            FollowedStep(.shell("python3 <<-PY\nimport sys\nPY"), line: 2),
            FollowedStep(.shell("unclosed\n"), line: 5),
        ])
        #expect(dockerfile.problems == [CommandProblem(line: 5, message: "heredoc A is not closed")])
        // Not heredocs: a shift, a here-string, a marker glued to its command.
        let shifts = Dockerfile("FROM x\nRUN echo $((1<<2)) && cat <<< x && cat<<EOF\nRUN make test\n")
        #expect(shifts.runs().map(\.line) == [2, 3] && shifts.problems.isEmpty)
    }

    @Test func dockerBuildRequestsTheDockerfile() {
        #expect(request(DockerBuildFollower.self, "docker build -t model:ci .") == FollowRequest(candidates: ["Dockerfile"]))
        #expect(request(DockerBuildFollower.self, "docker build -f docker/Dockerfile.ci --target test --build-arg A=1 docker")
                == FollowRequest(candidates: ["docker/Dockerfile.ci"], names: ["test"]))
        #expect(request(DockerBuildFollower.self, "docker buildx build --platform linux/amd64 --push services/api")?.candidates
                == ["services/api/Dockerfile"])
        #expect(request(DockerBuildFollower.self, "docker image build --file=./Dockerfile.gpu .")?.candidates == ["Dockerfile.gpu"])
        #expect(request(DockerBuildFollower.self, "podman build ctx/")?.candidates == ["ctx/Containerfile", "ctx/Dockerfile"])
        for line in ["docker run model:ci pytest", "docker build -", "docker build https://github.com/x/y.git",
                     "docker build -f - .", "docker buildx ls", "echo docker build .", "docker build"] {
            #expect(request(DockerBuildFollower.self, line) == nil, "\(line)")
        }
    }

    @Test func dockerBuildFollowsTheRunLines() throws {
        let result = try #require(DockerBuildFollower.follow(["lint"], path: "Dockerfile", text: Self.multiStage))
        #expect(result.steps == [
            FollowedStep(.shell("pip install -r requirements.txt     && pip check"), line: 6, via: ["base"]),
            FollowedStep(.shell("ruff check ."), line: 17, via: ["lint"]),
        ])
        #expect(DockerBuildFollower.follow(["nope"], path: "Dockerfile", text: Self.multiStage)
                == FollowResult(problems: [CommandProblem(line: 1, message: "no build stage nope")]))
    }

    @Test func theContainerCommandOfADockerfileAComposeServiceBuilds() {
        #expect(DockerBuildFollower.containerCommand(path: "Dockerfile", text: Self.multiStage)
                == FollowResult(steps: [FollowedStep(.words(["python", "serve.py", "--port", "8080"]), line: 26, via: ["runtime"])]))
        #expect(DockerBuildFollower.containerCommand(path: "Dockerfile", text: "FROM python\n# CMD [\"pytest\"]\nRUN echo CMD pytest\n")
                == FollowResult(problems: [CommandProblem(line: 1, message: "no CMD or ENTRYPOINT: the base image's command runs")]))
    }
}

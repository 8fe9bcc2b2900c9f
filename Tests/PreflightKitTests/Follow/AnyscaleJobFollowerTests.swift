import Testing
@testable import PreflightKit

/// `anyscale job submit`: the job's entrypoint, in its working directory.
@Suite struct AnyscaleJobFollowerTests {
    static let job = """
        name: train-and-evaluate
        # entrypoint: pytest tests/  (the old one)
        description: "Runs pytest on the cluster before training"
        image_uri: anyscale/ray:2.9.0-py310
        compute_config: gpu-small
        working_dir: ../src
        entrypoint: python -m pytest tests/unit && python train.py --epochs 3
        max_retries: 2
        """

    @Test func requestsTheConfigFile() {
        #expect(request(AnyscaleJobFollower.self, "anyscale job submit -f jobs/train.yaml --wait")
                == FollowRequest(candidates: ["jobs/train.yaml"]))
        #expect(request(AnyscaleJobFollower.self, "anyscale job submit --config-file=./job.yml --name x")?.candidates == ["job.yml"])
        #expect(request(AnyscaleJobFollower.self, "anyscale jobs submit --name nightly job.yaml")?.candidates == ["job.yaml"])
        #expect(request(AnyscaleJobFollower.self, "anyscale job submit -f job.yaml -- python main.py")
                == FollowRequest(candidates: ["job.yaml"], names: ["--", "python", "main.py"]))
    }

    @Test func otherAnyscaleCommandsAreNotFollowed() {
        for line in ["anyscale job submit -- python main.py", "anyscale job logs -f job.yaml", "anyscale service deploy -f service.yaml",
                     "anyscale job submit --name job.yaml", "echo anyscale job submit -f job.yaml", "anyscale job submit README.md"] {
            #expect(request(AnyscaleJobFollower.self, line) == nil, "\(line)")
        }
    }

    @Test func readsTheEntrypointInTheWorkingDirectory() throws {
        let result = try #require(AnyscaleJobFollower.follow([], path: "jobs/train.yaml", text: Self.job))
        #expect(result == FollowResult(steps: [
            FollowedStep(.shell("python -m pytest tests/unit && python train.py --epochs 3"), line: 7, via: ["train-and-evaluate"], directory: "src"),
        ]))
    }

    @Test func anEntrypointOnTheCommandLineReplacesTheFilesOne() throws {
        let result = try #require(AnyscaleJobFollower.follow(["--", "python", "main.py"], path: "jobs/train.yaml", text: Self.job))
        #expect(result.steps == [FollowedStep(.words(["python", "main.py"]), line: 1, via: ["train-and-evaluate"], directory: "src")])
    }

    @Test func theOlderRuntimeEnvAndRemoteWorkingDirectories() throws {
        let old = "name: j\nruntime_env:\n  working_dir: .\nentrypoint: |\n  make test\n"
        #expect(AnyscaleJobFollower.follow([], path: "ci/job.yaml", text: old)?.steps
                == [FollowedStep(.shell("make test\n"), line: 4, via: ["j"], directory: "ci")])
        let remote = "runtime_env: {working_dir: \"s3://bucket/code.zip\"}\nentrypoint: python x.py\n"
        #expect(AnyscaleJobFollower.follow([], path: "job.yaml", text: remote)?.steps == [FollowedStep(.shell("python x.py"), line: 2)])
        let above = "working_dir: ../..\nentrypoint: python x.py\n"
        #expect(AnyscaleJobFollower.follow([], path: "job.yaml", text: above)?.steps.first?.directory == nil)
    }

    @Test func aFileWithoutAnEntrypointGivesNilAndWrongTypesAProblem() {
        #expect(AnyscaleJobFollower.follow([], path: "job.yaml", text: "name: x\n# entrypoint: pytest\ndescription: \"entrypoint: pytest\"\n") == nil)
        #expect(AnyscaleJobFollower.follow([], path: "job.yaml", text: "- entrypoint: pytest\n") == nil)
        #expect(AnyscaleJobFollower.follow([], path: "job.yaml", text: "entrypoint: [pytest]\nworking_dir: {a: 1}\n")
                == FollowResult(problems: [CommandProblem(line: 1, message: "entrypoint is not a string")]))
        #expect(AnyscaleJobFollower.follow([], path: "job.yaml", text: "entrypoint: 'x\n")?.problems.count == 1)
    }
}

import Testing
@testable import PreflightKit

/// `dvc repro` and `mlflow run`: the ML pipeline tools whose files declare the commands they run.
@Suite struct PipelineToolFollowerTests {
    func command(_ text: String) throws -> ShellCommand { try #require(ShellCommandLine(text).commands.first) }

    let dvc = """
        stages:
          prepare:
            cmd: python prepare.py
            outs: [data/clean.csv]
          train:
            wdir: src
            cmd:
              - python train.py
              - python report.py
            deps: [data/clean.csv]
            outs: [models/model.pkl]
          # evaluate: python evaluate.py
          docs:
            cmd: mkdocs build
        """

    @Test func dvcReproRunsATargetAfterTheStagesThatProduceItsInputs() throws {
        let request = try #require(DVCFollower.request(for: try command("dvc repro train")))
        #expect(request.candidates == ["dvc.yaml"] && request.names == ["train"])
        let result = try #require(DVCFollower.follow(request.names, path: "ml/dvc.yaml", text: dvc))
        #expect(result.steps == [
            FollowedStep(.shell("python prepare.py"), line: 3, via: ["prepare"], directory: nil),
            FollowedStep(.shell("python train.py"), line: 8, via: ["train"], directory: "ml/src"),
            FollowedStep(.shell("python report.py"), line: 9, via: ["train"], directory: "ml/src"),
        ])
    }

    @Test func dvcReproWithoutATargetRunsEveryStageAndSingleItemRunsOnlyOne() throws {
        let all = try #require(DVCFollower.follow([], path: "dvc.yaml", text: dvc))
        #expect(all.steps.map(\.via) == [["prepare"], ["train"], ["train"], ["docs"]])
        let request = try #require(DVCFollower.request(for: try command("dvc exp run -s sub/dvc.yaml:train --set-param lr=0.1")))
        #expect(request.candidates == ["sub/dvc.yaml"])
        let single = try #require(DVCFollower.follow(request.names, path: "sub/dvc.yaml", text: dvc))
        #expect(single.steps.map(\.via) == [["train"], ["train"]])
    }

    @Test func otherDvcCommandsAndMissingStagesFollowNothing() throws {
        #expect(DVCFollower.request(for: try command("dvc pull --run-cache")) == nil)
        #expect(DVCFollower.request(for: try command("dvc metrics diff main")) == nil)
        let missing = try #require(DVCFollower.follow(["evaluate"], path: "dvc.yaml", text: dvc))
        #expect(missing.steps.isEmpty && missing.problems.map(\.message) == ["no stage 'evaluate'"])
        let cycle = "stages:\n  a:\n    cmd: x\n    deps: [b.out]\n    outs: [a.out]\n  b:\n    cmd: y\n    deps: [a.out]\n    outs: [b.out]\n"
        let followed = try #require(DVCFollower.follow(["a"], path: "dvc.yaml", text: cycle))
        #expect(followed.steps.map(\.via) == [["b"], ["a"]] && followed.problems.count == 1)
    }

    let mlproject = """
        name: churn
        entry_points:
          main:
            parameters: { alpha: float }
            command: "python train.py --alpha {alpha}"
          validate:
            command: "python validate.py"
        """

    @Test func mlflowRunRunsTheEntryPointsCommand() throws {
        let main = try #require(MLflowProjectFollower.request(for: try command("mlflow run . -P alpha=0.5 --env-manager local")))
        #expect(main.candidates == ["MLproject"] && main.names == ["main"])
        let result = try #require(MLflowProjectFollower.follow(main.names, path: "MLproject", text: mlproject))
        #expect(result.steps == [FollowedStep(.shell("python train.py --alpha {alpha}"), line: 5, via: ["main"])])
        let other = try #require(MLflowProjectFollower.request(for: try command("mlflow run projects/churn -e validate")))
        #expect(other.candidates == ["projects/churn/MLproject"] && other.names == ["validate"])
        let script = try #require(MLflowProjectFollower.follow(["tune.py"], path: "MLproject", text: mlproject))
        #expect(script.steps == [FollowedStep(.words(["python", "tune.py"]), line: 1, via: ["tune.py"])])
    }

    @Test func aRemoteProjectIsNotFollowed() throws {
        #expect(MLflowProjectFollower.request(for: try command("mlflow run https://github.com/mlflow/mlflow-example")) == nil)
        #expect(MLflowProjectFollower.request(for: try command("mlflow runs list")) == nil)
        let missing = try #require(MLflowProjectFollower.follow(["serve"], path: "MLproject", text: mlproject))
        #expect(missing.steps.isEmpty && missing.problems.count == 1)
    }
}

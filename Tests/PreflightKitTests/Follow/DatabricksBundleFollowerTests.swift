import Testing
@testable import PreflightKit

/// `databricks bundle run`: what a bundle's job tasks run.
@Suite struct DatabricksBundleFollowerTests {
    static let bundle = """
        bundle:
          name: churn-model
        include:
          - resources/*.yml
        resources:
          jobs:
            train:
              name: "Train (runs pytest first)"
              schedule:
                quartz_cron_expression: "0 0 3 * * ?"
                timezone_id: UTC
              tasks:
                - task_key: unit_tests
                  spark_python_task:
                    python_file: ./tests/run_pytest.py
                - task_key: features
                  notebook_task:
                    notebook_path: ../notebooks/features
                  # spark_python_task: {python_file: disabled.py}
                - task_key: fit
                  python_wheel_task:
                    package_name: churn
                    entry_point: train
                    parameters: ["--epochs", "3"]
                - task_key: jar
                  spark_jar_task:
                    main_class_name: com.example.Main
                - task_key: evaluate
                  run_job_task:
                    job_id: ${resources.jobs.evaluate.id}
            evaluate:
              trigger:
                periodic: {interval: 1, unit: DAYS}
              tasks:
                - task_key: report
                  sql_task:
                    file:
                      path: sql/report.sql
                - task_key: each
                  for_each_task:
                    inputs: "[1, 2]"
                    task:
                      task_key: each_iteration
                      dbt_task:
                        commands: ["dbt deps", "dbt test"]
        """

    @Test func requestsTheBundleAndTheJob() {
        #expect(request(DatabricksBundleFollower.self, "databricks bundle run -t prod train --no-wait")
                == FollowRequest(candidates: DatabricksBundleFollower.files, names: ["train"]))
        #expect(request(DatabricksBundleFollower.self, "databricks bundle run --target=dev")?.names == [])
        #expect(request(DatabricksBundleFollower.self, "databricks jobs submit --json @./ci/run.json")?.candidates == ["ci/run.json"])
        for line in ["databricks bundle deploy -t prod", "databricks bundle validate", "databricks jobs submit --json '{}'",
                     "echo databricks bundle run train", "databricks jobs list"] {
            #expect(request(DatabricksBundleFollower.self, line) == nil, "\(line)")
        }
    }

    @Test func followsAJobsTasksIntoTheJobsItRuns() throws {
        let result = try #require(DatabricksBundleFollower.follow(["train"], path: "ml/databricks.yml", text: Self.bundle))
        #expect(result.steps == [
            FollowedStep(.file("ml/tests/run_pytest.py"), line: 15, via: ["train", "unit_tests"]),
            FollowedStep(.file("notebooks/features"), line: 18, via: ["train", "features"]),
            FollowedStep(.words(["train", "--epochs", "3"]), line: 22, via: ["train", "fit"]),
            FollowedStep(.file("ml/sql/report.sql"), line: 38, via: ["train", "evaluate", "evaluate", "report"]),
            FollowedStep(.shell("dbt deps"), line: 45, via: ["train", "evaluate", "evaluate", "each", "each_iteration"]),
            FollowedStep(.shell("dbt test"), line: 45, via: ["train", "evaluate", "evaluate", "each", "each_iteration"]),
        ])
        #expect(result.problems == [
            CommandProblem(line: 4, message: "include: the included files are not read"),
            CommandProblem(line: 18, message: "task features: notebook ../notebooks/features has no extension; the file is notebooks/features.py or notebooks/features.ipynb"),
        ])
        let bundle = DatabricksBundle(Self.bundle, path: "ml/databricks.yml")
        #expect(bundle.jobs.map(\.key) == ["train", "evaluate"])
        #expect(bundle.jobs.map(\.schedule) == ["0 0 3 * * ?", nil])
        #expect(bundle.jobs.map(\.trigger) == [nil, "periodic"])
    }

    @Test func withoutAKeyEveryJobRuns() throws {
        let result = try #require(DatabricksBundleFollower.follow([], path: "databricks.yml", text: Self.bundle))
        // At the root, ../notebooks/features is above the repository: a problem, not a step.
        #expect(result.steps.map(\.via.first) == ["train", "train", "train", "train", "train", "evaluate", "evaluate", "evaluate"])
        #expect(result.problems.contains(CommandProblem(line: 18, message: "task features: ../notebooks/features is not a path in the repository")))
        #expect(DatabricksBundleFollower.follow(["serve"], path: "databricks.yml", text: Self.bundle)?.problems.last
                == CommandProblem(line: 1, message: "no job serve"))
    }

    @Test func jobsSubmitBodiesGitSourcesAndCycles() throws {
        let submit = """
            {"run_name": "ci", "git_source": {"git_url": "https://github.com/x/y", "git_branch": "main"},
             "tasks": [{"task_key": "t", "notebook_task": {"notebook_path": "notebooks/train.py"}},
                       {"task_key": "w", "notebook_task": {"notebook_path": "/Workspace/Shared/x.py", "source": "WORKSPACE"}}]}
            """
        let result = try #require(DatabricksBundleFollower.follow([], path: "ci/run.json", text: submit))
        #expect(result.steps == [FollowedStep(.file("notebooks/train.py"), line: 2, via: ["ci", "t"])])
        #expect(result.problems == [CommandProblem(line: 3, message: "task w: /Workspace/Shared/x.py is not a path in the repository")])
        let cycle = """
            resources:
              jobs:
                a:
                  tasks: [{task_key: x, run_job_task: {job_id: "${resources.jobs.b.id}"}}]
                b:
                  tasks: [{task_key: y, run_job_task: {job_id: "${resources.jobs.a.id}"}}, {task_key: z, run_job_task: {job_id: 123}}]
            """
        let cyclic = try #require(DatabricksBundleFollower.follow(["a"], path: "databricks.yml", text: cycle))
        #expect(cyclic.steps.isEmpty)
        #expect(cyclic.problems == [
            CommandProblem(line: 4, message: "job a runs itself"),
            CommandProblem(line: 6, message: "task z: job 123 is not in the bundle"),
        ])
    }

    @Test func notBundlesAndWrongTypes() throws {
        #expect(DatabricksBundleFollower.follow([], path: "databricks.yml", text: "bundle: {name: x}\n# resources: {jobs: {a: {}}}\n") == nil)
        let text = "resources:\n  jobs:\n    a:\n      tasks:\n        - 7\n        - {task_key: t, spark_python_task: {python_file: [x]}}\n    b: {tasks: {k: v}}\n"
        let result = try #require(DatabricksBundleFollower.follow([], path: "databricks.yml", text: text))
        #expect(result.steps.isEmpty && result.problems == [CommandProblem(line: 6, message: "task t: python_file is not a string")])
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// Each CI system's file, parsed as the collector does, answers steps, schedules and pull-request triggers.
@Suite struct CIPipelineTests {
    func pipelines(_ path: String, _ text: String) throws -> [CIPipeline] {
        let directory = try TemporaryDirectory()
        try directory.write(path, text)
        let index = RepositoryIndex(root: directory.url, files: [path])
        return EvidenceCollector(index: index, now: Date()).collect(for: [Probe(CIProbe(scheduled: true))]).pipelines
    }

    @Test func githubActions() throws {
        let found = try pipelines(".github/workflows/ml.yml", """
            on:
              pull_request:
              schedule:
                - cron: "0 3 * * *"
            jobs:
              test:
                steps:
                  - uses: actions/checkout@v4
                  - run: |
                      pip install -e .
                      pytest -q tests
            """)
        let pipeline = try #require(found.first)
        #expect(pipeline.system == .githubActions && pipeline.isScheduled && pipeline.runsOnPullRequests)
        let pytest = try #require(pipeline.runs.first { $0.words.first == "pytest" })
        #expect(pytest.chain.last?.line == 11 && pytest.text == "pytest -q tests")
    }

    @Test func gitlab() throws {
        let pipeline = try #require(try pipelines(".gitlab-ci.yml", """
            stages: [test]
            unit:
              script: ["pytest tests"]
              rules:
                - if: $CI_PIPELINE_SOURCE == "merge_request_event"
            nightly:
              script: ["python validate.py"]
              rules:
                - if: $CI_PIPELINE_SOURCE == "schedule"
            """).first)
        #expect(pipeline.system == .gitlab && pipeline.isScheduled && pipeline.runsOnPullRequests)
        #expect(pipeline.runs.map(\.text).contains("pytest tests"))
    }

    @Test func azurePipelinesInDotPipelines() throws {
        let pipeline = try #require(try pipelines(".pipelines/train.yml", """
            pr: [main]
            schedules:
              - cron: "0 0 * * *"
                branches: { include: [main] }
            stages:
              - stage: Test
                jobs:
                  - job: unit
                    steps:
                      - script: python -m pytest
            """).first)
        #expect(pipeline.system == .azurePipelines && pipeline.isScheduled && pipeline.runsOnPullRequests)
        #expect(pipeline.runs.contains { $0.text == "python -m pytest" })
    }

    @Test func jenkinsfile() throws {
        let pipeline = try #require(try pipelines("Jenkinsfile", """
            pipeline {
              triggers { cron('H 2 * * *') }
              stages {
                stage('Test') {
                  steps {
                    // sh 'canary deploy' is commented out
                    sh '''
                      pytest tests
                    '''
                  }
                }
              }
            }
            """).first)
        #expect(pipeline.system == .jenkins && pipeline.isScheduled && !pipeline.runsOnPullRequests)
        #expect(pipeline.runs.contains { $0.text == "pytest tests" && $0.chain.last?.line == 8 })
        #expect(!pipeline.runs.contains { $0.text.contains("canary") })
    }

    @Test(arguments: [
        (".circleci/config.yml", "jobs:\n  test:\n    steps:\n      - checkout\n      - run: pytest\nworkflows:\n  nightly:\n    triggers:\n      - schedule: { cron: \"0 0 * * *\" }\n", CISystem.circleci, true),
        ("cloudbuild.yaml", "steps:\n  - name: python\n    entrypoint: pytest\n", .cloudBuild, false),
        ("build/model-deployment.yaml", "# Cloud Build steps\nsteps:\n- name: 'gcr.io/cloud-builders/git'\n  args: ['clone', '$_REPO']\n- name: python\n  entrypoint: pytest\ntimeout: 1800s\n", .cloudBuild, false),
        ("buildspec.yml", "phases:\n  build:\n    commands:\n      - pytest\n", .codeBuild, false),
        ("bitbucket-pipelines.yml", "pipelines:\n  pull-requests:\n    '**':\n      - step:\n          script: [pytest]\n", .bitbucket, false),
        ("ci/tasks.yaml", "apiVersion: tekton.dev/v1\nkind: Task\nmetadata: { name: t }\nspec:\n  steps:\n    - name: test\n      image: python\n      script: pytest\n", .tekton, false),
        ("k8s/retrain.yaml", "apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: retrain }\nspec:\n  schedule: \"0 4 * * 1\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: train\n              image: ml:1\n              command: [python, -m, pytest]\n", .kubernetesCronJob, true),
        ("wf/train.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: { name: w }\nspec:\n  schedule: \"0 0 * * *\"\n  workflowSpec:\n    templates:\n      - name: t\n        container: { image: python, command: [pytest] }\n", .argoWorkflows, true),
    ])
    func otherSystems(path: String, text: String, system: CISystem, scheduled: Bool) throws {
        let pipeline = try #require(try pipelines(path, text).first)
        #expect(pipeline.system == system)
        #expect(pipeline.isScheduled == scheduled)
        #expect(pipeline.runs.contains { $0.words.first == "pytest" })
    }

    @Test func aSuspendedCronJobRunsNothing() throws {
        let text = "apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: \"@daily\"\n  suspend: true\n  jobTemplate: { spec: { template: { spec: { containers: [{ name: t, command: [pytest] }] } } } }\n"
        let pipeline = try #require(try pipelines("k8s/cron.yaml", text).first)
        #expect(pipeline.isScheduled && pipeline.runs.isEmpty)
        #expect(try pipelines("k8s/job.yaml", text.replacingOccurrences(of: "CronJob", with: "Job")).isEmpty)
    }

    @Test func anArgoRolloutIsNotAPipeline() throws {
        #expect(try pipelines("deploy/rollout.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec: { replicas: 1 }\n").isEmpty)
    }

    /// A YAML file with a `steps:` list is Cloud Build only in Cloud Build's shape.
    @Test(arguments: [
        "steps:\n  - name: build\n    run: make\nname: composite\n",       // a top-level key Cloud Build does not have
        "steps:\n  - uses: actions/checkout@v4\n",                        // a step without a builder name
        "recipe:\n  steps:\n    - name: mix\n",                            // steps not at the top level
    ])
    func otherStepListsAreNotCloudBuild(text: String) throws {
        #expect(try pipelines("config/recipe.yaml", text).isEmpty)
    }
}

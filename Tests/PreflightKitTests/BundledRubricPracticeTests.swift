import Foundation
import PreflightTestSupport
import Testing
@testable import PreflightKit

/// The bundled ML Test Score on small real git repositories, one practice each, as teams write it: the level each
/// earns, from the code that does it (never from a word), and whether a system runs it.
@Suite struct BundledRubricPracticeTests {
    func item(_ id: String, in repo: TemporaryDirectory) throws -> ItemResult {
        let evaluation = try Gate.evaluate(repository: repo.path)
        return try #require(evaluation.scorecard.items.first { $0.id == id })
    }

    /// Every proof in a finding's tree.
    func proofs(_ finding: Finding?) -> [Proof] {
        guard let finding else { return [] }
        return finding.proofs + finding.children.flatMap(proofs)
    }

    static func notebook(_ cells: [String]) -> String {
        let encoded = cells.map { cell in
            let lines = cell.split(separator: "\n", omittingEmptySubsequences: false).map { "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\\n\"" }
            return #"{"cell_type": "code", "metadata": {}, "outputs": [], "source": ["# + lines.joined(separator: ", ") + "]}"
        }
        return #"{"cells": ["# + encoded.joined(separator: ", ") + #"], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#
    }

    static let vertexMonitoring = """
        from google.cloud import aiplatform_v1beta1 as vertex_ai_beta
        skew = vertex_ai_beta.ModelMonitoringObjectiveConfig.TrainingPredictionSkewDetectionConfig(skew_thresholds=thresholds)
        job = vertex_ai_beta.ModelDeploymentMonitoringJob(display_name="monitor-fraud", model_deployment_monitoring_objective_configs=[skew])
        client.create_model_deployment_monitoring_job(parent=PARENT, model_deployment_monitoring_job=job)
        """

    /// Vertex AI's skew monitoring, created from a notebook by hand, then by a script a scheduled CI job runs.
    @Test func aPlatformMonitoringJobCreatedByHandThenByCI() throws {
        let repo = try TemporaryDirectory()
        try repo.write("notebooks/08-monitoring.ipynb", Self.notebook([Self.vertexMonitoring]))
        try repo.write("README.md", "We monitor TrainingPredictionSkewDetectionConfig drift.\n")
        try repo.commitAll()
        let byHand = try item("monitor-3", in: repo)
        #expect(byHand.points == 0.5 && byHand.level == .manual)
        #expect(proofs(byHand.manual).contains { $0.path == "notebooks/08-monitoring.ipynb" })

        try repo.write("src/monitoring.py", Self.vertexMonitoring)
        try repo.write(".github/workflows/monitoring.yml", "on: { push: { branches: [main] } }\njobs:\n  m:\n    steps:\n      - run: python src/monitoring.py\n")
        try repo.commitAll()
        let byCI = try item("monitor-3", in: repo)
        #expect(byCI.points == 1 && byCI.level == .automated)
    }

    /// A word is no practice: the README and a string name the class, nothing calls it.
    @Test func aNameInProseOrAStringIsNone() throws {
        let repo = try TemporaryDirectory()
        try repo.write("README.md", "Use TrainingPredictionSkewDetectionConfig and papermill.execute_notebook.\n")
        try repo.write("src/notes.py", "HELP = 'vertex_ai_beta.ModelMonitoringObjectiveConfig.TrainingPredictionSkewDetectionConfig(...)'\n# papermill.execute_notebook('a.ipynb')\n")
        try repo.commitAll()
        #expect(try item("monitor-3", in: repo).points == 0)
        #expect(try item("infra-3", in: repo).points == 0)
    }

    /// The pipeline's notebooks run one after another by papermill: an end-to-end run, by hand.
    @Test func notebooksRunInOrderByPapermill() throws {
        let repo = try TemporaryDirectory()
        try repo.write("ml_pipe/03_workflow.ipynb", Self.notebook(["""
            import papermill
            for notebook in ["00_etl.ipynb", "01_model.ipynb", "02_train_validate.ipynb"]:
                papermill.execute_notebook(notebook, "runs/_" + notebook, parameters={"seed": 1})
            """]))
        try repo.commitAll()
        let result = try item("infra-3", in: repo)
        #expect(result.points == 0.5 && result.level == .manual)
    }

    /// A CI test driving the project's command line (typer's runner) through its stages is an end-to-end run; the
    /// same test that no CI run collects is not.
    @Test func aCITestThatDrivesTheCommandLine() throws {
        let repo = try TemporaryDirectory()
        try repo.write("tests/test_cli.py", """
            from typer.testing import CliRunner
            from classic.cli import app

            runner = CliRunner()

            def test_pipeline_end_to_end():
                assert runner.invoke(app, ["load-data", "/tmp/data"]).exit_code == 0
                assert runner.invoke(app, ["train", "tests/config.json"]).exit_code == 0
            """)
        try repo.write(".github/workflows/ci.yml", "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: pytest tests/test_other.py\n")
        try repo.write("tests/test_other.py", "def test_x():\n    assert True\n")
        try repo.commitAll()
        #expect(try item("infra-3", in: repo).points == 0)
        try repo.write(".github/workflows/ci.yml", "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: make test_all\n")
        try repo.write("Makefile", "test_all:\n\tpytest --cov=classic tests/\n")
        try repo.commitAll()
        let result = try item("infra-3", in: repo)
        #expect(result.points == 1 && result.level == .automated)
        #expect(proofs(result.automated).contains(Proof(path: "tests/test_cli.py", line: 6, text: "test_pipeline_end_to_end calls runner.invoke(…) and asserts")))
    }

    /// A serving API whose request model is built from the training data's columns and types enforces a schema on
    /// every request: by hand (no data is validated by a system), the manual level.
    @Test func aRequestModelBuiltFromTheTrainingSchema() throws {
        let repo = try TemporaryDirectory()
        try repo.write("api/main.py", "from fastapi import FastAPI\napp = FastAPI()\n")
        try repo.write("model_store/store.py", """
            from pydantic import create_model

            def request_model(columns):
                return create_model("Request", **{name: (dtype, ...) for name, dtype in columns})
            """)
        try repo.commitAll()
        let result = try item("data-1", in: repo)
        #expect(result.points == 0.5 && result.level == .manual)
        // Without the API, the model built is nobody's request schema.
        try repo.git("rm", "-q", "api/main.py")
        try repo.commitAll()
        #expect(try item("data-1", in: repo).points == 0)
    }

    /// A Seldon Core v2 Model running alibi-detect is a drift detector declared for serving; applied by hand, the
    /// manual level; deployed by CI, the automated one.
    @Test func aSeldonDriftDetectorDeclaredThenDeployed() throws {
        let repo = try TemporaryDirectory()
        try repo.write("seldon/income-drift.yaml", """
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Model
            metadata: { name: income-drift }
            spec:
              storageUri: gs://models/income/drift-detector
              requirements: [mlserver, alibi-detect]
            """)
        try repo.write("seldon/income.yaml", "apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nspec:\n  requirements: [sklearn]\n")
        try repo.commitAll()
        let byHand = try item("monitor-3", in: repo)
        #expect(byHand.points == 0.5 && byHand.level == .manual)
        try repo.write(".github/workflows/deploy.yml", "on: { push: { branches: [main] } }\njobs:\n  d:\n    steps:\n      - run: kubectl apply -f seldon/\n")
        try repo.commitAll()
        let deployed = try item("monitor-3", in: repo)
        #expect(deployed.points == 1 && deployed.level == .automated)
    }

    /// A Kubeflow pipeline compiled and run by a Cloud Build configuration submitted from its own directory (its
    /// steps' `dir:` are there): the pipeline's gate (`dsl.Condition`) and its tuning job run in CI. The builder image
    /// runs `-c` scripts: its entrypoint is a shell.
    @Test func aKubeflowPipelineThatCloudBuildCompilesAndRuns() throws {
        let repo = try TemporaryDirectory()
        try repo.write("labs/cicd/cloudbuild.yaml", """
            steps:
            - name: gcr.io/$PROJECT_ID/kfp-cli
              args: ['-c', 'dsl-compile-v2 --py pipeline.py --output pipeline.json']
              dir: pipeline_vertex
            - name: gcr.io/$PROJECT_ID/kfp-cli
              args: ['-c', 'python runner/run_pipeline.py --template_path=pipeline_vertex/pipeline.json']
            """)
        try repo.write("labs/cicd/pipeline_vertex/pipeline.py", """
            from kfp import dsl
            from google.cloud import aiplatform

            @dsl.pipeline(name="covertype")
            def pipeline(threshold: float):
                tuning = aiplatform.HyperparameterTuningJob(display_name="hpt", custom_job=job, metric_spec=spec, parameter_spec=space)
                with dsl.Condition(accuracy.output >= threshold):
                    deploy()
            """)
        try repo.write("labs/cicd/runner/run_pipeline.py", "from google.cloud import aiplatform\naiplatform.PipelineJob(template_path=path).run()\n")
        try repo.commitAll()
        for id in ["infra-4", "model-3"] {
            let result = try item(id, in: repo)
            #expect(result.points == 1 && result.level == .automated, "\(id): \(result.automated?.message ?? "")")
        }
        // The same definition that nothing compiles is code written, not run: the manual level.
        try repo.git("rm", "-q", "labs/cicd/cloudbuild.yaml")
        try repo.commitAll()
        #expect(try item("infra-4", in: repo).points == 0.5)
        #expect(try item("model-3", in: repo).points == 0.5)
    }

    /// TFX's ExampleValidator in a pipeline `tfx pipeline create` compiles in CI validates data against the schema.
    @Test func aTFXPipelineCompiledByCIValidatesItsData() throws {
        let repo = try TemporaryDirectory()
        try repo.write("pipeline/pipeline.py", """
            from tfx import v1 as tfx

            def create_pipeline(examples, schema):
                validator = tfx.components.ExampleValidator(statistics=examples, schema=schema)
                return tfx.dsl.Pipeline(components=[validator])
            """)
        try repo.write(".github/workflows/deploy.yml", "on: { push: { branches: [main] } }\njobs:\n  d:\n    steps:\n      - run: tfx pipeline create --engine kubeflow --pipeline_path=pipeline/pipeline.py\n")
        try repo.commitAll()
        let result = try item("data-1", in: repo)
        #expect(result.points == 1 && result.level == .automated)
    }

    /// Tools a person uses to look at the model: the What-If Tool (fairness), explanations configured for the served
    /// model (debugging).
    @Test func theWhatIfToolAndExplanationsConfiguredByHand() throws {
        let repo = try TemporaryDirectory()
        try repo.write("notebooks/fairness.ipynb", Self.notebook(["from witwidget.notebook.visualization import WitWidget, WitConfigBuilder\nWitWidget(WitConfigBuilder(examples))"]))
        try repo.write("notebooks/explain.ipynb", Self.notebook(["from google.cloud import aiplatform as vertex_ai\nmetadata = vertex_ai.explain.ExplanationMetadata(inputs=inputs, outputs=outputs)"]))
        try repo.commitAll()
        #expect(try item("model-7", in: repo).points == 0.5)
        #expect(try item("infra-5", in: repo).points == 0.5)
    }

    /// A CodeBuild project (run by a CodePipeline) that packages a SAM template: packaging is for deploying, so the
    /// template's canary, its alarm-based rollback and its model monitor (the inline form, against a baseline) are
    /// deployed by CI. `cd $CODEBUILD_SRC_DIR` is the checkout.
    @Test func aTemplateCodeBuildPackagesIsDeployed() throws {
        let repo = try TemporaryDirectory()
        try repo.write("model/buildspec.yml", """
            version: 0.2
            phases:
              post_build:
                commands:
                  - cd $CODEBUILD_SRC_DIR
                  - aws cloudformation package --template-file assets/deploy-prd.yml --output-template-file assets/packaged-prd.yml --s3-bucket $BUCKET
            """)
        try repo.write("assets/deploy-prd.yml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  DeploymentPreference:
                    Type: Canary10Percent5Minutes
                    Alarms: [!Ref ErrorAlarm]
              Monitor:
                Type: AWS::SageMaker::MonitoringSchedule
                Properties:
                  MonitoringScheduleConfig:
                    MonitoringJobDefinition:
                      BaselineConfig:
                        ConstraintsResource: { S3Uri: !Sub "s3://${Bucket}/baseline/constraints.json" }
                        StatisticsResource: { S3Uri: !Sub "s3://${Bucket}/baseline/statistics.json" }
                    ScheduleConfig: { ScheduleExpression: "cron(0 * ? * * *)" }
            """)
        try repo.write("pipeline.yml", "Resources:\n  Retrain:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: cron(0 12 1 * ? *)\n")
        try repo.commitAll()
        for id in ["infra-6", "infra-7", "monitor-2", "monitor-3"] {
            let result = try item(id, in: repo)
            #expect(result.points == 1 && result.level == .automated, "\(id): \(result.automated?.message ?? "")")
        }
        #expect(try item("monitor-4", in: repo).points == 0.5)
        // Without the package step, the same template is declared and applied by hand.
        try repo.write("model/buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands:\n      - python train.py\n")
        try repo.commitAll()
        for id in ["infra-6", "monitor-3"] { #expect(try item(id, in: repo).points == 0.5, "\(id)") }
    }

    /// A Step Functions workflow, generated by a script CI runs, that fails unless the training metric is under a
    /// threshold; and a Model Monitor baseline (statistics and constraints) suggested from the training data.
    @Test func aStepFunctionsThresholdAndAModelMonitorBaseline() throws {
        let repo = try TemporaryDirectory()
        try repo.write("model/run_pipeline.py", """
            from stepfunctions import steps
            from sagemaker.model_monitor import DefaultModelMonitor

            rule = steps.choice_rule.ChoiceRule.NumericLessThan(variable=rmse, value=10)
            check = steps.states.Choice("RMSE < 10")
            check.add_choice(rule=rule, next_step=deploy)
            DefaultModelMonitor(role=role).suggest_baseline(baseline_dataset=train_uri, dataset_format=csv)
            """)
        try repo.write("model/buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands:\n      - python model/run_pipeline.py --role-arn=$ROLE\n")
        try repo.commitAll()
        for id in ["infra-4", "data-1"] {
            let result = try item(id, in: repo)
            #expect(result.points == 1 && result.level == .automated, "\(id): \(result.automated?.message ?? "")")
        }
    }

    /// An Azure ML pipeline step that cancels its run when the new model is worse: a gate written in code. CI builds
    /// the pipeline but only submits the step's script to Azure, so nothing shows CI runs the step: the manual level.
    @Test func anAzureMLStepThatCancelsItsPipelineRun() throws {
        let repo = try TemporaryDirectory()
        try repo.write("src/evaluate_step.py", """
            from azureml.core import Run
            run = Run.get_context()
            if new_accuracy < production_accuracy:
                run.parent.cancel()
            """)
        try repo.commitAll()
        let result = try item("infra-4", in: repo)
        #expect(result.points == 0.5 && result.level == .manual)
        #expect(proofs(result.manual).contains(Proof(path: "src/evaluate_step.py", line: 4, text: "run.parent.cancel(…)")))
    }

    /// A CI test that counts the NaNs of a data file checks the data, not the model's numbers; one that runs the
    /// model and checks its output does.
    @Test func aNaNCheckCountsOnlyWhereTheTestRunsTheModel() throws {
        let repo = try TemporaryDirectory()
        try repo.write("tests/test_data.py", "import numpy as np\nimport pandas as pd\n\ndef test_missing():\n    frame = pd.read_csv('bad.csv')\n    assert np.sum(np.isnan(frame.values)) > 0\n")
        try repo.write(".github/workflows/ci.yml", "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: pytest tests\n")
        try repo.commitAll()
        #expect(try item("monitor-5", in: repo).points == 0)
        try repo.write("tests/test_model.py", "import numpy as np\n\ndef test_finite(model, frame):\n    assert np.isfinite(model.predict(frame)).all()\n")
        try repo.commitAll()
        let result = try item("monitor-5", in: repo)
        #expect(result.points == 0.5 && result.level == .manual)
    }
}

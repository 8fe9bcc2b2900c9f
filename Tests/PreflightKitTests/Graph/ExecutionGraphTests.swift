import Foundation
import Testing
@testable import PreflightKit

/// What CI really runs, on git repositories made at test time: each way a command leads into a file, asserted by
/// the ci probe's outcome and its proof chain, each with a negative twin that has the same words where nothing runs
/// them (a step name, an echo, a comment, a disabled job, an install line, a file that is not tracked).
@Suite struct ExecutionGraphTests {
    let pytest = #"{ ci: { step: "\\bpytest\\b" } }"#

    func evaluate(_ yaml: String, _ files: [String: String]) throws -> Finding {
        let repo = try TemporaryDirectory()
        for (path, text) in files { try repo.write(path, text) }
        try repo.commitAll()
        let rule = try YAMLDocument(text: yaml, file: "rule.yaml").decode(Rule.self)
        let evidence = EvidenceCollector(index: try RepositoryIndex.build(at: repo.path), now: Date()).collect(for: rule.probes)
        return RuleEvaluator(evidence: evidence).evaluate(rule)
    }

    func chain(_ finding: Finding) -> [String] { finding.proofs.map(\.description) }

    func pipelines(_ files: [String: String]) throws -> [CIPipeline] {
        let repo = try TemporaryDirectory()
        for (path, text) in files { try repo.write(path, text) }
        try repo.commitAll()
        return EvidenceCollector(index: try RepositoryIndex.build(at: repo.path), now: Date()).collect(for: [Probe(CIProbe(pullRequest: true))]).pipelines
    }

    static func workflow(_ run: String, extra: String = "") -> String {
        """
        on: [push]
        jobs:
          test:
            runs-on: ubuntu-latest\(extra)
            steps:
              - uses: actions/checkout@v4
              - run: \(run)
        """
    }

    @Test func aMakeTargetIsFollowedThroughItsPrerequisites() throws {
        let makefile = "test: unit\n\nunit:\n\tpython -m pytest tests/unit\n"
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("make test"), "Makefile": makefile])
        #expect(finding.outcome == .satisfied)
        #expect(chain(finding) == [".github/workflows/ci.yml:7: make test", "Makefile:4: python -m pytest tests/unit"])
    }

    @Test func aCommandOnSeveralLinesIsShownOnOne() throws {
        let workflow = "on: [push]\njobs:\n  t:\n    steps:\n      - run: |\n          python -m pytest \\\n            --maxfail=1 \\\n            tests\n"
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": workflow])
        #expect(chain(finding) == [".github/workflows/ci.yml:6: python -m pytest --maxfail=1 tests"])
    }

    @Test func wordsInNamesEchoesCommentsAndInstallsAreNotWhatRuns() throws {
        let workflow = """
            on: [push]
            jobs:
              test:
                steps:
                  - name: pytest
                    run: echo 'add pytest later'   # pytest
                  - run: pip install pytest
                  - run: make lint
            """
        let makefile = "lint:\n\t# pytest comes later\n\truff check .\n"
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": workflow, "Makefile": makefile])
        #expect(finding.outcome == .unsatisfied)
    }

    /// A followed command or template counts through what it leads to, never by its own name; options and their
    /// values are not what runs.
    @Test func aNameThatWasFollowedOrAnOptionValueIsNotWhatRuns() throws {
        let smoke = #"{ ci: { step: "(?i)\\bsmoke\\b" } }"#
        let files = [".github/workflows/ci.yml": Self.workflow("bash scripts/smoke.sh && make smoke"), "scripts/smoke.sh": "echo TODO\n",
                     "Makefile": "smoke:\n\t@echo later\n"]
        #expect(try evaluate(smoke, files).outcome == .unsatisfied)
        let azure = ["azure-pipelines.yml": "trigger: [main]\nsteps:\n  - template: ci/smoke.yml\n", "ci/smoke.yml": "steps:\n  - script: echo later\n"]
        #expect(try evaluate(smoke, azure).outcome == .unsatisfied)
        // Not followed (no Makefile): the command is all that is known, and it counts.
        #expect(try evaluate(smoke, [".github/workflows/ci.yml": Self.workflow("make smoke")]).outcome == .satisfied)
        let decay = #"{ ci: { step: "(?i)\\b0\\.01\\b|hyperparam" } }"#
        let train = Self.workflow("python train.py --weight-decay 0.01 --config configs/hyperparams.yaml")
        #expect(try evaluate(decay, [".github/workflows/ci.yml": train]).outcome == .unsatisfied)
        #expect(try evaluate(decay, [".github/workflows/ci.yml": Self.workflow("python -m ml.tune_hyperparameters --trials 5")]).outcome == .satisfied)
        // An option's own name is what the program is told to do.
        let benchmark = #"{ ci: { step: "(?i)\\bbenchmark" } }"#
        #expect(try evaluate(benchmark, [".github/workflows/ci.yml": Self.workflow("pytest tests --benchmark-only")]).outcome == .satisfied)
    }

    @Test func aScriptRunFromTwoDirectoriesRunsTwiceAndADeepPathDoesNotHideAShallowOne() throws {
        let twice = Self.workflow("cd a && bash ../run.sh") + "\n      - run: cd b && bash ../run.sh\n"
        let files = [".github/workflows/ci.yml": twice, "run.sh": "pytest tests\n", "a/tests/test_a.py": "", "b/tests/test_model.py": ""]
        #expect(try evaluate(#"{ ci: { collects: ["**/test_model.py"] } }"#, files).outcome == .satisfied)
        var deep = [".github/workflows/ci.yml": Self.workflow("bash s/s0.sh") + "\n      - run: bash s/x.sh\n", "s/x.sh": "pytest\n"]
        for level in 0..<12 { deep["s/s\(level).sh"] = level == 11 ? "bash s/x.sh\n" : "bash s/s\(level + 1).sh\n" }
        #expect(try evaluate(pytest, deep).outcome == .satisfied)
    }

    @Test func aTriggerOfAPipelineThatRunsNothingIsNoPractice() throws {
        let off = "on: [pull_request]\njobs:\n  t:\n    if: false\n    steps:\n      - run: pytest\n"
        #expect(try evaluate("{ ci: { pullRequest: true } }", [".github/workflows/ci.yml": off]).outcome == .unsatisfied)
        let on = off.replacingOccurrences(of: "    if: false\n", with: "")
        #expect(try evaluate("{ ci: { pullRequest: true } }", [".github/workflows/ci.yml": on]).outcome == .satisfied)
    }

    @Test func aScriptRunByPathIsReadAsShell() throws {
        let files = [".github/workflows/ci.yml": Self.workflow("bash scripts/ci.sh"), "scripts/ci.sh": "#!/bin/bash\nset -e\ncd tests && pytest -q\n"]
        let finding = try evaluate(pytest, files)
        #expect(finding.outcome == .satisfied)
        #expect(chain(finding) == [".github/workflows/ci.yml:7: bash scripts/ci.sh", "scripts/ci.sh:3: pytest -q"])
    }

    @Test func aScriptTheRepositoryDoesNotTrackIsNotFollowedAndSaysSo() throws {
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("./scripts/ci.sh")])
        #expect(finding.outcome == .unsatisfied)
        #expect(finding.message.contains("not followed: scripts/ci.sh is not in the repository"))
    }

    @Test func aDisabledJobRunsNothing() throws {
        let disabled = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("pytest", extra: "\n    if: false")])
        #expect(disabled.outcome == .unsatisfied)
        let enabled = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("pytest", extra: "\n    if: github.event_name == 'push'")])
        #expect(enabled.outcome == .satisfied)
        let gitlab = "unit:\n  script: [pytest]\n  rules:\n    - when: never\n"
        #expect(try evaluate(pytest, [".gitlab-ci.yml": gitlab]).outcome == .unsatisfied)
        let template = ".tests:\n  script: [pytest]\nunit:\n  extends: .tests\n"
        #expect(try evaluate(pytest, [".gitlab-ci.yml": template]).outcome == .satisfied)
        #expect(try evaluate(pytest, [".gitlab-ci.yml": ".tests:\n  script: [pytest]\n"]).outcome == .unsatisfied)
    }

    @Test func jobsThatNeedADisabledJobDoNotRunEither() throws {
        let workflow = """
            on: [push]
            jobs:
              a:
                if: false
                steps: [{ run: ruff check . }]
              b:
                needs: a
                steps: [{ run: pytest }]
              c:
                needs: [a]
                if: always()
                steps: [{ run: python -m pytest tests/integration }]
            """
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": workflow])
        #expect(chain(finding) == [".github/workflows/ci.yml:12: python -m pytest tests/integration"])
    }

    @Test func readersOfOtherSystemsKeepToWhatRuns() throws {
        let jenkins = "pipeline {\n  stages {\n    stage('t') {\n      steps {\n        /*\n        sh 'python -m smoke'\n        */\n        sh 'python -m pytest \"tests/unit\"'\n        sh 'echo \"skip\"; make lint'\n      }\n    }\n  }\n}\n"
        let listed = try pipelines(["Jenkinsfile": jenkins]).flatMap(\.runs).map(\.text)
        #expect(listed == ["python -m pytest tests/unit", "echo skip", "make lint"])
        let gitlab = ".base:\n  script: [python -m flake8 src]\n.img:\n  image: python\n.off:\n  rules: [{ when: never }]\nlint:\n  extends: [.base, .img]\nunit:\n  extends: .off\n  script: [pytest]\n"
        #expect(try pipelines([".gitlab-ci.yml": gitlab]).flatMap(\.runs).map(\.text) == ["python -m flake8 src"])
        let circle = "jobs:\n  t:\n    steps:\n      - when:\n          condition: << pipeline.parameters.full >>\n          steps: [{ run: python -m pytest tests }]\n      - unless:\n          condition: true\n          steps: [{ run: pytest slow }]\n"
        #expect(try pipelines([".circleci/config.yml": circle]).flatMap(\.runs).map(\.text) == ["python -m pytest tests"])
        let azure = "trigger: [main]\nvariables:\n  TestDir: $(Build.SourcesDirectory)/tests\nsteps:\n  - script: pytest $(testdir)\n"
        #expect(try pipelines(["azure-pipelines.yml": azure]).flatMap(\.runs).map(\.text) == ["pytest ./tests"])
        let bash = Self.workflow("bash -o pipefail scripts/ci.sh")
        #expect(chain(try evaluate(pytest, [".github/workflows/ci.yml": bash, "scripts/ci.sh": "pytest\n"])).last == "scripts/ci.sh:1: pytest")
    }

    @Test func anInstallLineIsNotTraining() throws {
        let train = #"{ ci: { step: "(?i)\\btrain\\b" } }"#
        let install = Self.workflow(#"pip install -e ".[training]""#)
        #expect(try evaluate(train, [".github/workflows/ci.yml": install]).outcome == .unsatisfied)
        let finding = try evaluate(train, [".github/workflows/ci.yml": Self.workflow("uv run python train.py --epochs 1")])
        #expect(finding.outcome == .satisfied)
    }

    @Test func aLocalCompositeActionAndAReusableWorkflowAreFollowed() throws {
        let action = "name: test\nruns:\n  using: composite\n  steps:\n    - run: pytest tests\n      shell: bash\n"
        let uses = "on: [push]\njobs:\n  test:\n    steps:\n      - uses: ./.github/actions/test\n"
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": uses, ".github/actions/test/action.yml": action])
        #expect(chain(finding) == [".github/workflows/ci.yml:5: ./.github/actions/test", ".github/actions/test/action.yml:5: pytest tests"])
        let caller = "on: [pull_request]\njobs:\n  call:\n    uses: ./.github/workflows/tests.yml\n"
        let reusable = "on: [workflow_call]\njobs:\n  t:\n    steps:\n      - run: pytest\n"
        let called = try evaluate(#"{ ci: { step: "\\bpytest\\b", pullRequest: true } }"#,
                                  [".github/workflows/ci.yml": caller, ".github/workflows/tests.yml": reusable])
        #expect(called.outcome == .satisfied)
        #expect(called.proofs.first?.description == ".github/workflows/ci.yml:4: ./.github/workflows/tests.yml")
        // The same action name without the file: used by identity only.
        #expect(try evaluate(pytest, [".github/workflows/ci.yml": uses]).message.contains("not in the repository"))
    }

    @Test func aGitLabLocalIncludeIsRead() throws {
        let main = "include:\n  - local: ci/test.yml\n  - remote: https://example.com/x.yml\nstages: [test]\n"
        let included = "unit:\n  script:\n    - pytest tests\n"
        let finding = try evaluate(pytest, [".gitlab-ci.yml": main, "ci/test.yml": included])
        #expect(chain(finding) == [".gitlab-ci.yml:2: ci/test.yml", "ci/test.yml:3: pytest tests"])
        #expect(try evaluate(pytest, [".gitlab-ci.yml": main]).outcome == .unsatisfied)
    }

    @Test func aDvcPipelineRunInCIIsFollowedIntoItsStages() throws {
        let stages = "stages:\n  train:\n    cmd: python train.py\n"
        let train = #"{ ci: { step: "(?i)\\btrain\\b" } }"#
        let finding = try evaluate(train, [".github/workflows/ci.yml": Self.workflow("dvc repro"), "dvc.yaml": stages])
        #expect(chain(finding) == [".github/workflows/ci.yml:7: dvc repro", "dvc.yaml:3: python train.py"])
        #expect(try evaluate(train, [".github/workflows/ci.yml": Self.workflow("dvc pull"), "dvc.yaml": stages]).outcome == .unsatisfied)
        // Running the declared ML pipeline is itself the practice, also once its stages are followed.
        let repro = try evaluate(#"{ ci: { step: "\\bdvc repro\\b" } }"#, [".github/workflows/ci.yml": Self.workflow("dvc repro"), "dvc.yaml": stages])
        #expect(repro.outcome == .satisfied)
    }

    @Test func anAzureTaskRunsItsInlineScriptOrScriptFile() throws {
        let pipeline = """
            trigger: [main]
            steps:
              - task: AzureCLI@2
                displayName: pytest
                inputs:
                  scriptLocation: inlineScript
                  workingDirectory: $(Build.SourcesDirectory)/ml
                  inlineScript: |
                    export ID=$(az account show --query id -o tsv)
                    make test
              - task: Bash@3
                inputs: { filePath: ci/lint.sh, arguments: --strict }
            """
        let files = ["azure-pipelines.yml": pipeline, "ml/Makefile": "test:\n\tpytest\n", "ci/lint.sh": "ruff check .\nmypy src\n"]
        let finding = try evaluate(pytest, files)
        #expect(chain(finding) == ["azure-pipelines.yml:10: make test", "ml/Makefile:2: pytest"])
        let mypy = try evaluate(#"{ ci: { step: "\\bmypy\\b" } }"#, files)
        #expect(chain(mypy) == ["azure-pipelines.yml:12: bash ci/lint.sh --strict", "ci/lint.sh:2: mypy src"])
        // The task's name and display name are not what it runs.
        let named = "trigger: [main]\nsteps:\n  - task: PythonScript@0\n    displayName: pytest\n    inputs: { scriptSource: inline, script: print(1) }\n"
        #expect(try evaluate(pytest, ["azure-pipelines.yml": named]).outcome == .unsatisfied)
    }

    @Test func anAzureTemplateIsFollowedAndItsMacrosAreNotCommands() throws {
        let pipeline = "trigger: [main]\nvariables:\n  - template: /ci/vars.yml\n  - name: testDir\n    value: tests/unit\nsteps:\n  - template: ci/steps.yml\n"
        let steps = "steps:\n  - script: python -m pytest $(testDir) $(flags) $(undefined)\n    displayName: Unit tests\n"
        let vars = "variables:\n  testDir: elsewhere\n  flags: -q\n"
        let finding = try evaluate(pytest, ["azure-pipelines.yml": pipeline, "ci/steps.yml": steps, "ci/vars.yml": vars])
        #expect(chain(finding) == ["azure-pipelines.yml:7: ci/steps.yml", "ci/steps.yml:2: python -m pytest tests/unit -q ${undefined}"])
        // The template is no pipeline of its own (it is found by its shape): only the pipeline that uses it runs it.
        let pipelines = try pipelines(["azure-pipelines.yml": pipeline, "ci/steps.yml": steps, "ci/vars.yml": vars])
        #expect(pipelines.map(\.path) == ["azure-pipelines.yml"])
        let unused = try self.pipelines(["azure-pipelines.yml": "trigger: [main]\nsteps:\n  - script: ruff check .\n", "ci/steps.yml": steps])
        #expect(unused.map(\.path).sorted() == ["azure-pipelines.yml", "ci/steps.yml"])
        let label = "trigger: [main]\nsteps:\n  - script: ruff check .\n    displayName: pytest\n"
        #expect(try evaluate(pytest, ["azure-pipelines.yml": label]).outcome == .unsatisfied)
    }

    @Test func aCommandRunInAnImageBuiltFromTheRepositoryRunsInItsContext() throws {
        let run = "docker build -t app:ci -f ml/Dockerfile ml && docker run --rm -e X=1 app:ci make test"
        let files = [".github/workflows/ci.yml": Self.workflow(run), "ml/Dockerfile": "FROM python\nCOPY . .\n", "ml/Makefile": "test:\n\tpytest\n"]
        let finding = try evaluate(pytest, files)
        #expect(chain(finding) == [".github/workflows/ci.yml:7: docker run --rm -e X=1 app:ci make test", "ml/Makefile:2: pytest"])
        let external = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("docker run python:3.12 make test"), "Makefile": "test:\n\tpytest\n"])
        #expect(external.outcome == .unsatisfied)
        #expect(external.message.contains("not followed: python:3.12 is not built from the repository"))
    }

    @Test func anImagesOwnCommandRunsWhenNoneIsGiven() throws {
        let dockerfile = "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"-m\", \"pytest\", \"tests\"]\n"
        let run = Self.workflow("docker build -t ml . && docker run --rm ml")
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": run, "Dockerfile": dockerfile])
        #expect(chain(finding) == [".github/workflows/ci.yml:7: docker run --rm ml", "Dockerfile:4: python -m pytest tests"])
        let compose = "services:\n  tests:\n    build: ./ml\n"
        let up = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("docker compose up --exit-code-from tests tests"),
                                        "compose.yaml": compose, "ml/Dockerfile": dockerfile])
        #expect(chain(up).last == "ml/Dockerfile:4: python -m pytest tests")
        // The same words in a RUN line that only installs, and a CMD of an image nobody runs.
        let quiet = "FROM python\nRUN pip install pytest\nCMD [\"pytest\"]\n"
        #expect(try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("docker build -t ml ."), "Dockerfile": quiet]).outcome == .unsatisfied)
    }

    @Test func aJobSpecSubmittedByCIRunsItsContainersCommand() throws {
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata: { name: train }\nspec:\n  template:\n    spec:\n      containers:\n        - name: train\n          command: [python, train.py, --epochs, '1']\n"
        let train = #"{ ci: { step: "(?i)\\btrain\\b" } }"#
        let finding = try evaluate(train, [".github/workflows/ci.yml": Self.workflow("kubectl apply -f k8s/batch.yaml"), "k8s/batch.yaml": job])
        #expect(chain(finding) == [".github/workflows/ci.yml:7: kubectl apply -f k8s/batch.yaml", "k8s/batch.yaml:9: python train.py --epochs 1"])
        let deployment = job.replacingOccurrences(of: "kind: Job", with: "kind: Deployment")
        #expect(try evaluate(train, [".github/workflows/ci.yml": Self.workflow("kubectl apply -f k8s/batch.yaml"), "k8s/batch.yaml": deployment]).outcome == .unsatisfied)
    }

    @Test func aScheduledDatabricksJobIsAScheduledPipeline() throws {
        let bundle = """
            bundle: { name: churn }
            resources:
              jobs:
                retrain:
                  schedule: { quartz_cron_expression: "0 0 3 * * ?", timezone_id: UTC }
                  tasks:
                    - task_key: train
                      spark_python_task: { python_file: src/train.py }
                adhoc:
                  tasks:
                    - task_key: drift
                      spark_python_task: { python_file: src/drift.py }
            """
        let train = #"{ ci: { step: "(?i)\\btrain\\b", scheduled: true } }"#
        let finding = try evaluate(train, ["databricks.yml": bundle])
        #expect(finding.outcome == .satisfied && finding.proofs.first?.description == "databricks.yml:8: src/train.py")
        let drift = #"{ ci: { step: "(?i)\\bdrift\\b", scheduled: true } }"#
        #expect(try evaluate(drift, ["databricks.yml": bundle]).outcome == .unsatisfied)
    }

    @Test func aWorkflowStartedByAScheduledOneRunsOnItsSchedule() throws {
        let nightly = "name: nightly\non:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n  train:\n    steps:\n      - run: python train.py\n"
        let report = "name: report\non:\n  workflow_run:\n    workflows: [nightly]\n    types: [completed]\njobs:\n  drift:\n    steps:\n      - run: python -m monitoring.drift_report\n"
        let rule = #"{ ci: { step: "(?i)\\bdrift", scheduled: true } }"#
        let finding = try evaluate(rule, [".github/workflows/nightly.yml": nightly, ".github/workflows/report.yml": report])
        #expect(finding.outcome == .satisfied)
        #expect(finding.proofs.map(\.path) == [".github/workflows/report.yml", ".github/workflows/report.yml"])
        // A workflow without `name:` is named by its file.
        let byPath = report.replacingOccurrences(of: "workflows: [nightly]", with: "workflows: [.github/workflows/nightly.yml]")
        let unnamed = nightly.replacingOccurrences(of: "name: nightly\n", with: "")
        #expect(try evaluate(rule, [".github/workflows/nightly.yml": unnamed, ".github/workflows/report.yml": byPath]).outcome == .satisfied)
        let unscheduled = nightly.replacingOccurrences(of: "  schedule:\n    - cron: '0 3 * * *'", with: "  push:")
        #expect(try evaluate(rule, [".github/workflows/nightly.yml": unscheduled, ".github/workflows/report.yml": report]).outcome == .unsatisfied)
    }

    @Test func aProjectTemplateIsReadAsTheProjectItGenerates() throws {
        let workflow = Self.workflow("make test") + "\n      - run: echo ${{ matrix.python }} {{ cookiecutter.project_slug }}\n"
        let files = [
            "{{cookiecutter.project_slug}}/.github/workflows/ci.yml": "{% if cookiecutter.ci %}\n" + workflow + "\n{% endif %}\n",
            "{{cookiecutter.project_slug}}/Makefile.tmpl": "test:\n\tpytest {{ cookiecutter.package }}\n",
        ]
        let finding = try evaluate(pytest, files)
        #expect(finding.outcome == .satisfied)
        #expect(finding.message.hasPrefix("{{cookiecutter.project_slug}}/.github/workflows/ci.yml (a template: in the project it generates, .github/workflows/ci.yml)"))
        #expect(chain(finding) == ["{{cookiecutter.project_slug}}/.github/workflows/ci.yml:8: make test",
                                   "{{cookiecutter.project_slug}}/Makefile.tmpl:2: pytest TEMPLATE"])
        // The same workflow outside any template directory is not at a CI system's place.
        let loose = ["templates/ci.yml": workflow, "Makefile": "test:\n\tpytest\n"]
        #expect(try evaluate(pytest, loose).message.hasPrefix("no CI pipeline found"))
        // A template whose tags leave no YAML is not an error of the project's CI.
        let broken = ["{{cookiecutter.slug}}/.github/workflows/ci.yml": "jobs: {{ a }: [\n"]
        #expect(try evaluate(pytest, broken).outcome == .unsatisfied)
    }

    @Test func aToxEnvironmentAndAHatchScriptAreFollowedAndABareRunIsNotAMissingFile() throws {
        let tox = "[tox]\nenvlist = py312\n\n[testenv]\ncommands = pytest {posargs:tests}\n"
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("uvx tox -e py312"), "tox.ini": tox])
        #expect(chain(finding) == [".github/workflows/ci.yml:7: uvx tox -e py312", "tox.ini:5: pytest tests"])
        // A tox env runs in the tox file's directory: a script it names is found from there.
        let scripted = "[testenv]\nchangedir = {toxinidir}\ncommands =\n    bash ci/unit.sh\n"
        let viaScript = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("tox -e py"), "tox.ini": scripted, "ci/unit.sh": "pytest -q\n"])
        #expect(chain(viaScript) == [".github/workflows/ci.yml:7: tox -e py", "tox.ini:4: bash ci/unit.sh", "ci/unit.sh:1: pytest -q"])
        let hatch = "[tool.hatch.envs.default.scripts]\ntest = \"pytest -q\"\n"
        let hatched = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("hatch run test"), "pyproject.toml": hatch])
        #expect(chain(hatched) == [".github/workflows/ci.yml:7: hatch run test", "pyproject.toml:2: pytest -q"])
        let bare = try evaluate(#"{ ci: { step: "\\bmypy\\b" } }"#, [".github/workflows/ci.yml": Self.workflow("hatch run ruff check .")])
        #expect(bare.outcome == .unsatisfied && !bare.message.contains("not followed"))
    }

    @Test func aJustRecipeIsFollowed() throws {
        let justfile = "default: test\n\ntest *args:\n    uv run pytest {{args}}\n"
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("just test -x"), "justfile": justfile])
        #expect(chain(finding) == [".github/workflows/ci.yml:7: just test -x", "justfile:4: uv run pytest {{args}}"])
    }

    @Test func scriptsThatCallThemselvesAndFilesOutsideTheRepositoryAreBounded() throws {
        let loop = "#!/bin/sh\nbash scripts/a.sh\nbash scripts/b.sh\n"
        let other = "#!/bin/sh\nbash scripts/a.sh\n../outside.sh\n"
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("bash scripts/a.sh"), "scripts/a.sh": loop, "scripts/b.sh": other])
        #expect(finding.outcome == .unsatisfied)
        #expect(finding.message.contains("../outside.sh: not followed: it names a path outside the repository"))
        // An action that uses itself, and Azure templates that include each other.
        let action = "runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/a\n    - run: pytest\n      shell: bash\n"
        let uses = "on: [push]\njobs:\n  t:\n    steps:\n      - uses: ./.github/actions/a\n"
        #expect(try evaluate(pytest, [".github/workflows/ci.yml": uses, ".github/actions/a/action.yml": action]).outcome == .satisfied)
        let first = "steps:\n  - template: b.yml\n  - script: ruff check .\n"
        let second = "steps:\n  - template: a.yml\n"
        let azure = ["azure-pipelines.yml": "trigger: [main]\nsteps:\n  - template: ci/a.yml\n", "ci/a.yml": first, "ci/b.yml": second]
        #expect(try evaluate(pytest, azure).outcome == .unsatisfied)
    }

    @Test func aSymlinkOutOfTheRepositoryIsNotRead() throws {
        let outside = try TemporaryDirectory()
        try outside.write("ci.sh", "pytest\n")
        let repo = try TemporaryDirectory()
        try repo.write(".github/workflows/ci.yml", Self.workflow("bash ci.sh"))
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/ci.sh", withDestinationPath: outside.path + "/ci.sh")
        try repo.commitAll()
        let rule = try YAMLDocument(text: pytest, file: "rule.yaml").decode(Rule.self)
        let evidence = EvidenceCollector(index: try RepositoryIndex.build(at: repo.path), now: Date()).collect(for: rule.probes)
        let finding = RuleEvaluator(evidence: evidence).evaluate(rule)
        #expect(finding.outcome == .unsatisfied)
        #expect(finding.message.contains("ci.sh cannot be read as text"))
    }

    @Test func aScriptThatIsNotUTF8IsReadAsFarAsItIsText() throws {
        let repo = try TemporaryDirectory()
        try repo.write(".github/workflows/ci.yml", Self.workflow("bash ci.sh && make -f self.mk"))
        try Data([0x23, 0x21, 0x2f, 0x62, 0x69, 0x6e, 0x2f, 0x73, 0x68, 0x0a, 0xff, 0xfe, 0x0a]).write(to: repo.url.appendingPathComponent("ci.sh"))
        try repo.write("self.mk", "include self.mk\nall:\n\t$(MAKE) -f self.mk all\n\tpytest\n")
        try repo.commitAll()
        let rule = try YAMLDocument(text: pytest, file: "rule.yaml").decode(Rule.self)
        let evidence = EvidenceCollector(index: try RepositoryIndex.build(at: repo.path), now: Date()).collect(for: rule.probes)
        let finding = RuleEvaluator(evidence: evidence).evaluate(rule)
        // The Makefile that includes and runs itself is followed once, and its pytest found.
        #expect(finding.outcome == .satisfied)
        #expect(chain(finding) == [".github/workflows/ci.yml:7: make -f self.mk", "self.mk:4: pytest"])
    }

    @Test func aHugeGeneratedMakefileIsRefusedNotRead() throws {
        let huge = "test:\n" + String(repeating: "\t@echo generated line of a very large makefile\n", count: 120_000) + "\tpytest\n"
        let finding = try evaluate(pytest, [".github/workflows/ci.yml": Self.workflow("make test"), "Makefile": huge])
        #expect(finding.outcome == .unsatisfied)
        #expect(finding.message.contains("Makefile cannot be read as text"))
    }
}

import Foundation

/// Every reader of untrusted bytes as one call each, the way the gate uses it: the entry points the fuzz targets
/// drive (`Fuzz/`). Each may throw or report a failure; none may crash, hang or use memory out of proportion.
@_spi(Fuzzing) public enum InputParsers {
    /// The kinds of untrusted input, one fuzz target each.
    public enum Kind: String, CaseIterable, Sendable {
        case rubric, config, ledger, prometheus
        case jsonReports = "json-reports", xmlReports = "xml-reports", lcov
        case ci, structured
        case shell, makefile, jobspecs
        case testconfig
        case taskRunners = "taskrunners"
        case python, notebook
        case hcl
        case promql
        case monitoring
    }

    /// Feeds `data` to every parser of `kind`.
    public static func parse(_ data: Data, as kind: Kind) {
        switch kind {
        case .rubric:
            _ = try? RubricLoader.load(YAMLDocument(data: data, file: "rubric.yaml"))
        case .config:
            _ = try? YAMLDocument(data: data, file: "preflight.yaml").decode(ModelConfig.self)
        case .ledger:
            guard let text = text(data) else { return }
            _ = try? LedgerFile<Attestation>(text: text, file: "attestations.yaml")
            _ = try? LedgerFile<Waiver>(text: text, file: "waivers.yaml")
        case .prometheus:
            _ = PrometheusAnswer.parse(data, statusCode: 200, rules: false)
            _ = PrometheusAnswer.parse(data, statusCode: 200, rules: true)
        case .jsonReports:
            reports(data, [.evidently, .greatExpectations, .deepchecks, .json, .yaml])
        case .xmlReports:
            reports(data, [.junit, .cobertura])
        case .lcov:
            reports(data, [.lcov])
        case .ci:
            guard let text = text(data) else { return }
            let documents = (try? StructuredParser.parse(text, path: "pipeline.yml")) ?? []
            for reader in PipelineReaders.all where reader.readsText || !documents.isEmpty {
                _ = reader.parse(path: "pipeline.yml", text: text, documents: documents)
            }
            _ = PipelineReaders.detect(path: "pipeline.yml", documents: documents)
            _ = TemplateTree.rendered(text)
            _ = AzurePipelines.expandMacros(text, [:])
        case .shell:
            for command in ShellCommandLine(CommandText.decode(data)).commands { _ = command.program }
        case .makefile:
            let text = CommandText.decode(data)
            let makefile = Makefile(text)
            for target in makefile.targets.prefix(50) { _ = makefile.resolve(target.name) }
            let justfile = Justfile(text)
            for recipe in justfile.recipes.prefix(50) { _ = justfile.resolve(recipe.name) }
        case .jobspecs:
            let text = CommandText.decode(data)
            for command in ShellCommandLine(text).commands.prefix(200) {
                for follower in CommandFollowers.all { _ = follower.request(for: command) }
            }
            for path in ["spec.yaml", "spec.json"] {
                for follower in CommandFollowers.all { _ = follower.follow([], path: path, text: text) }
            }
            let compose = ComposeFile(text, path: "compose.yaml")
            for service in compose.services.prefix(3) {
                _ = ComposeFollower.follow(["--entrypoint=sh", service.name, "--", "x"], path: "compose.yaml", text: text)
            }
            let dockerfile = Dockerfile(text)
            for stage in dockerfile.stages.prefix(20) {
                _ = dockerfile.runs(target: stage.name)
                _ = dockerfile.defaultCommand(target: stage.name)
            }
            _ = dockerfile.defaultCommand()
        case .testconfig:
            testConfig(CommandText.decode(data))
        case .taskRunners:
            let text = CommandText.decode(data)
            for (follower, paths) in taskRunnerFiles {
                for path in paths {
                    for names in [[], ["test", "lint:all"]] { _ = follower.follow(names, path: path, text: text) }
                }
            }
        case .python:
            let facts = PythonFacts(python: CommandText.decode(data))
            _ = facts.imports("numpy.random")
            _ = PythonSummary(facts).tests.count
        case .notebook:
            let facts = PythonFacts(notebook: CommandText.decode(data))
            _ = PythonSummary(facts).uses.first { PythonName.matches($0.name, "*preprocess*") }
        case .hcl:
            // As the repository reader hands files over: decoded with replacement characters.
            guard let tree = (try? StructuredParser.parse(CommandText.decode(data), path: "main.tf"))?.first else { return }
            _ = tree.nodes(at: ["resource", "*", "*", "*"]).count
            _ = tree.scalars.count
        case .promql:
            let text = CommandText.decode(data)
            let expression = PromQLExpression(text)
            let series = RecordedSeries(expression.metrics.prefix(20).map { ($0, PromQLExpression(String(text.prefix(4096)))) })
            _ = series.reading(expression)
            for path in ["rules.yml", "template.yaml"] {
                _ = RuleFile.recovering(text, path: path, failure: "fuzz")
                if let documents = try? StructuredParser.parse(text, path: path) { _ = RuleFile(documents: documents, path: path) }
            }
        case .monitoring:
            // A plan read on its own and inside preflight.yaml, then turned into rules.
            for (file, wrap) in [("monitoring.yaml", false), ("preflight.yaml", true)] {
                let text = CommandText.decode(data)
                let yaml = wrap ? "version: 1\nmonitoring:\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") : text
                guard let document = try? YAMLDocument(text: yaml, file: file) else { continue }
                let plan = wrap ? (try? document.decode(ModelConfig.self))?.monitoring : try? document.decode(MonitoringPlan.self)
                if let plan { _ = try? PlanRules(plan).yaml(source: file) }
            }
        case .structured:
            guard let text = text(data) else { return }
            for path in ["file.yaml", "file.toml"] { _ = try? StructuredParser.parse(text, path: path) }
            var ignores = IgnoreRules()
            ignores.add(contents: text, base: "")
            _ = ignores.isIgnored("a/b/c.py", isDirectory: false)
        }
    }

    /// The test runners' configuration readers on `text`, then collections whose configuration files all read as
    /// `text`, for fixed commands and for the commands `text` itself holds.
    private static func testConfig(_ text: String) {
        _ = IniFile(text).section("pytest")
        _ = ArgumentSplitting.split(text)
        for path in ["pytest.ini", "pytest.toml", "pyproject.toml", "tox.ini", "setup.cfg", "ci/other.conf"] {
            _ = PytestConfigFile.parse(path: path, text: text, explicit: path.hasSuffix(".conf"))
        }
        _ = FilenamePattern(String(text.prefix(256))).matches("tests/unit/test_model.py")
        let files = ["go.mod", "jest.config.json", "package.json", "pkg/model_test.go", "pyproject.toml", "pytest.ini", "setup.cfg", "src/model.py", "src/test/java/ml/ModelTest.java", "tests/__init__.py",
                     "tests/test_model.py", "tests/unit/test_loss.py", "tox.ini"]
        var commands = ShellCommandLine("pytest; pytest tests -c ci/other.conf; python -m unittest; python -m unittest discover -s tests; go test ./...; jest; vitest run").commands
        commands += ShellCommandLine(String(text.prefix(4096))).commands.prefix(20)
        for command in commands {
            _ = TestCollector.collect(command, in: "", files: files) { _ in text }
            _ = TestCollector.collect(command, in: "tests", files: files) { _ in text }
        }
    }

    /// The task-runner followers and every file name each reads.
    private static let taskRunnerFiles: [(any CommandFollower.Type, [String])] = [
        (ToxFollower.self, ToxFollower.files), (NoxFollower.self, ["noxfile.py"]),
        (PackageScriptsFollower.self, ["package.json"]), (PoeFollower.self, PoeFollower.files),
        (HatchFollower.self, ["hatch.toml", "pyproject.toml"]), (PdmFollower.self, ["pyproject.toml"]),
        (TaskfileFollower.self, ["Taskfile.yml"]), (MiseFollower.self, ["mise.toml", ".config/mise.toml", "mise-tasks/test"]),
    ]

    private static func reports(_ data: Data, _ formats: [ReportProbe.Format]) {
        guard let text = text(data) else { return }
        for format in formats {
            guard let report = try? ReportParser.parse(text, path: "report", format: format) else { continue }
            _ = report.tree.nodes(at: ["summary", "success"])
        }
    }

    /// Repository files reach the parsers as UTF-8 text without NUL bytes; anything else is skipped before.
    private static func text(_ data: Data) -> String? {
        guard !data.contains(0) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

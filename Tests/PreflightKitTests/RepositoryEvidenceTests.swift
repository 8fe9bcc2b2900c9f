import Foundation
import Testing
@testable import PreflightKit

/// The collector and probes on real git repositories made in a temporary directory.
@Suite struct RepositoryEvidenceTests {
    func probe(_ yaml: String) throws -> Rule {
        try YAMLDocument(text: yaml, file: "rule.yaml").decode(Rule.self)
    }

    func evaluate(_ rule: Rule, in directory: TemporaryDirectory, now: Date = Date(timeIntervalSince1970: 1_795_000_000)) throws -> Finding {
        let index = try RepositoryIndex.build(at: directory.path)
        let evidence = EvidenceCollector(index: index, now: now).collect(for: rule.probes)
        return RuleEvaluator(evidence: evidence).evaluate(rule)
    }

    @Test func onlyTrackedFilesCount() throws {
        let repo = try TemporaryDirectory()
        try repo.write("tests/test_model.py", "def test_x():\n    assert model.predict(x) is not None\n")
        try repo.commitAll()
        try repo.write("tests/test_untracked.py", "import pandera\n")
        let rule = try probe(#"{ files: ["tests/**"], contains: "pandera" }"#)
        #expect(try evaluate(rule, in: repo).outcome == .unsatisfied)
        try repo.commitAll()
        let finding = try evaluate(rule, in: repo)
        #expect(finding.outcome == .satisfied)
        #expect(finding.proofs.first == Proof(path: "tests/test_untracked.py", line: 1, text: "import pandera"))
    }

    /// Found on a real repository: empty `__init__.py` files were reported as unreadable, turning items into errors.
    @Test func emptyFilesAreReadNotFailed() throws {
        let repo = try TemporaryDirectory()
        try repo.write("src/__init__.py", "")
        try repo.write("src/train.py", "import optuna\n")
        try repo.commitAll()
        let finding = try evaluate(try probe(#"{ files: ["src/**"], contains: "optuna" }"#), in: repo)
        #expect(finding.outcome == .satisfied)
        #expect(try evaluate(try probe(#"{ files: ["src/__init__.py"], contains: "x" }"#), in: repo).outcome == .unsatisfied)
    }

    @Test func commentsDataFilesAndBinariesAreNotEvidence() throws {
        let repo = try TemporaryDirectory()
        try repo.write("train.py", "# import pandera one day\nx = 1  # pandera\n")
        try repo.write("data/rows.csv", "id,text\n1,import pandera\n")
        try repo.write("blob.py", "import pandera\u{0}\u{1}")
        try repo.commitAll()
        let finding = try evaluate(try probe(#"{ files: ["**/*"], contains: "pandera" }"#), in: repo)
        #expect(finding.outcome == .unsatisfied)
        #expect(finding.message.contains("skipped"))
        let withData = try evaluate(try probe(#"{ files: ["**/*"], contains: "pandera", includeData: true }"#), in: repo)
        #expect(withData.proofs.map(\.path) == ["data/rows.csv"])
    }

    @Test func aSymlinkOutOfTheRepositoryIsNeverRead() throws {
        let repo = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/passwd.yaml", withDestinationPath: "/etc/passwd")
        try repo.write("ok.yaml", "a: 1\n")
        try repo.commitAll()
        let finding = try evaluate(try probe(#"{ files: ["*.yaml"], contains: "root" }"#), in: repo)
        #expect(finding.outcome == .error)
        #expect(finding.message.contains("symlink points outside the repository"))
        #expect(!"\(finding)".contains("root:x:0"))
    }

    @Test func keyPathsInYamlJsonAndToml() throws {
        let repo = try TemporaryDirectory()
        try repo.write("deploy/rollout.yaml", "kind: Rollout\nspec:\n  strategy:\n    canary:\n      steps: []\n---\nkind: Service\n")
        try repo.write("conf/model.json", #"{"training": {"seed": 42}}"#)
        try repo.write("pyproject.toml", "[project]\nname = \"demo\"\n\n[tool.pytest.ini_options]\naddopts = \"-q\"\n")
        try repo.commitAll()
        let canary = try evaluate(try probe(#"{ key: spec.strategy.canary, in: ["**/*.yaml"] }"#), in: repo)
        #expect(canary.outcome == .satisfied && canary.proofs.first?.line == 5)
        #expect(try evaluate(try probe(#"{ key: training.seed, in: ["**/*.json"], matches: "^42$" }"#), in: repo).outcome == .satisfied)
        #expect(try evaluate(try probe(#"{ key: tool.pytest, in: ["pyproject.toml"] }"#), in: repo).proofs.first?.line == 4)
        let addopts = try evaluate(try probe(#"{ key: tool.pytest.ini_options.addopts, in: ["*.toml"], matches: "^-q$" }"#), in: repo)
        #expect(addopts.outcome == .satisfied && addopts.proofs.first?.line == 5)
        #expect(try evaluate(try probe(#"{ key: spec.strategy.blueGreen, in: ["**/*.yaml"] }"#), in: repo).outcome == .unsatisfied)
    }

    @Test func stalenessFromGitHistory() throws {
        let repo = try TemporaryDirectory()
        try repo.write("models/model.dvc", "md5: 1\n")
        try repo.commitAll(date: "2026-01-01T00:00:00Z")
        let now = ISO8601DateFormatter().date(from: "2026-11-23T00:00:00Z")!
        let rule = try probe(#"{ changed: { files: ["models/**"], within: 90d } }"#)
        #expect(try evaluate(rule, in: repo, now: now).outcome == .unsatisfied)
        try repo.write("models/model.dvc", "md5: 2\n")
        try repo.commitAll(date: "2026-11-01T00:00:00Z")
        let finding = try evaluate(rule, in: repo, now: now)
        #expect(finding.outcome == .satisfied && finding.message.contains("22 days ago"))
    }

    /// The history is read once over the widest window asked; a narrower probe still keeps its own.
    @Test func eachChangedProbeKeepsItsOwnWindow() throws {
        let repo = try TemporaryDirectory()
        try repo.write("models/model.dvc", "md5: 1\n")
        try repo.commitAll(date: "2026-11-01T00:00:00Z")
        let narrow = try probe(#"{ changed: { files: ["models/**"], within: 7d } }"#)
        let wide = try probe(#"{ changed: { files: ["models/**"], within: 90d } }"#)
        let now = ISO8601DateFormatter().date(from: "2026-11-23T00:00:00Z")!
        let evidence = EvidenceCollector(index: try RepositoryIndex.build(at: repo.path), now: now).collect(for: narrow.probes + wide.probes)
        #expect(RuleEvaluator(evidence: evidence).evaluate(narrow).outcome == .unsatisfied)
        #expect(RuleEvaluator(evidence: evidence).evaluate(wide).outcome == .satisfied)
    }

    /// In a directory below the repository's root, git names files from the root unless asked not to: a report
    /// there went undated by its commit and fell back to its file time, a checkout's.
    @Test func aReportInASubdirectoryIsDatedByItsCommit() throws {
        let repo = try TemporaryDirectory()
        try repo.write("model/reports/metrics.json", #"{"accuracy": 0.91}"#)
        try repo.commitAll(date: "2020-01-01T00:00:00Z")
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: repo.path + "/model/reports/metrics.json")
        let rule = try probe(#"{ report: { in: [reports/metrics.json], format: json, value: accuracy, atLeast: 0.8, maxAge: 30d } }"#)
        let index = try RepositoryIndex.build(at: repo.path + "/model")
        let evidence = EvidenceCollector(index: index, now: Date()).collect(for: rule.probes)
        #expect(evidence.reportFiles["reports/metrics.json"]?.committed == ISO8601DateFormatter().date(from: "2020-01-01T00:00:00Z"))
        let finding = RuleEvaluator(evidence: evidence).evaluate(rule)
        #expect(finding.outcome == .unsatisfied && finding.message.contains("from its last commit"), "\(finding.message)")
    }

    @Test func codeOwnersMustCoverEveryFile() throws {
        let repo = try TemporaryDirectory()
        try repo.write("src/model.py", "x = 1\n")
        try repo.write("src/serve/app.py", "x = 2\n")
        try repo.write(".github/CODEOWNERS", "/src/model.py @ml\n")
        try repo.commitAll()
        let rule = try probe(#"{ owners: ["src/**"] }"#)
        let partial = try evaluate(rule, in: repo)
        #expect(partial.outcome == .unsatisfied && partial.proofs.map(\.path) == ["src/serve/app.py"])
        try repo.write(".github/CODEOWNERS", "/src/model.py @ml\n/src/serve/ @platform\n")
        try repo.commitAll()
        #expect(try evaluate(rule, in: repo).outcome == .satisfied)
    }

    @Test func aPlainDirectoryHonoursGitignore() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".gitignore", "build/\n*.log\n!keep.log\n")
        try directory.write("build/out.py", "")
        try directory.write("a.log", "")
        try directory.write("keep.log", "")
        try directory.write("src/train.py", "")
        let index = try RepositoryIndex.build(at: directory.path)
        #expect(!index.isGit)
        #expect(index.files == [".gitignore", "keep.log", "src/train.py"])
    }

    /// A hostile repository cannot make Preflight read a file outside it through its own configuration.
    @Test func configurationCannotReachOutsideTheRepository() throws {
        let outside = try TemporaryDirectory()
        try outside.write("secret.yaml", "version: 1\nroot:x:0:0: leaked\n")
        let linked = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: linked.path + "/preflight.yaml", withDestinationPath: outside.path + "/secret.yaml")
        #expect {
            _ = try Gate.evaluate(repository: linked.path)
        } throws: { error in
            error.localizedDescription.contains("resolves outside the repository") && !error.localizedDescription.contains("leaked")
        }
        let named = try TemporaryDirectory()
        try named.write("preflight.yaml", "version: 1\nrubric: \(outside.path)/secret.yaml\n")
        #expect {
            _ = try Gate.evaluate(repository: named.path)
        } throws: { error in
            error.localizedDescription.contains("lies outside the repository") && !error.localizedDescription.contains("leaked")
        }
    }
}

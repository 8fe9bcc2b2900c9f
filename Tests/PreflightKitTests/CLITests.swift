import Foundation
import Testing
@testable import PreflightKit

/// The built `preflight` binary, run as a pipeline would run it.
@Suite struct CLITests {
    static let binary = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("preflight").path
    static let fixedTime = ["SOURCE_DATE_EPOCH": "1795000000", "NO_COLOR": "1"]
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples").standardized

    func preflight(_ arguments: String...) throws -> RunResult {
        try run(Self.binary, arguments, environment: Self.fixedTime)
    }

    func json(_ result: RunResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    /// A small model repository with CI running tests on pull requests, a canary rollout and alert rules.
    func productionLikeRepository() throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write(".github/workflows/ci.yml", "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: pytest tests\n      - run: kubectl apply -f deploy/rollout.yaml\n")
        try repo.write("tests/test_model.py", "from sklearn.linear_model import LogisticRegression\ndef test_fits():\n    model = LogisticRegression().fit([[0], [1]], [0, 1])\n    assert model.predict([[1]])[0] == 1\n")
        try repo.write("deploy/rollout.yaml", "kind: Rollout\nspec:\n  strategy:\n    canary: {}\n")
        try repo.write("preflight.yaml", "version: 1\nmodel: { name: demo, version: 2.0.0 }\npolicy: { minimumScore: 0 }\n")
        try repo.commitAll()
        return repo
    }

    @Test func gateApprovesAndWritesJSON() throws {
        let repo = try productionLikeRepository()
        let result = try preflight("gate", repo.path, "--format", "json")
        #expect(result.status == 0, "\(result.errors)")
        let report = try json(result)
        #expect(report["schemaVersion"] as? Int == 1)
        let verdict = try #require(report["verdict"] as? [String: Any])
        #expect(verdict["decision"] as? String == "approved")
        let scorecard = try #require(report["scorecard"] as? [String: Any])
        let sections = try #require(scorecard["sections"] as? [[String: Any]])
        let infra = try #require(sections.first { $0["id"] as? String == "infra" })
        #expect(infra["points"] as? Double == 2)   // infra-2 (model tests in CI) and infra-6 (canary)
        let items = try #require(infra["items"] as? [[String: Any]])
        let canary = try #require(items.first { $0["id"] as? String == "infra-6" })
        #expect(canary["level"] as? String == "automated")
        #expect((report["model"] as? [String: Any])?["version"] as? String == "2.0.0")
        #expect(report["generatedAt"] as? String == "2026-11-18T11:06:40Z")
    }

    @Test func outputIsDeterministic() throws {
        let repo = try productionLikeRepository()
        let first = try preflight("gate", repo.path, "--format", "json").output
        let second = try preflight("gate", repo.path, "--format", "json").output
        #expect(first == second && !first.isEmpty)
    }

    @Test func bundledDefaultPolicyBlocksWithReasons() throws {
        let repo = try productionLikeRepository()
        try repo.write("preflight.yaml", "version: 1\n")
        try repo.commitAll()
        let result = try preflight("gate", repo.path)
        #expect(result.status == 1)
        #expect(result.output.contains("Verdict: BLOCKED"))
        #expect(result.output.contains("final score 0 is below the minimum 2"))
        #expect(result.output.contains("✓ infra-6"))
        #expect(result.output.contains("deploy/rollout.yaml:1: kind = Rollout"))
        #expect(result.output.contains(".github/workflows/ci.yml:6: kubectl apply -f deploy/rollout.yaml"))
    }

    @Test func flagsOverrideThePolicy() throws {
        let repo = try productionLikeRepository()
        #expect(try preflight("gate", repo.path, "--require", "infra-7", "-q").status == 1)
        #expect(try preflight("gate", repo.path, "--min-section", "infra=2").status == 0)
        #expect(try preflight("gate", repo.path, "--min-section", "infra=2.5").status == 1)
        let quiet = try preflight("gate", repo.path, "--quiet")
        #expect(quiet.output.hasPrefix("Verdict: APPROVED"))
    }

    @Test func couldNotDecideExitsTwo() throws {
        let missing = try preflight("gate", "/nonexistent/model")
        #expect(missing.status == 2 && missing.errors.contains("no such directory"))
        let repo = try productionLikeRepository()
        try repo.write("preflight.yaml", "version: 1\npolicy: { minimumScor: 1 }\n")
        let badConfig = try preflight("gate", repo.path)
        #expect(badConfig.status == 2)
        #expect(badConfig.errors.contains("preflight.yaml:2:11: error: policy.minimumScor: unknown key 'minimumScor' (did you mean 'minimumScore'?)"))
        try repo.write("preflight.yaml", "version: 1\nitems: { infra-77: { skip: nope } }\n")
        #expect(try preflight("gate", repo.path).errors.contains("unknown item 'infra-77' (did you mean 'infra-7'?)"))
        #expect(try preflight("gate", repo.path, "--format", "yaml").status == 2)
        #expect(try preflight("gate", repo.path, "--no-such-flag").status == 2)
        #expect(try preflight("gate", repo.path, "--rubric", Fixtures.rubric("bad-regex.yaml").path).status == 2)
    }

    /// `preflight pipelines` shows each command with the chain that leads to it, and leaves echoes out unless asked.
    @Test func pipelinesShowsWhatCIRuns() throws {
        let repo = try TemporaryDirectory()
        try repo.write(".github/workflows/ci.yml", "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: echo start && make test\n")
        try repo.write("Makefile", "test:\n\tpython -m pytest tests\n")
        try repo.write("tests/test_model.py", "def test_x():\n    assert True\n")
        try repo.commitAll()
        let shown = try preflight("pipelines", repo.path)
        #expect(shown.status == 0)
        #expect(shown.output.contains(".github/workflows/ci.yml:5: make test → Makefile:2: python -m pytest tests\n    collects 1 test file: tests/test_model.py"))
        #expect(shown.output.contains("runs on pull requests (line 1)") && !shown.output.contains("echo start"))
        #expect(try preflight("pipelines", repo.path, "--all").output.contains(".github/workflows/ci.yml:5: echo start"))
        #expect(try preflight("pipelines", repo.path + "/missing").status == 2)
    }

    @Test func validateExplainAndRubrics() throws {
        let valid = try preflight("validate", Fixtures.rubric("valid.yaml").path)
        #expect(valid.status == 0 && valid.output.contains("ok: rubric 'tiny'"))
        let invalid = try preflight("validate", Fixtures.rubric("unknown-key.yaml").path)
        #expect(invalid.status == 2 && invalid.errors.contains("unknown-key.yaml:21:9: error:"))
        let explain = try preflight("explain", "monitor-4")
        #expect(explain.status == 0 && explain.output.contains("Models are not too stale") && explain.output.contains("How to satisfy it"))
        // What earns each level, in the rubric's plain words, above the rules.
        #expect(explain.output.contains("(automated, run repeatedly):\n  An alert on the serving model's age, or retraining on a schedule."))
        #expect(try preflight("explain", "monitor-44").errors.contains("did you mean 'monitor-4'"))
        #expect(try preflight("rubrics").output.contains("ml-test-score"))
        #expect(try preflight("--help").output.contains("2  could not decide"))
    }

    @Test func bundledExamplesGetTheirVerdicts() throws {
        let examples = Self.examples
        let production = try preflight("gate", examples.appendingPathComponent("fraud-detector").path, "--format", "json")
        #expect(production.status == 0, "\(production.errors)")
        let science = try preflight("gate", examples.appendingPathComponent("churn-notebook").path, "--format", "json")
        #expect(science.status == 1)
        let card = try #require(try json(science)["scorecard"] as? [String: Any])
        #expect(card["total"] as? Double == 0)
        #expect((card["production"] as? [String: Any])?["label"] as? String == "A science project")
    }

    @Test func attestAppendsEntriesTheGateThenCounts() throws {
        let repo = try productionLikeRepository()
        try repo.write("docs/ablation.md", "# Ablation\n")
        let ledger = repo.url.appendingPathComponent("readiness/attestations.yaml")
        let handWritten = "# Our attestations\nversion: 1\nattestations:\n    - item: data-3\n      summary: \"cost: reviewed\"\n      by: carol\n      date: 2026-11-10\n      document: docs/ablation.md\n"
        try repo.write("readiness/attestations.yaml", handWritten)
        let made = try preflight("attest", "data-2", "--summary", "Ablation: 3 of 41 features removed", "--doc", "docs/ablation.md",
                                 "--by", "alice@example.com", "--expires", "30d", "-C", repo.path)
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.output.contains("valid until 2026-12-18"))
        let text = try String(contentsOf: ledger, encoding: .utf8)
        #expect(text.hasPrefix(handWritten))   // nothing already there is rewritten
        #expect(text.contains("\n    - item: \"data-2\"\n      summary: \"Ablation: 3 of 41 features removed\"\n"))
        let listed = try preflight("attestations", "-C", repo.path)
        #expect(listed.status == 0 && listed.output.contains("data-2") && listed.output.contains("valid until 2026-12-18"))
        let card = try #require(try json(try preflight("gate", repo.path, "--format", "json"))["scorecard"] as? [String: Any])
        let items = (card["sections"] as? [[String: Any]] ?? []).flatMap { $0["items"] as? [[String: Any]] ?? [] }
        #expect(items.first { $0["id"] as? String == "data-2" }?["points"] as? Double == 0.5)

        let refused = try preflight("attest", "data-2", "--summary", "s", "--doc", "docs/none.md", "--by", "a", "-C", repo.path)
        #expect(refused.status == 2 && refused.errors.contains("docs/none.md does not exist"))
        let unknown = try preflight("attest", "data-22", "--summary", "s", "--doc", "docs/ablation.md", "--by", "a", "-C", repo.path)
        #expect(unknown.status == 2 && unknown.errors.contains("unknown item 'data-22' (did you mean 'data-2'?)"))
        #expect(try String(contentsOf: ledger, encoding: .utf8) == text)   // refused entries write nothing
    }

    @Test func waiveRecordsAWaiverAndTheGateReportsBothVerdicts() throws {
        let repo = try productionLikeRepository()
        let blocked = try preflight("gate", repo.path, "--min-score", "3")
        #expect(blocked.status == 1)
        let made = try preflight("waive", "--policy", "minimumScore", "--reason", "pilot on 1% of traffic", "--approver", "bob",
                                 "--expires", "14d", "-C", repo.path)
        #expect(made.status == 0, "\(made.errors)")
        let waived = try preflight("gate", repo.path, "--min-score", "3")
        #expect(waived.status == 0)
        #expect(waived.output.contains("APPROVED (with waivers; without them: BLOCKED)"))
        #expect(waived.output.contains("waived by bob until 2026-12-02"))
        let tooLong = try preflight("waive", "infra-7", "--reason", "r", "--approver", "bob", "--expires", "45d", "-C", repo.path)
        #expect(tooLong.status == 2 && tooLong.errors.contains("more than the policy's limit of 30 days"))
        let listed = try preflight("waivers", "-C", repo.path)
        #expect(listed.status == 0 && listed.output.contains("minimumScore  in-force (ends 2026-12-02)"))
    }

    @Test func aFlowStyleLedgerIsNeverRewritten() throws {
        let repo = try productionLikeRepository()
        try repo.write("readiness/waivers.yaml", "version: 1\nwaivers: []\n")
        let result = try preflight("waive", "infra-7", "--reason", "r", "--approver", "bob", "--expires", "3d", "-C", repo.path)
        #expect(result.status == 2 && result.errors.contains("flow style"))
        #expect(try String(contentsOfFile: repo.path + "/readiness/waivers.yaml", encoding: .utf8) == "version: 1\nwaivers: []\n")
    }
}

import Foundation
import Testing
@testable import PreflightKit
@testable import PreflightReport

/// The regression gate with waivers, on real SQLite histories: which record is the baseline, what a policy waiver
/// covers, and what each blocking check says would waive it.
@Suite struct BaselineWaiverTests {
    let history = HistoryTests()
    let drop = PolicyOverrides(maxScoreDrop: 0)

    func render(_ format: ReportFormat, _ evaluation: Evaluation) throws -> String {
        try format.reporter(ReportOptions()).render(evaluation)
    }

    /// 1.0.0 recorded with its canary rollout; then the rollout removed, so the infra section drops by one point.
    func droppedRepository(waivers: String? = nil) throws -> TemporaryDirectory {
        let repo = try history.repository()
        _ = try history.gate(repo, version: "1.0.0", policy: drop)
        try FileManager.default.removeItem(atPath: repo.path + "/deploy/rollout.yaml")
        if let waivers { try repo.write("readiness/waivers.yaml", "version: 1\nwaivers:\n" + waivers) }
        try repo.commitAll()
        return repo
    }

    func waiver(_ policy: String, version: String? = nil) -> String {
        "  - { policy: \(policy), reason: pilot, approver: bob, date: 2026-11-17, expires: 2026-11-30\(version.map { ", modelVersion: \($0)" } ?? "") }\n"
    }

    @Test func anApprovalThatNeededWaiversIsNeverTheBaseline() throws {
        let repo = try droppedRepository(waivers: waiver("maxScoreDrop.infra", version: "1.1.0"))
        let waived = try history.gate(repo, version: "1.1.0", policy: drop)
        #expect(waived.verdict.rawDecision == .blocked && waived.verdict.decision == .approved)

        let next = try history.gate(repo, version: "1.2.0", policy: drop)
        let comparison = try #require(next.baseline)
        #expect(comparison.baseline?.version == "1.0.0")
        #expect(comparison.baseline?.reason == BaselineComparison.reason)
        #expect(comparison.approvedUnderWaivers == ["1.1.0"])
        #expect(next.verdict.decision == .blocked)
        #expect(next.verdict.reasons.map(\.rule) == [.maxScoreDrop])
        #expect(next.verdict.reasons.first?.section == "infra")

        let stored = try run("/usr/bin/env", ["sqlite3", repo.path + "/.preflight/history.sqlite",
                                              "SELECT version, decision, rawDecision FROM evaluation ORDER BY id"])
        #expect(stored.output == "1.0.0|approved|approved\n1.1.0|approved|blocked\n1.2.0|blocked|blocked\n")

        let table = try run(CLITests.binary, ["history", "demo", "-C", repo.path]).output.split(separator: "\n")
        #expect(table.count == 4 && table[2].hasPrefix("demo   1.1.0") && table[2].hasSuffix("approved (with waivers)"), "\(table)")
        let csv = try run(CLITests.binary, ["history", "demo", "-C", repo.path, "--format", "csv"]).output.split(separator: "\n")
        #expect(csv.first?.hasSuffix(",decision,rawDecision") == true && csv[2].hasSuffix(",approved,blocked"), "\(csv)")

        let note = "compared with 1.0.0, the last version approved without waivers, recorded 2026-11-18; 1.1.0 was approved only under waivers"
        #expect(comparison.note == note)
        for format in [ReportFormat.text, .markdown, .html] {
            #expect(try render(format, next).contains(note), "\(format)")
        }
        let json = try #require(JSONSerialization.jsonObject(with: Data(try render(.json, next).utf8)) as? [String: Any])
        let baseline = try #require(json["baseline"] as? [String: Any])
        #expect(baseline["approvedUnderWaivers"] as? [String] == ["1.1.0"])
        #expect((baseline["baseline"] as? [String: Any])?["reason"] as? String == BaselineComparison.reason)
    }

    @Test func withOnlyWaivedApprovalsThereIsNoBaseline() throws {
        let repo = try history.repository()
        try repo.write("readiness/waivers.yaml", "version: 1\nwaivers:\n" + waiver("minimumScore"))
        try repo.commitAll()
        let waived = try history.gate(repo, version: "1.0.0", policy: PolicyOverrides(minimumScore: 3))
        #expect(waived.verdict.rawDecision == .blocked && waived.verdict.decision == .approved)
        let next = try history.gate(repo, version: "1.1.0", record: false, policy: drop)
        #expect(next.baseline?.baseline == nil && next.baseline?.approvedUnderWaivers == ["1.0.0"])
        #expect(next.baseline?.note.contains("no version of demo was approved without waivers (1.0.0 was approved only under waivers)") == true)
    }

    @Test func aMaxScoreDropWaiverCoversTheFinalAndEverySectionDrop() throws {
        let repo = try droppedRepository(waivers: waiver("maxScoreDrop"))
        let evaluation = try history.gate(repo, version: "1.1.0", record: false, policy: drop)
        let drops = evaluation.verdict.checks.filter { $0.rule == .maxScoreDrop && !$0.passed }
        #expect(drops.map(\.section) == ["infra"])
        #expect(drops.allSatisfy { $0.waivedBy != nil })
        #expect(evaluation.verdict.rawDecision == .blocked && evaluation.verdict.decision == .approved)
        #expect(evaluation.manual.waivers.map(\.state) == [.inForce])
    }

    @Test func aSectionWaiverCoversOnlyItsSection() throws {
        let repo = try droppedRepository(waivers: waiver("maxScoreDrop.data"))
        let evaluation = try history.gate(repo, version: "1.1.0", record: false, policy: drop)
        #expect(evaluation.verdict.decision == .blocked)
        #expect(evaluation.verdict.reasons.map(\.policyKey) == ["maxScoreDrop.infra"])
    }

    @Test func everyBlockingCheckNamesTheWaiverThatWouldExemptIt() throws {
        let repo = try droppedRepository()
        try repo.write("preflight.yaml", "version: 1\nmodel: { name: demo }\npolicy: { minimumScore: 0, unwaivable: [infra-7] }\n")
        try repo.commitAll()
        let policy = PolicyOverrides(minimumScore: 1, sectionMinimums: ["infra": 2], required: ["infra-7", "infra-1"], maxScoreDrop: 0)
        let evaluation = try history.gate(repo, version: "1.1.0", record: false, policy: policy)
        let targets = Dictionary(evaluation.verdict.reasons.map { ($0.policyKey ?? "\($0.rule.rawValue) \($0.item ?? "")", $0.waivableBy) },
                                 uniquingKeysWith: { first, _ in first })
        #expect(targets["minimumScore"] == PolicyCheck.WaiverTarget(policy: "minimumScore"))
        #expect(targets["sectionMinimums.infra"] == PolicyCheck.WaiverTarget(policy: "sectionMinimums.infra"))
        #expect(targets["maxScoreDrop.infra"] == PolicyCheck.WaiverTarget(policy: "maxScoreDrop.infra"))
        #expect(targets["required infra-1"] == PolicyCheck.WaiverTarget(item: "infra-1"))
        #expect(targets.keys.contains("required infra-7") && targets["required infra-7"]! == nil)

        let text = try render(.text, evaluation)
        let blocking = text.split(separator: "\n").drop { !$0.hasPrefix("Verdict:") }.filter { $0.hasPrefix("  ✗ ") }
        #expect(blocking.count == evaluation.verdict.reasons.count && !blocking.isEmpty)
        #expect(blocking.allSatisfy { $0.contains(" — waivable: preflight waive ") || $0.contains(" — cannot be waived") })
        #expect(text.contains("below its minimum 2 — waivable: preflight waive --policy sectionMinimums.infra …"))
        #expect(text.contains("required item infra-7 (Serving models can be rolled back) earns nothing — cannot be waived: the policy lists infra-7 as unwaivable"))
        let markdown = try render(.markdown, evaluation), html = try render(.html, evaluation)
        for hint in ["waivable: preflight waive --policy maxScoreDrop.infra …", "waivable: preflight waive infra-1 …",
                     "cannot be waived: the policy lists infra-7 as unwaivable"] {
            #expect(markdown.contains(hint) && html.contains(hint), "\(hint)")
        }
        let json = try #require(JSONSerialization.jsonObject(with: Data(try render(.json, evaluation).utf8)) as? [String: Any])
        let checks = try #require((json["verdict"] as? [String: Any])?["checks"] as? [[String: Any]])
        #expect(checks.contains { $0["rule"] as? String == "sectionMinimums" && ($0["waivableBy"] as? [String: String]) == ["policy": "sectionMinimums.infra"] })
    }

    @Test func theWaivableKeysComeFromThePolicyRules() throws {
        #expect(PolicyRule.waivableKeys(sections: ["a", "b"]) ==
                ["minimumScore", "sectionMinimums.a", "sectionMinimums.b", "maxScoreDrop", "maxScoreDrop.a", "maxScoreDrop.b"])
        #expect(PolicyRule.allCases.filter(\.isWaivable) == [.minimumScore, .sectionMinimums, .maxScoreDrop])
        let help = try run(CLITests.binary, ["waive", "--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for key in ["minimumScore", "sectionMinimums.<section>", "maxScoreDrop", "maxScoreDrop.<section>"] {
            #expect(help.contains(key), "\(key)")
        }
        #expect(help.contains("Checks of required, onError, onUnavailable, itemRegression name an item"))

        let repo = try history.repository()
        try repo.write("readiness/waivers.yaml", "version: 1\nwaivers:\n" + waiver("onError"))
        try repo.commitAll()
        let evaluation = try history.gate(repo, version: "1.0.0", record: false)
        #expect(evaluation.manual.waivers.isEmpty)
        #expect(evaluation.manual.problems.first?.contains("unknown policy rule 'onError' (onError checks are waived through their item: preflight waive ITEM)") == true)
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// Attestations and waivers in real git repositories, at an injected time.
@Suite struct ManualEvidenceTests {
    static let now = ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z")!

    /// A repository with nothing but its ledgers, a results document and a preflight.yaml.
    func repository(attestations: String? = nil, waivers: String? = nil, config: String = "version: 1\nmodel: { name: m, version: 1.0.0 }\n") throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write("docs/ablation.md", "# Ablation\n")
        try repo.write("preflight.yaml", config)
        if let attestations { try repo.write("readiness/attestations.yaml", "version: 1\nattestations:\n" + attestations) }
        if let waivers { try repo.write("readiness/waivers.yaml", "version: 1\nwaivers:\n" + waivers) }
        try repo.commitAll()
        return repo
    }

    func evaluate(_ repo: TemporaryDirectory, policy: PolicyOverrides = PolicyOverrides()) throws -> Evaluation {
        var options = GateOptions()
        options.now = Self.now
        options.policy = policy
        return try Gate.evaluate(repository: repo.path, options: options)
    }

    func item(_ id: String, in evaluation: Evaluation) throws -> ItemResult {
        try #require(evaluation.scorecard.items.first { $0.id == id })
    }

    func attestation(item: String = "data-2", date: String = "2026-11-02", document: String = "docs/ablation.md",
                     extra: String = "") -> String {
        "  - item: \(item)\n    summary: Ablation of 41 features\n    by: alice@example.com\n    date: \(date)\n    document: \(document)\n\(extra)"
    }

    @Test func aValidAttestationEarnsTheManualLevelOnly() throws {
        let evaluation = try evaluate(try repository(attestations: attestation()))
        let result = try item("data-2", in: evaluation)
        #expect(result.level == .manual && result.points == 0.5)
        #expect(result.manual?.message.contains("attested by alice@example.com on 2026-11-02, valid until 2027-01-31") == true)
        #expect(evaluation.manual.attestations.map(\.state) == [.valid])
    }

    @Test func expiredAndUndocumentedAttestationsEarnNothingAndSayWhy() throws {
        let ledger = attestation(date: "2026-06-01") + attestation(item: "data-3", document: "docs/missing.md")
            + attestation(item: "data-5", extra: "    expires: 2026-11-20\n")
        let evaluation = try evaluate(try repository(attestations: ledger))
        #expect(try item("data-2", in: evaluation).points == 0)
        #expect(try item("data-2", in: evaluation).manual?.message.contains("expired on 2026-08-30") == true)
        #expect(try item("data-3", in: evaluation).manual?.message.contains("docs/missing.md does not exist") == true)
        #expect(try item("data-5", in: evaluation).manual?.leafMessages(with: .unsatisfied).joined().contains("expired on 2026-11-20") == true)
        #expect(evaluation.manual.problems.isEmpty)
    }

    @Test(arguments: [
        ("  - item: data-2\n    summary: s\n    by: a\n    date: 2026-12-01\n    document: docs/ablation.md\n", "date 2026-12-01 is in the future", "data-2"),
        ("  - item: data-2\n    summary: s\n    by: a\n    date: 2026-13-45\n    document: docs/ablation.md\n", "'2026-13-45' is not a date", "data-2"),
        ("  - item: data-2\n    summary: s\n    by: a\n    date: 2026-11-01\n    document: ../secrets.md\n", "outside the repository", "data-2"),
        ("  - item: data-2\n    summary: s\n    date: 2026-11-01\n    document: docs/ablation.md\n", "missing required key 'by'", "data-2"),
        ("  - item: data-2\n    summary: s\n    by: a\n    date: 2026-11-01\n    document: docs/ablation.md\n    signed: yes\n", "unknown key 'signed'", "data-2"),
    ])
    func malformedAttestationsAreLocatedAndFailClosed(entry: String, message: String, item id: String) throws {
        let evaluation = try evaluate(try repository(attestations: entry))
        let problem = try #require(evaluation.manual.problems.first)
        #expect(problem.hasPrefix("readiness/attestations.yaml:") || problem.contains("/readiness/attestations.yaml:"))
        #expect(problem.contains(message))
        let result = try item(id, in: evaluation)
        #expect(result.points == 0 && result.outcome == .error)
        #expect(evaluation.verdict.decision == .blocked)
    }

    @Test func unknownItemsAndDuplicatesAreRejected() throws {
        let evaluation = try evaluate(try repository(attestations: attestation(item: "data-22") + attestation() + attestation()))
        #expect(evaluation.manual.problems.count == 2)
        #expect(evaluation.manual.problems[0].contains("attestations[0].item: unknown item 'data-22' (did you mean 'data-2'?)"))
        #expect(evaluation.manual.problems[1].contains("duplicate of the attestation at"))
        #expect(try item("data-2", in: evaluation).points == 0.5)   // the first of the duplicates still counts
    }

    @Test func aRubricCannotLetAnAttestationEarnTheAutomatedLevel() throws {
        let rubric = """
        version: 1
        id: r
        title: R
        scoring:
          levels: { automated: 1, manual: 0.5 }
          final: minimum
          bands: [{ label: any }]
          production: [{ label: any }]
        sections:
          - id: s
            title: S
            items:
              - { id: a-1, title: A, why: w, how: h, automated: { attestation: true } }
        """
        #expect {
            _ = try YAMLDocument(text: rubric, file: "r.yaml").decode(Rubric.self)
        } throws: { error in
            error.localizedDescription.contains("r.yaml:13:") && error.localizedDescription.contains("earns only the manual level")
        }
    }

    // MARK: Waivers

    let blockingPolicy = PolicyOverrides(minimumScore: 1, required: ["infra-7"])

    @Test func aWaiverInForceApprovesAndTheRawVerdictStaysVisible() throws {
        let waivers = """
          - policy: minimumScore
            reason: pilot on 1% of traffic
            approver: bob@example.com
            date: 2026-11-20
            expires: 2026-12-04
          - item: infra-7
            reason: rollback drill next sprint
            approver: bob@example.com
            date: 2026-11-20
            expires: 2026-12-04
            modelVersion: 1.0.0

        """
        let evaluation = try evaluate(try repository(waivers: waivers), policy: blockingPolicy)
        #expect(evaluation.verdict.rawDecision == .blocked)
        #expect(evaluation.verdict.decision == .approved)
        #expect(evaluation.verdict.waived.map(\.rule) == [.minimumScore, .required])
        #expect(evaluation.verdict.waived.allSatisfy { $0.waivedBy?.contains("bob@example.com until 2026-12-04") == true })
    }

    @Test func expiredOtherVersionOverLimitAndForbiddenWaiversDoNotApply() throws {
        func waiver(_ target: String, date: String = "2026-11-20", expires: String = "2026-12-01", version: String? = nil) -> String {
            "  - \(target)\n    reason: r\n    approver: bob\n    date: \(date)\n    expires: \(expires)\n" + (version.map { "    modelVersion: \($0)\n" } ?? "")
        }
        let ledger = waiver("policy: minimumScore", date: "2026-11-01", expires: "2026-11-15")
            + waiver("item: infra-7", version: "0.9.0")
            + waiver("item: infra-1", expires: "2027-01-31")
            + waiver("item: infra-6")
            + waiver("policy: sectionMinimums.dat")
        let config = "version: 1\nmodel: { name: m, version: 1.0.0 }\npolicy: { unwaivable: [infra-6] }\n"
        let evaluation = try evaluate(try repository(waivers: ledger, config: config), policy: blockingPolicy)
        #expect(evaluation.verdict.decision == .blocked)
        #expect(evaluation.verdict.waived.isEmpty)
        #expect(evaluation.manual.waivers.map(\.state) == [.expired, .otherVersion])
        let problems = evaluation.manual.problems.joined(separator: "\n")
        #expect(problems.contains("waivers[2].expires: expires 2027-01-31 is more than the policy's limit of 30 days"))
        #expect(problems.contains("waivers[3].item: the policy forbids waivers for 'infra-6'"))
        #expect(problems.contains("waivers[4].policy: unknown policy rule 'sectionMinimums.dat' (did you mean 'sectionMinimums.data'?)"))
    }

    @Test func aBrokenLedgerFileFailsClosed() throws {
        let repo = try repository(attestations: "  - item: [data-2\n")
        let evaluation = try evaluate(repo)
        #expect(try item("data-2", in: evaluation).outcome == .error)
        #expect(evaluation.manual.problems.first?.contains("readiness/attestations.yaml:") == true)
        #expect(evaluation.verdict.decision == .blocked)
    }

    /// A ledger reached through a symlinked directory that leads out of the repository is refused, and its
    /// content appears nowhere.
    @Test func aLedgerBehindASymlinkOutOfTheRepositoryIsRefused() throws {
        let outside = try TemporaryDirectory()
        try outside.write("attestations.yaml", "version: 1\nattestations:\n" + attestation())
        let repo = try repository()
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/readiness", withDestinationPath: outside.path)
        let evaluation = try evaluate(repo)
        #expect(try item("data-2", in: evaluation).outcome == .error)
        #expect(evaluation.manual.problems.contains { $0.contains("resolves outside the repository") })
        #expect(!evaluation.manual.problems.joined().contains("Ablation"))
    }
}

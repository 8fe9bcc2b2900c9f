import Foundation
import Testing
@testable import PreflightKit

/// preflight.yaml gives items rules of their own, without copying the rubric: checked as a rubric's rules are, with
/// the rubric's parameters, located in preflight.yaml, and part of the rubric's content hash.
@Suite struct ItemRuleOverrideTests {
    @Test func anItemsOwnRuleReplacesTheRubrics() throws {
        let repo = try TemporaryDirectory()
        try repo.write("reports/baseline-2026-11.md", "# A dummy classifier against the model\n")
        try repo.write("src/model.py", "import pandera\n")
        try repo.write("preflight.yaml", """
            version: 1
            parameters: { code: ["src/**/*.py"] }
            items:
              model-5:
                manual: { files: ["reports/baseline-*.md"] }
                counts: { manual: "a baseline comparison written up in reports/" }
              data-7:
                automated: { imports: [pandera], in: [$code] }
            """)
        try repo.commitAll()
        var options = GateOptions()
        options.now = Date()
        let empty = try TemporaryDirectory()
        try empty.write("README.md", "nothing configured\n")
        try empty.commitAll()
        let plain = try GateContext(repository: empty.path, options: options).rubric
        let context = try GateContext(repository: repo.path, options: options)
        #expect(context.rubric.contentHash != plain.contentHash)
        let evaluation = try Gate.evaluate(repository: repo.path, options: options)
        let baseline = try #require(evaluation.scorecard.items.first { $0.id == "model-5" })
        #expect(baseline.level == .manual)
        #expect(baseline.counts?.manual == "a baseline comparison written up in reports/")
        let features = try #require(evaluation.scorecard.items.first { $0.id == "data-7" })
        #expect(features.level == .automated)
        #expect(features.counts?.automated == "this model's own rule (preflight.yaml)")
        let validated = try run(CLITests.binary, ["validate", repo.path + "/preflight.yaml"])
        #expect(validated.output.contains("ok: model configuration for rubric 'ml-test-score', with its own rules for 2 items"))
    }

    /// An item of the model's own joins a rubric section, is scored and required like the rubric's.
    @Test func anItemOfTheModelsOwnIsScored() throws {
        let repo = try TemporaryDirectory()
        try repo.write("ops/reconcile.py", "print('reconciled')\n")
        try repo.write(".github/workflows/reconcile.yml", "on: { schedule: [{ cron: '0 4 * * *' }] }\njobs:\n  r:\n    steps:\n      - run: python ops/reconcile.py\n")
        try repo.write("preflight.yaml", """
            version: 1
            policy: { required: [fraud-1] }
            items:
              fraud-1:
                section: monitor
                title: Chargebacks are reconciled daily
                automated: { ci: { scheduled: true, step: "reconcile" } }
            """)
        try repo.commitAll()
        var options = GateOptions()
        options.now = Date()
        let evaluation = try Gate.evaluate(repository: repo.path, options: options)
        let item = try #require(evaluation.scorecard.items.first { $0.id == "fraud-1" })
        #expect(item.section == "monitor" && item.level == .automated && item.title == "Chargebacks are reconciled daily")
        #expect(evaluation.scorecard.sections.first { $0.id == "monitor" }?.maxPoints == 8)
        #expect(!evaluation.verdict.reasons.contains { $0.message.contains("fraud-1") })

        try repo.write("preflight.yaml", "version: 1\nitems:\n  fraud-1:\n    section: monitoring\n    title: T\n    manual: { attestation: true }\n")
        let section = try #require(throws: PreflightError.self) { try GateContext(repository: repo.path) }
        #expect(section.localizedDescription.contains("preflight.yaml:4:14: error: items.fraud-1.section: rubric 'ml-test-score' has no section 'monitoring'; its sections: data, model, infra, monitor"), "\(section.localizedDescription)")
        try repo.write("preflight.yaml", "version: 1\nitems:\n  fraud-1:\n    title: T\n    manual: { attestation: true }\n")
        let orphan = try #require(throws: PreflightError.self) { try GateContext(repository: repo.path) }
        #expect(orphan.localizedDescription.contains("items.fraud-1.title: title goes with section:"), "\(orphan.localizedDescription)")
    }

    @Test func aBadOwnRuleIsLocatedInPreflightYAML() throws {
        let repo = try TemporaryDirectory()
        try repo.write("preflight.yaml", "version: 1\nitems:\n  model-5:\n    manual: { filez: [\"x\"] }\n")
        try repo.commitAll()
        let error = try #require(throws: PreflightError.self) { try GateContext(repository: repo.path) }
        #expect(error.localizedDescription.contains("preflight.yaml:4:13: error: items.model-5.manual: a rule needs one of all, any, not, files,"), "\(error.localizedDescription)")
        #expect(error.localizedDescription.hasSuffix("(did you mean 'files'?)"))
        try repo.write("preflight.yaml", "version: 1\nitems:\n  model-5:\n    counts: { manual: \"x\" }\n")
        let counts = try #require(throws: PreflightError.self) { try GateContext(repository: repo.path) }
        #expect(counts.localizedDescription.contains("items.model-5.counts: counts describe the item's own rules"), "\(counts.localizedDescription)")
        try repo.write("preflight.yaml", "version: 1\nitems:\n  model-5:\n    automated: { attestation: true }\n")
        let attested = try #require(throws: PreflightError.self) { try GateContext(repository: repo.path) }
        #expect(attested.localizedDescription.contains("an attestation earns only the manual level"), "\(attested.localizedDescription)")
    }
}

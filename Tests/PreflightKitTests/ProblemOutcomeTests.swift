import Foundation
import Testing
@testable import PreflightKit

/// Which policy setting judges an item's problems: each problem's own outcome decides, not the item's.
@Suite struct ProblemOutcomeTests {
    /// An item that earns its manual level while its automated level lacks data: the missing data is judged by
    /// `onUnavailable`, never `onError` (review, Appendix A.1). A directory outside git has no history to tell
    /// when a file changed.
    @Test(arguments: [
        (Policy.Failure.block, Policy.Failure.ignore, Verdict.Decision.approved),
        (.ignore, .block, .blocked),
    ])
    func missingDataIsJudgedByOnUnavailable(onError: Policy.Failure, onUnavailable: Policy.Failure, decision: Verdict.Decision) throws {
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", oneSectionRubric([
            "{ id: t-1, title: retrained, why: w, how: h, automated: { changed: { files: [\"models/**\"], within: 30d } }, manual: { files: [docs/runbook.md] } }",
        ]))
        try repo.write("models/model.pkl", "weights\n")
        try repo.write("docs/runbook.md", "# Retraining by hand\n")
        var options = GateOptions()
        options.rubric = repo.path + "/rubric.yaml"
        options.policy = PolicyOverrides(onError: onError, onUnavailable: onUnavailable)
        let evaluation = try Gate.evaluate(repository: repo.path, options: options)
        let item = try #require(evaluation.scorecard.items.first)
        #expect(item.outcome == .satisfied && item.level == .manual)
        #expect(item.problems.map(\.outcome) == [.notAvailable])
        #expect(evaluation.verdict.checks.map(\.rule) == [.minimumScore, .onUnavailable])
        #expect(evaluation.verdict.decision == decision)
    }

    /// An item with both an error and missing data gets one check per knob.
    @Test func eachProblemGetsTheSettingOfItsOwnKind() {
        let item = ItemResult(id: "x-1", title: "x", section: "s", outcome: .error, level: nil, points: 0, maxPoints: 1,
                              automated: nil, manual: nil, skipReason: nil,
                              problems: [ItemProblem(outcome: .error, message: "unreadable"),
                                         ItemProblem(outcome: .notAvailable, message: "no series")],
                              why: "", how: "", location: nil)
        let band = BandPlacement(index: 0, count: 1, label: "any", danger: nil, bands: [])
        let card = Scorecard(sections: [SectionScore(id: "s", title: "s", points: 0, maxPoints: 1, items: [item])], final: 0,
                             finalBand: band, total: 0, maxTotal: 1, production: band)
        let verdict = Verdict(scorecard: card, policy: Policy(onError: .ignore, onUnavailable: .block))
        #expect(verdict.reasons.map(\.rule) == [.onUnavailable])
        #expect(verdict.reasons.first?.message == "x-1 lacks data: no series")
        #expect(verdict.checks.first { $0.rule == .onError }?.passed == true)
    }
}

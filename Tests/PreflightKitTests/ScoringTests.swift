import Foundation
import Testing
@testable import PreflightKit

/// Scoring and policy from hand-built evidence: no repository involved. The band edges are the bundled ML Test
/// Score's; everything else is scored against a test rubric (Fixtures/rubrics/scoring.yaml), so that editing the
/// bundled rubric never breaks a scoring test.
@Suite struct ScoringTests {
    let rubric = try! RubricLoader.load("ml-test-score")
    let scoring = try! RubricLoader.load(file: Fixtures.rubric("scoring.yaml"))

    @Test(arguments: [
        (0.0, 0), (0.5, 1), (1.0, 1), (1.5, 2), (2.0, 2), (2.5, 3), (3.0, 3), (3.5, 4), (5.0, 4), (5.5, 5), (7.0, 5),
    ])
    func mlTestScoreBandEdges(score: Double, band: Int) {
        #expect(rubric.scoring.bands.band(for: score).index == band)
    }

    @Test(arguments: [
        (0.0, 0), (0.5, 1), (2.0, 1), (2.5, 2), (4.0, 2), (4.5, 3), (9.5, 3), (10.0, 4), (28.0, 4),
    ])
    func productionScaleBandEdges(total: Double, band: Int) {
        #expect(rubric.scoring.production.band(for: total).index == band)
    }

    /// Evidence where only the named files exist and no content query found anything, as the collector would leave it.
    func evidence(files: [String]) -> Evidence { Evidence.handBuilt(files: files, for: scoring.allProbes) }

    @Test func finalScoreIsTheWeakestSection() {
        let card = Scorer(rubric: scoring).score(RuleEvaluator(evidence: evidence(files: [".github/dependabot.yml", "x/schema.json", "a/poetry.lock"])))
        let bySection = Dictionary(uniqueKeysWithValues: card.sections.map { ($0.id, $0.points) })
        #expect(bySection["data"] == 1.5)       // a schema file: manual; a lock file: automated
        #expect(bySection["monitor"] == 1)      // dependabot: automated; no test pipeline
        #expect(card.final == 1)
        #expect(card.total == 2.5)
        #expect(card.finalBand.label == "low")
        #expect(card.production.label == "production")
        #expect(card.items.first { $0.id == "schema" }?.level == .manual)
        #expect(card.items.first { $0.id == "locked" }?.level == .automated)
    }

    @Test func skippedItemsAreNotApplicableAndEarnNothing() {
        let card = Scorer(rubric: scoring, skips: ["locked": "no dependencies"]).score(RuleEvaluator(evidence: evidence(files: ["poetry.lock"])))
        let item = card.items.first { $0.id == "locked" }
        #expect(item?.outcome == .notApplicable && item?.points == 0 && item?.skipReason == "no dependencies")
    }

    @Test func policyChecksEveryRequirement() {
        let card = Scorer(rubric: scoring).score(RuleEvaluator(evidence: evidence(files: [".github/dependabot.yml"])))
        let blocked = Verdict(scorecard: card, policy: Policy(minimumScore: 0, sectionMinimums: ["monitor": 1], required: ["tested"]))
        #expect(blocked.decision == .blocked)
        #expect(blocked.reasons.map(\.rule) == [.required])
        let approved = Verdict(scorecard: card, policy: Policy(minimumScore: 0, sectionMinimums: ["monitor": 1], required: ["updates"]))
        #expect(approved.decision == .approved)
        #expect(approved.checks.count == 3)
        let tooLow = Verdict(scorecard: card, policy: Policy(minimumScore: 0.5))
        #expect(tooLow.decision == .blocked && tooLow.reasons.map(\.rule) == [.minimumScore])
    }

    /// An error never earns points, and blocks unless the policy says to ignore errors.
    @Test func errorsFailClosed() throws {
        var evidence = evidence(files: [".github/workflows/ci.yml"])
        evidence.pipelineFailures[".github/workflows/ci.yml"] = EvidenceFailure(.unreadable, "permission denied")
        let card = Scorer(rubric: scoring).score(RuleEvaluator(evidence: evidence))
        let item = try #require(card.items.first { $0.id == "tested" })
        #expect(item.outcome == .error && item.points == 0)
        #expect(item.problemMessages.joined().contains("permission denied"))
        #expect(Verdict(scorecard: card, policy: Policy(minimumScore: 0)).decision == .blocked)
        #expect(Verdict(scorecard: card, policy: Policy(minimumScore: 0, onError: .ignore)).decision == .approved)
    }

    @Test(arguments: [
        ([Outcome.satisfied, .unsatisfied], Outcome.unsatisfied, Outcome.satisfied),
        ([.satisfied, .error], .error, .satisfied),
        ([.unsatisfied, .error], .unsatisfied, .error),
        ([.unsatisfied, .notAvailable], .unsatisfied, .notAvailable),
        ([.satisfied, .satisfied], .satisfied, .satisfied),
    ])
    func combinators(outcomes: [Outcome], all: Outcome, any: Outcome) {
        #expect(RuleEvaluator.combineAll(outcomes) == all)
        #expect(RuleEvaluator.combineAny(outcomes) == any)
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// Scoring and policy from hand-built findings: no repository involved.
@Suite struct ScoringTests {
    let rubric = try! RubricLoader.load("ml-test-score")

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
    func evidence(files: [String]) -> Evidence {
        var evidence = Evidence(repository: RepositoryIndex(root: URL(fileURLWithPath: "/nonexistent"), files: files, isGit: true), now: Date())
        evidence.history = GitHistory(lastChange: [:])
        for case .files(let probe) in rubric.items.flatMap({ [$0.automated, $0.manual].compactMap { $0 } }).flatMap(\.probes) {
            if let query = probe.contentQuery { evidence.content[query] = ContentResult() }
        }
        return evidence
    }

    @Test func finalScoreIsTheWeakestSection() {
        let files = ["/.github/dependabot.yml", "x/schema.json", "a/poetry.lock"].map { String($0.drop { $0 == "/" }) }
        let card = Scorer(rubric: rubric).score(RuleEvaluator(evidence: evidence(files: files)))
        let bySection = Dictionary(uniqueKeysWithValues: card.sections.map { ($0.id, $0.points) })
        #expect(bySection["monitor"] == 1)      // dependabot: automated
        #expect(bySection["data"] == 0.5)       // a schema file: manual
        #expect(bySection["infra"] == 0.5)      // a lock file: manual
        #expect(bySection["model"] == 0)
        #expect(card.final == 0)
        #expect(card.total == 2)
        #expect(card.production.label == "Still a science project")
        #expect(card.items.first { $0.id == "data-1" }?.level == .manual)
    }

    @Test func skippedItemsAreNotApplicableAndEarnNothing() {
        let card = Scorer(rubric: rubric, skips: ["infra-6": "batch only"]).score(RuleEvaluator(evidence: evidence(files: [])))
        let item = card.items.first { $0.id == "infra-6" }
        #expect(item?.outcome == .notApplicable && item?.points == 0 && item?.skipReason == "batch only")
    }

    @Test func policyChecksEveryRequirement() {
        let card = Scorer(rubric: rubric).score(RuleEvaluator(evidence: evidence(files: [".github/dependabot.yml"])))
        let blocked = Verdict(scorecard: card, policy: Policy(minimumScore: 0, sectionMinimums: ["monitor": 1], required: ["infra-7"]))
        #expect(blocked.decision == .blocked)
        #expect(blocked.reasons.map(\.rule) == [.required])
        let approved = Verdict(scorecard: card, policy: Policy(minimumScore: 0, sectionMinimums: ["monitor": 1], required: ["monitor-1"]))
        #expect(approved.decision == .approved)
        #expect(approved.checks.count == 3)
        let tooLow = Verdict(scorecard: card, policy: Policy(minimumScore: 0.5))
        #expect(tooLow.decision == .blocked && tooLow.reasons[0].message.contains("below the minimum 0.5"))
    }

    /// An error never earns points, and blocks unless the policy says to ignore errors.
    @Test func errorsFailClosed() throws {
        var evidence = evidence(files: [".github/workflows/ci.yml"])
        evidence.pipelineFailures[".github/workflows/ci.yml"] = "permission denied"
        let card = Scorer(rubric: rubric).score(RuleEvaluator(evidence: evidence))
        let item = try #require(card.items.first { $0.id == "infra-3" })
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

import Foundation
import Synchronization

/// Turns findings into points: per item the highest level whose rule holds, sections sum, the final score combines.
public struct Scorer: Sendable {
    public let rubric: Rubric
    public let skips: [String: String]

    public init(rubric: Rubric, skips: [String: String] = [:]) {
        self.rubric = rubric
        self.skips = skips
    }

    package func score(_ evaluator: RuleEvaluator) -> Scorecard {
        // Items are judged side by side: each reads the same evidence and nothing else.
        let work = rubric.sections.flatMap { section in section.items.map { (section: section.id, item: $0) } }
        let judged = Mutex([ItemResult?](repeating: nil, count: work.count))
        DispatchQueue.concurrentPerform(iterations: work.count) { number in
            let result = score(work[number].item, section: work[number].section, evaluator)
            judged.withLock { $0[number] = result }
        }
        var results = judged.withLock { $0 }.map { $0! }[...]
        let sections = rubric.sections.map { section in
            let items = Array(results.prefix(section.items.count))
            results = results.dropFirst(section.items.count)
            return SectionScore(id: section.id, title: section.title, points: items.reduce(0) { $0 + $1.points },
                                maxPoints: items.reduce(0) { $0 + $1.maxPoints }, items: items)
        }
        let sums = sections.map(\.points)
        let final = rubric.scoring.final == .minimum ? (sums.min() ?? 0) : sums.reduce(0, +)
        let total = sums.reduce(0, +)
        return Scorecard(sections: sections, final: final, finalBand: place(final, on: rubric.scoring.bands),
                         total: total, maxTotal: sections.reduce(0) { $0 + $1.maxPoints },
                         production: place(total, on: rubric.scoring.production))
    }

    func score(_ item: Item, section: String, _ evaluator: RuleEvaluator) -> ItemResult {
        let scoring = rubric.scoring
        let maxPoints = item.automated != nil ? scoring.automatedPoints : scoring.manualPoints
        var result = ItemResult(id: item.id, title: item.title, section: section, outcome: .unsatisfied, level: nil,
                                points: 0, maxPoints: maxPoints, automated: nil, manual: nil, skipReason: nil,
                                problems: [], why: item.why, how: item.how, location: item.location)
        result.counts = item.counts.map { counts in
            var counts = counts
            counts.attestation = item.manual?.acceptsAttestation == true
            return counts
        }
        if let reason = skips[item.id] {
            result.outcome = .notApplicable
            result.skipReason = reason
            return result
        }
        let evaluator = evaluator.judging(item.id)
        result.automated = item.automated.map(evaluator.evaluate)
        result.manual = item.manual.map(evaluator.evaluate)
        let findings = [result.automated, result.manual].compactMap { $0 }
        if result.automated?.outcome == .satisfied {
            result.level = .automated
            result.points = scoring.automatedPoints
        } else if result.manual?.outcome == .satisfied {
            result.level = .manual
            result.points = scoring.manualPoints
        }
        // Only a level that could have raised the points, and ended undecided, is a problem.
        let couldRaise = result.level == .automated ? [] : result.level == .manual ? [result.automated] : [result.automated, result.manual]
        result.problems = couldRaise.compactMap { $0 }.flatMap { finding in
            [Outcome.error, .notAvailable].contains(finding.outcome)
                ? finding.leafMessages(with: finding.outcome).map { ItemProblem(outcome: finding.outcome, message: $0) } : []
        }
        let outcomes = findings.map(\.outcome)
        result.outcome = result.level != nil ? .satisfied
            : outcomes.contains(.error) ? .error
            : outcomes.contains(.notAvailable) ? .notAvailable
            : .unsatisfied
        return result
    }

    private func place(_ value: Double, on table: BandTable) -> BandPlacement {
        let (index, band) = table.band(for: value)
        var previous: Band?
        let steps = table.bands.map { band in
            defer { previous = band }
            let openEdge = previous?.atMost.map { "> \(Score.format($0))" } ?? previous?.below.map { "≥ \(Score.format($0))" }
            return BandStep(edge: band.atMost.map { "≤ \(Score.format($0))" } ?? band.below.map { "< \(Score.format($0))" } ?? openEdge,
                            label: band.label, danger: band.danger)
        }
        return BandPlacement(index: index, count: table.bands.count, label: band.label, danger: band.danger, bands: steps)
    }
}

import Foundation

/// Judges rules against gathered evidence: combinators here, each probe by its kind's `judge`. Pure: no I/O.
package struct RuleEvaluator: Sendable {
    package let evidence: Evidence
    /// How many proofs a finding keeps (the rest are counted in its message).
    package var proofLimit = 5
    /// The item whose rules are being judged: attestations are per item.
    package var item: String?

    package init(evidence: Evidence) { self.evidence = evidence }

    /// This evaluator, judging the rules of `item`.
    package func judging(_ item: String) -> RuleEvaluator {
        var copy = self
        copy.item = item
        return copy
    }

    package func evaluate(_ rule: Rule) -> Finding {
        switch rule {
        case .all(let rules):
            let children = rules.map(evaluate)
            return Finding(outcome: Self.combineAll(children.map(\.outcome)), probe: "all",
                           message: "all of \(children.count) must hold", children: children)
        case .any(let rules):
            let children = rules.map(evaluate)
            return Finding(outcome: Self.combineAny(children.map(\.outcome)), probe: "any",
                           message: "any of \(children.count) may hold", children: children)
        case .not(let inner):
            let child = evaluate(inner)
            let outcome: Outcome = switch child.outcome {
            case .satisfied: .unsatisfied
            case .unsatisfied: .satisfied
            default: child.outcome
            }
            return Finding(outcome: outcome, probe: "not", message: "must not hold", children: [child])
        case .probe(let probe, let location):
            var finding = evaluate(probe)
            finding.location = location
            return finding
        }
    }

    /// `all`: one unsatisfied part decides; otherwise an error or missing data leaves it undecided.
    static func combineAll(_ outcomes: [Outcome]) -> Outcome {
        for decisive in [Outcome.unsatisfied, .error, .notAvailable, .notApplicable] where outcomes.contains(decisive) {
            return decisive
        }
        return .satisfied
    }

    /// `any`: one satisfied part decides; otherwise an error or missing data leaves it undecided.
    static func combineAny(_ outcomes: [Outcome]) -> Outcome {
        for decisive in [Outcome.satisfied, .error, .notAvailable, .unsatisfied] where outcomes.contains(decisive) {
            return decisive
        }
        return .notApplicable
    }

    func evaluate(_ probe: Probe) -> Finding { probe.base.judge(self) }

    /// The finding when evidence a probe declared was not gathered: a defect of the collector, never a pass.
    func notGathered<Kind: ProbeKind>(_ kind: Kind.Type) -> Finding {
        Finding(outcome: .error, probe: kind.name, message: "internal: the evidence for this \(kind.name) probe was not gathered")
    }

    /// The outcome when evidence failed to be gathered: an error if any failure is one, else not available.
    func outcome(of failures: [EvidenceFailure]) -> Outcome {
        failures.contains { $0.outcome == .error } ? .error : .notAvailable
    }

    /// A number as reports write it: `%g`, and infinities as PromQL does.
    static func format(_ value: Double) -> String {
        value.isInfinite ? (value > 0 ? "+Inf" : "-Inf") : String(format: "%g", value)
    }

    func limited<T>(_ items: [T]) -> (shown: [T], more: String) {
        let shown = Array(items.prefix(proofLimit))
        return (shown, items.count > shown.count ? " (\(items.count - shown.count) more)" : "")
    }
}

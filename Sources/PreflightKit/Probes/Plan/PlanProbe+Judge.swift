extension PlanProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let evidence = judge.evidence
        guard let plan = evidence.monitoringPlan else {
            return Finding(outcome: ifPlanned ? .satisfied : .unsatisfied, probe: Self.name,
                           message: "no monitoring plan (`monitoring:` in preflight.yaml, or monitoring.yaml)\(ifPlanned ? ": nothing planned for \(covers) to hold" : "")")
        }
        let checks = plan.healthy.filter { $0.covers.contains(covers) }
        guard !checks.isEmpty else {
            return Finding(outcome: ifPlanned ? .satisfied : .unsatisfied, probe: Self.name,
                           message: "the monitoring plan has no check covering \(covers)")
        }
        guard let check = evidence.planCheck else {
            return Finding(outcome: .notAvailable, probe: Self.name,
                           message: "\(checks.count) checks of the monitoring plan cover \(covers), but there is no Prometheus to hold them against: set sources.prometheus in preflight.yaml or pass --prometheus")
        }
        let (outcome, reason) = check.outcome(covering: covers)
        let proofs = check.results.filter { $0.covers.contains(covers) }.map { result in
            Proof(text: "\(result.alert): \(result.state == .healthy ? "" : result.state.rawValue + ", ")\(result.detail)")
        }
        return Finding(outcome: outcome, probe: Self.name, message: "monitoring plan for \(covers): \(reason)", proofs: proofs)
    }
}

extension PlanProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let evidence = judge.evidence
        let checks = evidence.monitoringPlan?.healthy.filter { $0.covers.contains(covers) } ?? []
        guard planned else {
            return Finding(outcome: checks.isEmpty ? .satisfied : .unsatisfied, probe: Self.name,
                           message: checks.isEmpty ? "no check of a monitoring plan covers \(covers)"
                               : "\(checks.count) checks of the monitoring plan cover \(covers): the plan decides it")
        }
        guard evidence.monitoringPlan != nil else {
            return Finding(outcome: .unsatisfied, probe: Self.name, message: "no monitoring plan (`monitoring:` in preflight.yaml, or monitoring.yaml)")
        }
        guard !checks.isEmpty else {
            return Finding(outcome: .unsatisfied, probe: Self.name, message: "the monitoring plan has no check covering \(covers)")
        }
        guard let check = evidence.planCheck, let source = evidence.answers(from: PrometheusQueries.self)?.display else {
            return Finding(outcome: .notAvailable, probe: Self.name,
                           message: "\(checks.count) checks of the monitoring plan cover \(covers), but there is no Prometheus to hold them against: set sources.prometheus in preflight.yaml or pass --prometheus")
        }
        // An outage is an evaluation note, said once for the source (PrometheusOutage).
        if let failure = check.failure, PrometheusAnswer.failed(failure).isSourceWide {
            return Finding(outcome: .error, probe: Self.name, message: PrometheusOutage.itemMessage(source: source))
        }
        let (outcome, reason) = check.outcome(covering: covers)
        let proofs = check.results.filter { $0.covers.contains(covers) }.map { result in
            Proof(text: "\(result.alert): \(result.state == .healthy ? "" : result.state.rawValue + ", ")\(result.detail)")
        }
        return Finding(outcome: outcome, probe: Self.name, message: "monitoring plan for \(covers): \(reason)", proofs: proofs)
    }
}

extension PrometheusProbe {
    public static let name = "prometheus"
    public static let selector = "prometheus"
    public static let documentation = ProbeDocumentation(
        examples: [
            "prometheus: { query: 'max(fraud_latency_p99_seconds)', below: 0.2 }",
            #"prometheus: { rule: "Fraud.*Drift" }"#,
            "prometheus: { alert: FraudModelStale }",
            "prometheus: { fresh: 'fraud_predictions_total', within: 15m }",
        ],
        holdsWhen: "the live Prometheus (or Thanos, Mimir, VictoriaMetrics) that preflight.yaml's `sources.prometheus` names: every series of an instant query meets its bound (`below`, `atMost`, `above`, `atLeast`, `equals`, `between`); a rule is loaded and healthy; an alerting rule is loaded and not firing; a series has recent samples. No series or NaN is *not available*; an unreachable or failing server is an *error*; without a source the probe does not hold",
        remedy: "export the metric, load the rule or alert into Prometheus, and name the server under `sources.prometheus` in preflight.yaml")

    public var summary: String { "in the live Prometheus, \(question)" }

    public func declareNeeds(into plan: inout EvidencePlan) {
        for request in question.requests { plan.ask(PrometheusQueries.self, request) }
    }

    public func judge(_ judge: RuleEvaluator) -> Finding { judge.evaluatePrometheus(self) }
}

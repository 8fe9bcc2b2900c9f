extension PrometheusProbe {
    package static let name = "prometheus"
    package static let selector = "prometheus"
    package static let documentation = ProbeDocumentation(
        examples: [
            "prometheus: { query: 'max(fraud_latency_p99_seconds)', below: 0.2 }",
            #"prometheus: { rule: "Fraud.*Drift" }"#,
            "prometheus: { alert: FraudModelStale }",
            #"prometheus: { measures: "_timestamp_seconds$", functions: [time] }"#,
            "prometheus: { fresh: 'fraud_predictions_total', within: 15m }",
            "prometheus: { segments: fraud_precision, by: [country], atLeast: 0.8 }",
        ],
        holdsWhen: "the live Prometheus (or Thanos, Mimir, VictoriaMetrics) that preflight.yaml's `sources.prometheus` names: every series of an instant query meets its bound (`below`, `atMost`, `above`, `atLeast`, `equals`, `between`); an alerting rule is loaded, healthy and not firing (`rule:` by pattern, `type: recording` or `any` for other rules; `alert:` by name; `measures:` and `functions:` by what its query reads, as in the alerts probe); a series has recent samples; every segment of a monitoring plan meets it. See [Prometheus probes](#prometheus-probes): no data is *not available*, a failing server an *error*; without a source the probe does not hold",
        remedy: "export the metric, load the rule or alert into Prometheus, and name the server under `sources.prometheus` in preflight.yaml")

    package var summary: String { "in the live Prometheus, \(question)" }

    package func declareNeeds(into plan: inout EvidencePlan) {
        for request in question.requests { plan.ask(PrometheusQueries.self, request) }
    }

}

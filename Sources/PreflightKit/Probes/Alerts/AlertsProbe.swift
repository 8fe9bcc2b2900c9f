/// Alerting rules in rule files, counted for what their expression measures: a metric it reads (followed through
/// the recording rules of the same files) and, optionally, a PromQL function it applies. An alert's name, labels and
/// annotations are never evidence, nor is a recording rule alone: it alerts no one.
///
/// ```yaml
/// alerts: { measures: "(?i)latency|duration_seconds", functions: [histogram_quantile], in: [$alertRules] }
/// ```
package struct AlertsProbe: ProbeKind {
    package static let name = "alerts"
    package static let selector = "alerts"
    package static let documentation = ProbeDocumentation(
        examples: [#"alerts: { measures: "(?i)_latency_|_duration_seconds", in: ["**/*rules*.y*ml"] }"#,
                   #"alerts: { measures: "_bucket$", functions: [histogram_quantile], in: ["prometheus/**/*.yml"] }"#],
        holdsWhen: "an alerting rule (`alert:`, not `record:`) in a rule file the globs select (Prometheus, Loki, Thanos or Mimir `groups`, a `PrometheusRule`'s `spec.groups`, a ConfigMap holding one; every document of a stream; a Helm template read without its `{{ … }}` tags) has an expression that reads a metric whose name matches `measures` — directly or through the recording rules of those files (8 deep; a series recorded elsewhere is read by its name) — and applies one of `functions` (PromQL functions or aggregations) when given; the alert's name, labels and annotations are never evidence. A rule file that cannot be read is an error",
        remedy: "write an alerting rule whose expression watches the metric, in a rule file the globs select; naming an alert after it is not enough")

    package var measure: MetricMeasure
    package var files: GlobSet

    enum CodingKeys: String, CodingKey, CaseIterable {
        case measures, functions
        case files = "in"
    }

    package init(measure: MetricMeasure, files: GlobSet) {
        self.measure = measure
        self.files = files
    }

    package init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: AnyKey.self)
        let inner = try outer.superDecoder(forKey: AnyKey(stringValue: "alerts"))
        try decoder.rejectUnknownKeys(OnlyAlerts.self)
        try inner.rejectUnknownKeys(CodingKeys.self)
        let container = try inner.container(keyedBy: CodingKeys.self)
        guard let measure = try MetricMeasure.decode(container, measures: .measures, functions: .functions, inner) else {
            throw inner.fail("alerts needs measures: a pattern over the metric names an alerting rule reads", key: CodingKeys.measures)
        }
        self.measure = measure
        guard container.contains(.files) else { throw inner.fail("alerts needs in: the rule files to read", key: CodingKeys.files) }
        files = try container.decodeGlobs(forKey: .files, parameters: decoder.parameters)
    }

    private enum OnlyAlerts: String, CodingKey, CaseIterable { case alerts }

    package var summary: String { "an alerting rule in \(files) that \(measure)" }

    package func declareNeeds(into plan: inout EvidencePlan) { plan.readAlertRules(in: files) }
}

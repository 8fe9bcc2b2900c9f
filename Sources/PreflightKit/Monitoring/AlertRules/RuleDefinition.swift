/// One rule of a rule file (Prometheus, Loki, Thanos, Mimir, a `PrometheusRule` resource) as written: an alerting
/// rule (`alert:`) or a recording rule (`record:`), with what its expression reads.
package struct RuleDefinition: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable { case alerting, recording }

    package var kind: Kind
    /// The alert's name, or the series a recording rule records.
    package var name: String
    package var expression: PromQLExpression
    /// `for:` as written, for an alerting rule that waits before firing.
    package var duration: String?
    package var group: String
    /// The line of its `alert:` or `record:` key.
    package var line: Int?

    package init(kind: Kind, name: String, expression: PromQLExpression, duration: String? = nil, group: String = "", line: Int? = nil) {
        self.kind = kind
        self.name = name
        self.expression = expression
        self.duration = duration
        self.group = group
        self.line = line
    }
}

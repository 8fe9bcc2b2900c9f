/// The series that recording rules record, by name, so that an expression reading `job:latency:p99` is read as what
/// that rule's expression reads. Depth-bounded and safe on cycles.
package struct RecordedSeries: Sendable {
    /// What an expression reads once recording rules are followed.
    package struct Reading: Sendable, Hashable {
        /// Metrics no recording rule here records: the raw series.
        package var metrics: [String] = []
        /// Functions and aggregations applied along the way.
        package var functions: [String] = []
        /// The recorded series followed, in the order first met.
        package var through: [String] = []
    }

    /// How many recording rules deep an expression is followed.
    static let maxDepth = 8

    private var expressions: [String: [PromQLExpression]] = [:]

    package init(_ rules: [(name: String, expression: PromQLExpression)]) {
        for rule in rules { expressions[rule.name, default: []].append(rule.expression) }
    }

    /// What `expression` reads, following recorded series (several rules may record one name: each counts).
    package func reading(_ expression: PromQLExpression) -> Reading {
        var reading = Reading()
        var seenMetrics = Set<String>(), seenFunctions = Set<String>(), followed = Set<String>()
        var level = [expression]
        for depth in 0...Self.maxDepth where !level.isEmpty {
            var next: [PromQLExpression] = []
            for current in level {
                for function in current.functions where seenFunctions.insert(function).inserted { reading.functions.append(function) }
                for metric in current.metrics {
                    if let recorded = expressions[metric], depth < Self.maxDepth {
                        if followed.insert(metric).inserted {
                            reading.through.append(metric)
                            next += recorded
                        }
                    } else if seenMetrics.insert(metric).inserted {
                        reading.metrics.append(metric)
                    }
                }
            }
            level = next
        }
        return reading
    }
}

/// What an alerting rule must measure to count: a metric it reads (through recording rules) whose name matches
/// `measures`, and, when `functions` is given, one of those PromQL functions or aggregations applied.
package struct MetricMeasure: Sendable, Hashable, CustomStringConvertible {
    package var measures: Pattern
    package var functions: [String]

    package init(measures: Pattern, functions: [String] = []) {
        self.measures = measures
        self.functions = functions
    }

    /// Decodes `measures:` and `functions:` from `container`; nil when `measures` is absent.
    static func decode<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, measures: Key, functions: Key,
                                       _ decoder: any Decoder) throws -> MetricMeasure? {
        guard let pattern = try container.decodePattern(forKey: measures) else {
            if container.contains(functions) { throw decoder.fail("functions needs measures: the metrics they apply to", key: functions) }
            return nil
        }
        let names = try container.decodeIfPresent([String].self, forKey: functions) ?? []
        if container.contains(functions), names.isEmpty { throw decoder.fail("functions needs at least one PromQL function", key: functions) }
        for name in names where !PromQLExpression.knownFunctions.contains(name) {
            let hint = Suggestion.closest(to: name, in: PromQLExpression.knownFunctions.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
            throw decoder.fail("'\(name)' is not a PromQL function or aggregation\(hint)", key: functions)
        }
        return MetricMeasure(measures: pattern, functions: names)
    }

    /// The metrics of `reading` that match, when the reading also applies one of the functions asked; else empty.
    func matched(_ reading: RecordedSeries.Reading) -> [String] {
        guard functions.isEmpty || functions.contains(where: reading.functions.contains) else { return [] }
        return reading.metrics.filter(measures.matches)
    }

    /// "reads a metric matching /latency/ with histogram_quantile".
    package var description: String {
        "reads a metric matching /\(measures)/" + (functions.isEmpty ? "" : " with \(functions.joined(separator: " or "))")
    }

    /// How a matching rule reads, in plain words: "histogram_quantile over request_duration_seconds_bucket via job:latency:p99".
    func explain(_ reading: RecordedSeries.Reading, matched: [String]) -> String {
        let applied = functions.isEmpty ? "" : "\(functions.filter(reading.functions.contains).joined(separator: ", ")) over "
        let through = reading.through.isEmpty ? "" : " via \(reading.through.prefix(3).joined(separator: ", "))"
        return applied + matched.prefix(3).joined(separator: ", ") + (matched.count > 3 ? " and \(matched.count - 3) more" : "") + through
    }
}

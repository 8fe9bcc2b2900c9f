import Foundation

/// A question for the live Prometheus (or Thanos, Mimir, VictoriaMetrics) that preflight.yaml names.
///
/// ```yaml
/// prometheus: { query: 'histogram_quantile(0.99, sum by (le) (rate(serving_latency_seconds_bucket[1h])))', below: 0.2 }
/// prometheus: { rule: "FraudPrediction(Drift|Skew)" }     # an alerting rule is loaded, healthy and none of them fires
/// prometheus: { rule: "fraud:.*", type: recording }        # a recording rule (or type: any) is loaded and healthy
/// prometheus: { alert: FraudModelStale }                   # the alerting rule is loaded and not firing
/// prometheus: { measures: "_timestamp_seconds$", functions: [time] }   # an alerting rule reading such a metric
/// prometheus: { fresh: 'fraud_predictions_total', within: 1h }   # the series has samples newer than this
/// prometheus:                                              # the data scientist's monitoring plan, per segment
///   segments: fraud_precision
///   by: [country, model_version]
///   atLeast: 0.8                                           # or: withinPercent: 10, baseline: 7d
///   samples: fraud_labels_total                            # each segment's sample count…
///   minSamples: 100                                        # …too few is "not available", never a pass
/// ```
package struct PrometheusProbe: ProbeKind {
    package enum Question: Sendable, Hashable, CustomStringConvertible {
        /// An instant query whose every series must meet the condition.
        case query(String, Condition)
        /// Rules named like the pattern, of one kind (alerting unless the probe says `type:`).
        case rule(Pattern, RuleKind)
        case alert(String)
        /// Alerting rules whose expression reads a metric like this (through the loaded recording rules).
        case measures(MetricMeasure)
        case fresh(String, within: TimeInterval)
        case segments(SegmentExpectation)

        package var description: String {
            switch self {
            case let .query(query, condition): return "every series of `\(query)` is \(condition)"
            case let .rule(pattern, kind): return kind.describe(pattern)
            case .alert(let name): return "the alerting rule \(name) is loaded and not firing"
            case .measures(let measure): return "a loaded, healthy alerting rule \(measure), none of them firing"
            case let .fresh(selector, within): return "`\(selector)` has samples from the last \(Durations.render(within))"
            case .segments(let plan): return plan.description
            }
        }

        /// The API requests that answer it.
        var requests: [PrometheusRequest] {
            switch self {
            case .query(let query, _): return [.instant(query)]
            case .rule, .alert, .measures: return [.rules]
            case let .fresh(selector, within): return [.instant(PrometheusProbe.newestSampleQuery(selector, within: within))]
            case .segments(let plan): return plan.queries.map(PrometheusRequest.instant)
            }
        }
    }

    /// A bound on a query's values.
    package enum Condition: Sendable, Hashable, CustomStringConvertible {
        case below(Double), atMost(Double), above(Double), atLeast(Double), equals(Double), between(Double, Double)

        func holds(_ value: Double) -> Bool {
            switch self {
            case .below(let bound): return value < bound
            case .atMost(let bound): return value <= bound
            case .above(let bound): return value > bound
            case .atLeast(let bound): return value >= bound
            case .equals(let bound): return value == bound
            case .between(let low, let high): return low <= value && value <= high
            }
        }

        package var description: String {
            switch self {
            case .below(let bound): return "< \(bound)"
            case .atMost(let bound): return "<= \(bound)"
            case .above(let bound): return "> \(bound)"
            case .atLeast(let bound): return ">= \(bound)"
            case .equals(let bound): return "== \(bound)"
            case .between(let low, let high): return "between \(low) and \(high)"
            }
        }
    }

    /// Which rules a `rule:` probe accepts. Alerting by default: a recording rule computes a series and alerts no one,
    /// so it satisfies only a probe that asks for one (`type: recording`) or for either (`type: any`).
    package enum RuleKind: String, Sendable, Hashable, CaseIterable {
        case alerting, recording, any

        func accepts(_ type: String) -> Bool { self == .any || type == rawValue }

        var noun: String { self == .any ? "rule" : "\(rawValue) rule" }

        func describe(_ pattern: Pattern) -> String {
            switch self {
            case .alerting: return "a loaded, healthy alerting rule named /\(pattern)/, none of them firing"
            case .recording: return "a loaded, healthy recording rule named /\(pattern)/"
            case .any: return "a loaded, healthy rule named /\(pattern)/, no alerting one firing"
            }
        }
    }

    /// How far back `fresh` looks for a series' newest sample, to tell a series that stopped (unsatisfied) from one
    /// never seen (not available): 7 days, or twice `within` when that is longer.
    static func freshLookback(_ within: TimeInterval) -> TimeInterval { max(7 * 86_400, 2 * within) }

    /// The timestamp of the newest sample of `selector`: the instant one when the server's 5-minute lookback sees
    /// it, else the newest over the whole lookback, from a subquery whose 1-minute steps each see the newest sample
    /// before them (a sample newer than the last whole minute is always in the instant answer).
    static func newestSampleQuery(_ selector: String, within: TimeInterval) -> String {
        "max(timestamp(\(selector))) or max(max_over_time(timestamp(\(selector))[\(Durations.render(freshLookback(within))):1m]))"
    }

    package var question: Question

    enum CodingKeys: String, CodingKey, CaseIterable {
        case query, rule, type, alert, measures, functions, fresh, within, below, atMost, above, atLeast, equals, between
        case segments, by, withinPercent, baseline, samples, minSamples
    }

    package init(_ question: Question) { self.question = question }

    package init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: AnyKey.self)
        let inner = try outer.superDecoder(forKey: AnyKey(stringValue: "prometheus"))
        try decoder.rejectUnknownKeys(OnlyPrometheus.self)
        try inner.rejectUnknownKeys(CodingKeys.self)
        let container = try inner.container(keyedBy: CodingKeys.self)
        let asked = [CodingKeys.query, .rule, .alert, .measures, .fresh, .segments].filter(container.contains)
        guard asked.count == 1 else {
            throw inner.fail("a prometheus probe asks one of query, rule, alert, measures, fresh or segments, found \(asked.isEmpty ? "none" : asked.map(\.stringValue).joined(separator: " and "))")
        }
        let conditions = [CodingKeys.below, .atMost, .above, .atLeast, .equals, .between].filter(container.contains)
        let segmentKeys = [CodingKeys.by, .withinPercent, .baseline, .samples, .minSamples].filter(container.contains)
        if asked[0] != .segments, let stray = segmentKeys.first { throw inner.fail("only segments takes \(stray.stringValue)", key: stray) }
        if asked[0] != .rule, container.contains(.type) { throw inner.fail("only rule takes type", key: CodingKeys.type) }
        if asked[0] != .measures, container.contains(.functions) { throw inner.fail("only measures takes functions", key: CodingKeys.functions) }
        switch asked[0] {
        case .query:
            let query = try container.decode(String.self, forKey: .query)
            guard let condition = try Self.condition(container, conditions, inner) else {
                throw inner.fail("a query needs one condition of below, atMost, above, atLeast, equals or between", key: CodingKeys.query)
            }
            question = .query(query, condition)
        case .segments:
            question = .segments(try SegmentExpectation(container, conditions: conditions, inner))
        case .rule:
            guard let pattern = try container.decodePattern(forKey: .rule) else { throw inner.fail("rule needs a name pattern") }
            var kind = RuleKind.alerting
            if let text = try container.decodeIfPresent(String.self, forKey: .type) {
                guard let named = RuleKind(rawValue: text) else {
                    throw inner.fail("type '\(text)' is not alerting, recording or any", key: CodingKeys.type)
                }
                kind = named
            }
            question = .rule(pattern, kind)
        case .alert:
            question = .alert(try container.decode(String.self, forKey: .alert))
        case .measures:
            question = .measures(try MetricMeasure.decode(container, measures: .measures, functions: .functions, inner)!)
        default:
            guard let within = try container.decodeDuration(forKey: .within) else {
                throw inner.fail("fresh needs within, a duration like 1h", key: CodingKeys.fresh)
            }
            question = .fresh(try container.decode(String.self, forKey: .fresh), within: within)
        }
        switch question {
        case .query, .segments: break
        default: if let stray = conditions.first { throw inner.fail("only a query or segments take a condition", key: stray) }
        }
    }

    /// The one bound given among `present`, or nil when there is none; throws when there are several.
    static func condition(_ container: KeyedDecodingContainer<CodingKeys>, _ present: [CodingKeys], _ decoder: any Decoder) throws -> Condition? {
        guard let key = present.first else { return nil }
        guard present.count == 1 else { throw decoder.fail("give one condition, found \(present.map(\.stringValue).joined(separator: " and "))") }
        switch key {
        case .below: return .below(try container.decode(Double.self, forKey: .below))
        case .atMost: return .atMost(try container.decode(Double.self, forKey: .atMost))
        case .above: return .above(try container.decode(Double.self, forKey: .above))
        case .atLeast: return .atLeast(try container.decode(Double.self, forKey: .atLeast))
        case .equals: return .equals(try container.decode(Double.self, forKey: .equals))
        default:
            let bounds = try container.decode([Double].self, forKey: .between)
            guard bounds.count == 2, bounds[0] <= bounds[1] else {
                throw decoder.fail("between takes [low, high] with low <= high", key: CodingKeys.between)
            }
            return .between(bounds[0], bounds[1])
        }
    }

    private enum OnlyPrometheus: String, CodingKey, CaseIterable { case prometheus }
}

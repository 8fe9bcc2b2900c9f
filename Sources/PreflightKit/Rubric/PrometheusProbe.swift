import Foundation

/// A question for the live Prometheus (or Thanos, Mimir, VictoriaMetrics) that preflight.yaml names.
///
/// ```yaml
/// prometheus: { query: 'histogram_quantile(0.99, sum by (le) (rate(serving_latency_seconds_bucket[1h])))', below: 0.2 }
/// prometheus: { rule: "FraudPrediction(Drift|Skew)" }     # an alerting or recording rule is loaded and healthy
/// prometheus: { alert: FraudModelStale }                   # the alerting rule is loaded and not firing
/// prometheus: { fresh: 'fraud_predictions_total', within: 1h }   # the series has samples newer than this
/// ```
public struct PrometheusProbe: Sendable, Hashable, Decodable {
    public enum Question: Sendable, Hashable, CustomStringConvertible {
        /// An instant query whose every series must meet the condition.
        case query(String, Condition)
        case rule(Pattern)
        case alert(String)
        case fresh(String, within: TimeInterval)

        public var description: String {
            switch self {
            case let .query(query, condition): return "every series of `\(query)` is \(condition)"
            case .rule(let pattern): return "a loaded, healthy rule named /\(pattern)/"
            case .alert(let name): return "the alerting rule \(name) is loaded and not firing"
            case let .fresh(selector, within): return "`\(selector)` has samples from the last \(Durations.render(within))"
            }
        }

        /// The API request that answers it.
        var request: PrometheusRequest {
            switch self {
            case .query(let query, _): return .instant(query)
            case .rule, .alert: return .rules
            case .fresh(let selector, _): return .instant("max(timestamp(\(selector)))")
            }
        }
    }

    /// A bound on a query's values.
    public enum Condition: Sendable, Hashable, CustomStringConvertible {
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

        public var description: String {
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

    public var question: Question

    enum CodingKeys: String, CodingKey, CaseIterable {
        case query, rule, alert, fresh, within, below, atMost, above, atLeast, equals, between
    }

    public init(_ question: Question) { self.question = question }

    public init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: AnyKey.self)
        let inner = try outer.superDecoder(forKey: AnyKey(stringValue: "prometheus"))
        try decoder.rejectUnknownKeys(OnlyPrometheus.self)
        try inner.rejectUnknownKeys(CodingKeys.self)
        let container = try inner.container(keyedBy: CodingKeys.self)
        let asked = [CodingKeys.query, .rule, .alert, .fresh].filter(container.contains)
        guard asked.count == 1 else {
            throw inner.fail("a prometheus probe asks one of query, rule, alert or fresh, found \(asked.isEmpty ? "none" : asked.map(\.stringValue).joined(separator: " and "))")
        }
        let conditions = [CodingKeys.below, .atMost, .above, .atLeast, .equals, .between].filter(container.contains)
        switch asked[0] {
        case .query:
            let query = try container.decode(String.self, forKey: .query)
            guard conditions.count == 1 else {
                throw inner.fail("a query needs one condition of below, atMost, above, atLeast, equals or between", key: CodingKeys.query)
            }
            let condition: Condition
            switch conditions[0] {
            case .below: condition = .below(try container.decode(Double.self, forKey: .below))
            case .atMost: condition = .atMost(try container.decode(Double.self, forKey: .atMost))
            case .above: condition = .above(try container.decode(Double.self, forKey: .above))
            case .atLeast: condition = .atLeast(try container.decode(Double.self, forKey: .atLeast))
            case .equals: condition = .equals(try container.decode(Double.self, forKey: .equals))
            default:
                let bounds = try container.decode([Double].self, forKey: .between)
                guard bounds.count == 2, bounds[0] <= bounds[1] else {
                    throw inner.fail("between takes [low, high] with low <= high", key: CodingKeys.between)
                }
                condition = .between(bounds[0], bounds[1])
            }
            question = .query(query, condition)
        case .rule:
            guard let pattern = try container.decodePattern(forKey: .rule) else { throw inner.fail("rule needs a name pattern") }
            question = .rule(pattern)
        case .alert:
            question = .alert(try container.decode(String.self, forKey: .alert))
        default:
            guard let within = try container.decodeDuration(forKey: .within) else {
                throw inner.fail("fresh needs within, a duration like 1h", key: CodingKeys.fresh)
            }
            question = .fresh(try container.decode(String.self, forKey: .fresh), within: within)
        }
        if case .query = question {} else if !conditions.isEmpty {
            throw inner.fail("only a query takes a condition", key: conditions[0])
        }
    }

    private enum OnlyPrometheus: String, CodingKey, CaseIterable { case prometheus }
}

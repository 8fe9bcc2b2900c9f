import Foundation

/// A behaviour metric of a monitoring plan: what it reads from Prometheus and how, by kind.
///
/// ```yaml
/// score_mean:    { gauge: fraud_score_mean }                                       # averaged
/// requests:      { rate: fraud_requests_total, window: 5m, unit: requests/s }      # per-second rate of a counter
/// approval_rate: { ratio: [fraud_approved_total, fraud_decisions_total] }          # rate of one counter over another's
/// latency_p99:   { histogram: fraud_request_duration_seconds, quantile: 0.99, unit: seconds }
/// trained_at:    { expr: 'max(fraud_model_trained_timestamp_seconds{$selector})' } # PromQL; $selector is the context's
/// ```
public struct PlanMetric: Sendable, Equatable, Decodable {
    public enum Kind: Sendable, Equatable {
        case gauge(String)
        case rate(String)
        case ratio(numerator: String, denominator: String)
        case histogram(String, quantile: Double)
        case expression(String)
    }

    /// Set from its key in `metrics:`.
    public internal(set) var name = ""
    public var kind: Kind
    /// The range of rates and histogram quantiles.
    public var window: TimeInterval
    public var unit: String?

    /// Where `$selector` in an expression stands for the context's matchers.
    static let selectorPlaceholder = "$selector"

    enum CodingKeys: String, CodingKey, CaseIterable { case gauge, rate, ratio, histogram, quantile, expr, window, unit }
    static let kinds: [CodingKeys] = [.gauge, .rate, .ratio, .histogram, .expr]

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let given = Self.kinds.filter(container.contains)
        guard given.count == 1, let key = given.first else {
            let names = Self.kinds.map(\.stringValue).joined(separator: ", ")
            throw decoder.fail(given.isEmpty ? "a metric needs its kind: one of \(names)"
                                             : "a metric has one kind; found \(given.map(\.stringValue).joined(separator: " and "))")
        }
        func metricName(_ key: CodingKeys, _ text: String, at index: Int? = nil) throws -> String {
            guard PromNames.isMetricName(text) else {
                let path: [any CodingKey] = [key] + (index.map { [AnyKey(intValue: $0)] } ?? [])
                throw FieldError(codingPath: container.codingPath + path, message: "'\(text)' is not a Prometheus metric name")
            }
            return text
        }
        switch key {
        case .gauge: kind = .gauge(try metricName(key, container.decode(String.self, forKey: key)))
        case .rate: kind = .rate(try metricName(key, container.decode(String.self, forKey: key)))
        case .ratio:
            let pair = try container.decode([String].self, forKey: key)
            guard pair.count == 2 else { throw container.fail("a ratio is [numerator counter, denominator counter]", key: key) }
            kind = .ratio(numerator: try metricName(key, pair[0], at: 0), denominator: try metricName(key, pair[1], at: 1))
        case .histogram:
            let name = try metricName(key, container.decode(String.self, forKey: key))
            guard let quantile = try container.decodeIfPresent(Double.self, forKey: .quantile) else {
                throw decoder.fail("a histogram metric needs its quantile, e.g. quantile: 0.99")
            }
            guard quantile > 0, quantile < 1 else { throw container.fail("a quantile is between 0 and 1, found \(quantile)", key: .quantile) }
            kind = .histogram(name, quantile: quantile)
        default:
            let text = try container.decode(String.self, forKey: key)
            guard text.contains(Self.selectorPlaceholder) else {
                throw container.fail("an expression selects the model's series with $selector, e.g. fraud_score{$selector}", key: key)
            }
            if let problem = PromQLSyntax.problem(in: text.replacingOccurrences(of: Self.selectorPlaceholder, with: "model=\"m\"")) {
                throw container.fail("not PromQL: \(problem)", key: key)
            }
            kind = .expression(text)
        }
        if key != .histogram, container.contains(.quantile) {
            throw container.fail("only a histogram metric takes a quantile", key: .quantile)
        }
        window = try container.decodeDuration(forKey: .window) ?? 300
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
    }

    /// The raw series the metric reads (for freshness and presence).
    public var series: [String] {
        switch kind {
        case .gauge(let name), .rate(let name): [name]
        case let .ratio(numerator, denominator): [numerator, denominator]
        case .histogram(let name, _): [name + "_bucket"]
        case .expression(let text): PromQLExpression(text).metrics
        }
    }

    /// Whether it can be split by segment labels: an expression says its own grouping.
    var isSegmentable: Bool {
        if case .expression = kind { return false }
        return true
    }

    /// `name{selector}`, or `name` when the selector is empty.
    static func selecting(_ name: String, _ selector: String) -> String { selector.isEmpty ? name : "\(name){\(selector)}" }

    /// PromQL for the metric, its series selected by `selector` and aggregated by `labels`.
    func expression(selector: String, by labels: [String]) -> String {
        let by = labels.isEmpty ? "" : " by (\(labels.joined(separator: ", ")))"
        let range = Durations.render(window)
        func select(_ name: String) -> String { Self.selecting(name, selector) }
        switch kind {
        case .gauge(let name): return "avg\(by) (\(select(name)))"
        case .rate(let name): return "sum\(by) (rate(\(select(name))[\(range)]))"
        case let .ratio(numerator, denominator):
            return "sum\(by) (rate(\(select(numerator))[\(range)])) / sum\(by) (rate(\(select(denominator))[\(range)]))"
        case let .histogram(name, quantile):
            let grouping = (labels + ["le"]).joined(separator: ", ")
            return "histogram_quantile(\(PromNames.number(quantile)), sum by (\(grouping)) (rate(\(select(name + "_bucket"))[\(range)])))"
        case .expression(let text): return text.replacingOccurrences(of: Self.selectorPlaceholder, with: selector)
        }
    }

    /// The operations part of a recording rule's name (`level:metric:operations`), newest first.
    var operations: String {
        let range = Durations.render(window)
        switch kind {
        case .gauge: return "avg"
        case .rate: return "rate\(range)"
        case .ratio: return "ratio_rate\(range)"
        case .histogram(_, let quantile): return "p\(PromNames.number(quantile * 100).replacingOccurrences(of: ".", with: "_"))_rate\(range)"
        case .expression: return "expr"
        }
    }
}

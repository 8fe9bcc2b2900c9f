import Foundation

/// One condition of a plan's `healthy:` list: a metric (per segment, with `by`) and what it must stay within.
///
/// ```yaml
/// - { metric: approval_rate, by: country, between: [0.6, 0.95] }     # or atLeast: 0.6, or atMost: 0.95 (inclusive)
/// - { metric: approval_rate, by: country, within: { percent: 10, of: 7d } }  # against the same window 7 days ago
/// - { metric: feature_psi, atMost: 0.2, covers: [monitor-3] }         # a drift score under a threshold
/// - { metric: requests, fresh: 10m }                                  # samples newer than 10 minutes
/// - { metric: trained_at, maxAge: 7d }                                # a Unix time no older than 7 days
/// - { metric: approval_rate, by: country, present: true }             # every segment value has a series
/// - { metric: decisions, by: country, minSamples: 100, per: 1h }      # enough traffic in each segment
/// - { metric: approval_rate, bias: { expected: [country], unexpected: [age], tolerance: 0.05 } }
/// ```
/// Each check may set `for`, `severity` and `covers` (the rubric items it serves, e.g. `[monitor-7]`).
public struct HealthCheck: Sendable, Equatable, Decodable {
    public enum Condition: Sendable, Equatable {
        case bounds(low: Double?, high: Double?)
        case within(percent: Double, offset: TimeInterval)
        case fresh(TimeInterval)
        case maxAge(TimeInterval)
        case present
        case minSamples(Double, per: TimeInterval)
        /// Segments the metric may differ across (documented, never alerted) and those it must not, by more than
        /// `tolerance` between the highest and the lowest segment.
        case bias(expected: [String], unexpected: [String], tolerance: Double)
    }

    public var metric: String
    /// The segment the metric is split by.
    public var by: String?
    public var condition: Condition
    public var pending: TimeInterval?
    public var severity: String?
    public var covers: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metric, by, between, atLeast, atMost, within, fresh, maxAge, present, minSamples, per, bias
        case pending = "for", severity, covers
    }

    static let conditions: [CodingKeys] = [.between, .atLeast, .atMost, .within, .fresh, .maxAge, .present, .minSamples, .bias]

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metric = try container.decode(String.self, forKey: .metric)
        by = try container.decodeIfPresent(String.self, forKey: .by)
        pending = try container.decodeDuration(forKey: .pending)
        severity = try container.decodeIfPresent(String.self, forKey: .severity)
        covers = try container.decodeStringList(forKey: .covers) ?? []
        var given = Self.conditions.filter(container.contains)
        // atLeast and atMost together are bounds.
        if given == [.atLeast, .atMost] { given = [.between] }
        guard given.count == 1, let key = given.first else {
            let names = Self.conditions.map(\.stringValue).joined(separator: ", ")
            throw decoder.fail(given.isEmpty ? "a check needs its condition: one of \(names)"
                                             : "a check has one condition; found \(given.map(\.stringValue).joined(separator: " and "))")
        }
        if key != .minSamples, container.contains(.per) { throw container.fail("per goes with minSamples", key: .per) }
        switch key {
        case .between where container.contains(.atLeast):
            condition = .bounds(low: try container.decode(Double.self, forKey: .atLeast), high: try container.decode(Double.self, forKey: .atMost))
        case .between:
            let pair = try container.decode([Double].self, forKey: .between)
            guard pair.count == 2 else { throw container.fail("between is [low, high]", key: .between) }
            condition = .bounds(low: pair[0], high: pair[1])
        case .atLeast: condition = .bounds(low: try container.decode(Double.self, forKey: .atLeast), high: nil)
        case .atMost: condition = .bounds(low: nil, high: try container.decode(Double.self, forKey: .atMost))
        case .within:
            let within = try container.decode(Within.self, forKey: .within)
            condition = .within(percent: within.percent, offset: within.offset)
        case .fresh: condition = .fresh(try container.decodeDuration(forKey: .fresh)!)
        case .maxAge: condition = .maxAge(try container.decodeDuration(forKey: .maxAge)!)
        case .present:
            guard try container.decodeStrictBool(forKey: .present) == true else {
                throw container.fail("present is true (leave the check out otherwise)", key: .present)
            }
            condition = .present
        case .minSamples:
            let count = try container.decode(Double.self, forKey: .minSamples)
            guard count > 0 else { throw container.fail("a minimum sample count is above 0", key: .minSamples) }
            condition = .minSamples(count, per: try container.decodeDuration(forKey: .per) ?? 3600)
        default:
            let bias = try container.decode(Bias.self, forKey: .bias)
            condition = .bias(expected: bias.expected, unexpected: bias.unexpected, tolerance: bias.tolerance)
        }
        if case let .bounds(low?, high?) = condition, low > high {
            throw container.fail("the low bound \(PromNames.number(low)) is not below the high bound \(PromNames.number(high))",
                                 key: container.contains(.between) ? .between : .atLeast)
        }
    }

    /// `within: { percent, of }`.
    struct Within: Decodable {
        var percent: Double
        var offset: TimeInterval

        enum CodingKeys: String, CodingKey, CaseIterable { case percent, of }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            percent = try container.decode(Double.self, forKey: .percent)
            guard percent > 0, percent.isFinite else { throw container.fail("a percentage is above 0", key: .percent) }
            guard let offset = try container.decodeDuration(forKey: .of) else {
                throw decoder.fail("within needs `of`: how long ago the window it is compared with was, e.g. of: 7d")
            }
            self.offset = offset
        }
    }

    /// `bias: { expected, unexpected, tolerance }`.
    struct Bias: Decodable {
        var expected: [String]
        var unexpected: [String]
        var tolerance: Double

        enum CodingKeys: String, CodingKey, CaseIterable { case expected, unexpected, tolerance }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            expected = try container.decodeStringList(forKey: .expected) ?? []
            unexpected = try container.decodeStringList(forKey: .unexpected) ?? []
            guard !unexpected.isEmpty else {
                throw decoder.fail("a bias check names the segments the metric must not move with (unexpected)")
            }
            guard let tolerance = try container.decodeIfPresent(Double.self, forKey: .tolerance), tolerance >= 0 else {
                throw decoder.fail("a bias check needs its tolerance: how far apart the segments may be, e.g. 0.05")
            }
            self.tolerance = tolerance
        }
    }
}

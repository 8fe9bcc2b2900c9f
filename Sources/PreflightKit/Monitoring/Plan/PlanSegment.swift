import Foundation

/// A segment of traffic: the label whose values split a metric, and the values the plan expects.
///
/// ```yaml
/// country: { label: country, values: [de, fr, us] }
/// amount:  { label: amount_bucket, buckets: [0, 10, 100, 1000], special: [missing] }  # [0,10) [10,100) [100,1000) [1000,+Inf)
/// score:   { label: score_bucket, linear: { start: 0, width: 0.25, count: 4 } }        # edges 0, 0.25, 0.5, 0.75, 1
/// income:  { label: income_bucket, log: { start: 1000, factor: 10, count: 3 } }        # edges 1000, 10000, 100000, 1000000
/// ```
///
/// A numeric feature is bucketed by the exporter, which writes each bucket as the label value `[low,high)` (the top
/// one `[low,+Inf)`); `special` values such as `missing` are label values of their own.
public struct PlanSegment: Sendable, Equatable, Decodable {
    /// Set from its key in `segments:`.
    public internal(set) var name = ""
    public var label: String
    /// The label values the plan expects, in order: the listed values, or the buckets then the special values.
    public var values: [String]
    /// The bucket edges, ascending, when the segment buckets a numeric feature.
    public var edges: [Double]?

    enum CodingKeys: String, CodingKey, CaseIterable { case label, values, buckets, linear, log, special }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        label = try container.decode(String.self, forKey: .label)
        guard PromNames.isLabelName(label), !label.hasPrefix("__") else {
            throw container.fail("'\(label)' is not a Prometheus label name", key: .label)
        }
        guard !["model", "segment", "severity", "owner", "le"].contains(label) else {
            throw container.fail("'\(label)' is a label the generated rules set themselves; name the feature's own label", key: .label)
        }
        let given = [CodingKeys.values, .buckets, .linear, .log].filter(container.contains)
        guard given.count <= 1 else {
            throw decoder.fail("a segment has values or one kind of buckets; found \(given.map(\.stringValue).joined(separator: " and "))")
        }
        switch given.first {
        case .values?:
            values = try container.decode([String].self, forKey: .values)
            edges = nil
        case .buckets?:
            let edges = try container.decode([Double].self, forKey: .buckets)
            try Self.checkAscending(edges, container, .buckets)
            self.edges = edges
            values = Self.bucketValues(edges)
        case let scale? where scale == .linear || scale == .log:
            let edges = try container.decode(Scale.self, forKey: scale).edges
            self.edges = edges
            values = Self.bucketValues(edges)
        default:
            values = []
            edges = nil
        }
        let special = try container.decodeIfPresent([String].self, forKey: .special) ?? []
        if !special.isEmpty, edges == nil, given.first != .values {
            throw container.fail("special values go with buckets or values", key: .special)
        }
        values += special
        var seen = Set<String>()
        for (index, value) in values.enumerated() where !seen.insert(value).inserted {
            let key: CodingKeys = index >= values.count - special.count ? .special : .values
            throw container.fail("'\(value)' is listed twice", key: key)
        }
    }

    /// `linear: { start, width, count }` (count buckets of equal width from start) or `log: { start, factor, count }`
    /// (each bucket factor times as wide as the one before): which, by the key it is read under.
    struct Scale: Decodable {
        var edges: [Double]

        init(from decoder: any Decoder) throws {
            let logarithmic = decoder.codingPath.last?.stringValue == CodingKeys.log.stringValue
            let step = AnyKey(stringValue: logarithmic ? "factor" : "width")
            try decoder.rejectUnknownKeys(allowed: ["start", step.stringValue, "count"])
            let container = try decoder.container(keyedBy: AnyKey.self)
            let start = try container.decode(Double.self, forKey: AnyKey(stringValue: "start"))
            let by = try container.decode(Double.self, forKey: step)
            let count = try container.decode(Int.self, forKey: AnyKey(stringValue: "count"))
            if logarithmic {
                guard start > 0, start.isFinite else { throw container.fail("a logarithmic scale starts above 0", key: AnyKey(stringValue: "start")) }
                guard by > 1, by.isFinite else { throw container.fail("a factor is above 1", key: step) }
            } else {
                guard by > 0, by.isFinite else { throw container.fail("a width is a positive number", key: step) }
            }
            guard (1...100).contains(count) else { throw container.fail("a count is from 1 to 100", key: AnyKey(stringValue: "count")) }
            edges = (0...count).map { logarithmic ? start * pow(by, Double($0)) : start + Double($0) * by }
        }
    }

    private static func checkAscending(_ edges: [Double], _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws {
        guard !edges.isEmpty, edges.count <= 101 else { throw container.fail("buckets are 1 to 101 edges", key: key) }
        for index in edges.indices {
            guard edges[index].isFinite else {
                throw FieldError(codingPath: container.codingPath + [key, AnyKey(intValue: index)], message: "an edge is a finite number")
            }
            if index > 0, edges[index] <= edges[index - 1] {
                throw FieldError(codingPath: container.codingPath + [key, AnyKey(intValue: index)],
                                 message: "bucket edges go up: \(PromNames.number(edges[index])) comes after \(PromNames.number(edges[index - 1]))")
            }
        }
    }

    /// `[e0,e1)`, …, `[en,+Inf)`.
    static func bucketValues(_ edges: [Double]) -> [String] {
        edges.indices.map { index in
            let low = PromNames.number(edges[index])
            return index + 1 < edges.count ? "[\(low),\(PromNames.number(edges[index + 1])))" : "[\(low),+Inf)"
        }
    }
}

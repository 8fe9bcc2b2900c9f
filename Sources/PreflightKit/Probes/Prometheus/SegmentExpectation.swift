import Foundation

/// A monitoring plan per segment: every segment of `expression` (grouped `by` labels) meets an absolute bound, or stays
/// within a percentage of its own average over a baseline window; segments with fewer than `minSamples` are not judged.
///
/// Every series the queries return must carry every `by` label: one without it would merge into a segment of its
/// own, so a misspelt label is an error, never a pass. The baseline is the average over the `baseline` window that
/// ends `currentWindow` (5 minutes, Prometheus' lookback) before the evaluation, so it holds none of the samples the
/// current value is made of; a segment whose first point is later than the window's start lacks history and is not
/// available.
package struct SegmentExpectation: Sendable, Hashable, CustomStringConvertible {
    package enum Bound: Sendable, Hashable {
        case absolute(PrometheusProbe.Condition)
        case relative(percent: Double, window: TimeInterval)
    }

    package var expression: String
    package var by: [String]
    package var bound: Bound
    package var samples: String?
    package var minSamples: Double

    init(_ container: KeyedDecodingContainer<PrometheusProbe.CodingKeys>, conditions: [PrometheusProbe.CodingKeys], _ decoder: any Decoder) throws {
        expression = try container.decode(String.self, forKey: .segments)
        by = try container.decodeStringList(forKey: .by) ?? []
        guard !by.isEmpty, by.allSatisfy({ $0.range(of: "^[a-zA-Z_][a-zA-Z0-9_]*$", options: .regularExpression) != nil }) else {
            throw decoder.fail("by needs the label names that define a segment, like [country, model_version]", key: PrometheusProbe.CodingKeys.by)
        }
        let percent = try container.decodeIfPresent(Double.self, forKey: .withinPercent)
        if let condition = try PrometheusProbe.condition(container, conditions, decoder) {
            guard percent == nil else { throw decoder.fail("give an absolute condition or withinPercent, not both") }
            bound = .absolute(condition)
        } else if let percent {
            guard percent > 0, let window = try container.decodeDuration(forKey: .baseline) else {
                throw decoder.fail("withinPercent needs a positive percentage and a baseline window like 7d", key: PrometheusProbe.CodingKeys.withinPercent)
            }
            bound = .relative(percent: percent, window: window)
        } else {
            throw decoder.fail("segments need a condition (below, atLeast, …) or withinPercent with a baseline", key: PrometheusProbe.CodingKeys.segments)
        }
        samples = try container.decodeIfPresent(String.self, forKey: .samples)
        minSamples = try container.decodeIfPresent(Double.self, forKey: .minSamples) ?? 1
        if samples == nil, container.contains(.minSamples) {
            throw decoder.fail("minSamples needs samples, the expression that counts each segment's samples", key: PrometheusProbe.CodingKeys.minSamples)
        }
    }

    /// The span of the current value, which the baseline window ends before: the server's default lookback.
    static let currentWindow: TimeInterval = 300

    private var grouping: String { by.joined(separator: ", ") }
    /// Each segment's value now.
    var currentQuery: String { "avg by (\(grouping)) (\(expression))" }
    /// The subquery resolution over the baseline window: about a thousand points, never finer than a second.
    var baselineStep: TimeInterval? {
        guard case .relative(_, let window) = bound else { return nil }
        return max(1, (window / 1000).rounded(.down))
    }
    /// Each segment's average over the baseline window, which ends `currentWindow` before now.
    var baselineQuery: String? {
        guard case .relative(_, let window) = bound, let step = baselineStep else { return nil }
        return "avg_over_time((\(currentQuery))[\(Durations.render(window)):\(Int(step))s] offset \(Durations.render(Self.currentWindow)))"
    }
    /// Each segment's first point over the baseline window and the current one: where its history starts (now, for a
    /// segment younger than the subquery's last step).
    var historyQuery: String? {
        guard case .relative(_, let window) = bound, let step = baselineStep else { return nil }
        return "min_over_time(timestamp(\(currentQuery))[\(Durations.render(window + Self.currentWindow)):\(Int(step))s])"
            + " or timestamp(\(currentQuery))"
    }
    var samplesQuery: String? { samples.map { "sum by (\(grouping)) (\($0))" } }
    /// Every query the plan asks, in a fixed order.
    var queries: [String] { [currentQuery, baselineQuery, historyQuery, samplesQuery].compactMap { $0 } }

    package var description: String {
        let rule: String
        switch bound {
        case .absolute(let condition): rule = "is \(condition)"
        case let .relative(percent, window):
            rule = "stays within \(Score.format(percent))% of its average over the \(Durations.render(window)) before the last \(Durations.render(Self.currentWindow))"
        }
        return "every segment of `\(expression)` by \(grouping) \(rule)"
    }
}

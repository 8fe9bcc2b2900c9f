import Foundation

/// The answers to a segment plan's queries, by segment, and the checks that the data can be judged against the plan.
struct SegmentAnswers {
    let plan: SegmentExpectation
    /// Each segment's current value, by its labels as PromQL renders them.
    var now: [String: PrometheusSample] = [:]
    var baseline: [String: Double] = [:]
    /// The time of each segment's first point over the baseline window and the current one.
    var firstPoint: [String: Double] = [:]
    var counts: [String: Double] = [:]
    /// Series that lack `by` labels: the plan does not match the data.
    var mismatch: LabelMismatch?

    /// The first query whose series lack some of the plan's `by` labels.
    struct LabelMismatch {
        /// The expression as the plan gives it, the query that was run, the labels missing and the series without them.
        var expression: String
        var query: String
        var labels: [String]
        var series: [String]

        var message: String {
            let names = labels.map { "'\($0)'" }.joined(separator: ", ")
            return "series of `\(expression)` lack the label\(labels.count == 1 ? "" : "s") \(names) that the plan groups by: "
                + "the plan does not match the data (a misspelt label?); the query was `\(query)`"
        }
    }

    init(_ plan: SegmentExpectation, answers: [String: [PrometheusSample]]) {
        self.plan = plan
        for query in plan.queries {
            let samples = answers[query] ?? []
            let missing = plan.by.filter { label in samples.contains { $0.metric[label] == nil } }
            if mismatch == nil, !missing.isEmpty {
                let series = samples.filter { sample in missing.contains { sample.metric[$0] == nil } }.map(\.labels)
                mismatch = LabelMismatch(expression: query == plan.samplesQuery ? plan.samples ?? "" : plan.expression,
                                         query: query, labels: missing, series: series.sorted())
            }
            let values = Dictionary(samples.map { ($0.labels, $0) }, uniquingKeysWith: { first, _ in first })
            switch query {
            case plan.currentQuery: now = values
            case plan.baselineQuery: baseline = values.mapValues(\.value)
            case plan.historyQuery: firstPoint = values.mapValues(\.value)
            default: counts = values.mapValues(\.value)
            }
        }
    }

    /// Why a segment's history is too short for the baseline window, or nil when it covers it. The window starts
    /// `window + currentWindow` before the server's evaluation time; the subquery's first step may fall up to one
    /// step after that start.
    func historyShortfall(_ segment: String) -> String? {
        guard case .relative(_, let window) = plan.bound, let step = plan.baselineStep, let current = now[segment] else { return nil }
        let needed = "the baseline needs \(Durations.render(window)) before the last \(Durations.render(SegmentExpectation.currentWindow))"
        guard let first = firstPoint[segment] else { return "has no history; \(needed)" }
        let start = current.time - window - SegmentExpectation.currentWindow
        guard first > start + step + 1 else { return nil }
        return "has only \(Durations.age(max(0, current.time - first))) of history; \(needed)"
    }
}

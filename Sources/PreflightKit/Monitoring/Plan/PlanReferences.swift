/// The checks across a plan's parts once each part has read well: names that refer to nothing, conditions a metric's
/// kind cannot meet, alerts without `for:`. Each failure is located at the key that holds the bad value.
struct PlanReferences {
    let plan: MonitoringPlan

    func check(at root: [any CodingKey]) throws {
        let metricNames = plan.metrics.map(\.name), segmentNames = plan.segments.map(\.name)
        for (index, check) in plan.healthy.enumerated() {
            func fail(_ key: String, _ message: String) -> FieldError {
                FieldError(codingPath: root + [AnyKey(stringValue: "healthy"), AnyKey(intValue: index), AnyKey(stringValue: key)], message: message)
            }
            guard let metric = plan.metric(named: check.metric) else {
                throw fail("metric", "no metric '\(check.metric)' in metrics:\(Self.hint(check.metric, metricNames))")
            }
            var segments = check.by.map { [$0] } ?? []
            if case let .bias(expected, unexpected, _) = check.condition {
                guard check.by == nil else { throw fail("by", "a bias check names its segments in bias:, not by:") }
                if let both = Set(expected).intersection(unexpected).sorted().first {
                    throw fail("bias", "'\(both)' is both an expected and an unexpected bias")
                }
                segments = expected + unexpected
            }
            for name in segments where plan.segment(named: name) == nil {
                throw fail(check.by == nil ? "bias" : "by", "no segment '\(name)' in segments:\(Self.hint(name, segmentNames))")
            }
            if !segments.isEmpty, !metric.isSegmentable {
                throw fail(check.by == nil ? "bias" : "by", "'\(metric.name)' is an expression: it cannot be split by a segment; group it in its PromQL")
            }
            switch check.condition {
            case .present:
                guard let name = check.by else { throw fail("present", "present needs by: the segment whose values must each have a series") }
                if plan.segment(named: name)?.values.isEmpty == true {
                    throw fail("by", "segment '\(name)' lists no values or buckets to be present")
                }
            case .minSamples:
                guard case .rate = metric.kind else {
                    throw fail("metric", "minSamples counts the events of a counter: '\(metric.name)' must be a rate metric")
                }
                guard check.by != nil else { throw fail("minSamples", "minSamples needs by: the segment each needs enough samples") }
            case .fresh where check.by != nil:
                throw fail("by", "fresh is for the whole metric; present says each segment has a series")
            case .maxAge:
                guard check.by == nil else { throw fail("by", "maxAge is for the whole metric") }
                switch metric.kind {
                case .gauge, .expression: break
                default: throw fail("metric", "maxAge reads a Unix time: '\(metric.name)' must be a gauge or an expression")
                }
            default: break
            }
            if check.pending == nil, plan.alerting.pending == nil {
                throw fail("metric", "no for: for this check's alert; set alerting.for or the check's for")
            }
        }
        var seen: [String: Int] = [:]
        for (index, check) in plan.healthy.enumerated() {
            var names = [PlanRules.alertName(model: plan.context.model, metric: check.metric, by: check.by, condition: check.condition)]
            if case let .bias(_, unexpected, _) = check.condition {
                names = unexpected.map { PlanRules.alertName(model: plan.context.model, metric: check.metric, by: $0, condition: check.condition) }
            }
            for name in names {
                if let first = seen[name] {
                    throw FieldError(codingPath: root + [AnyKey(stringValue: "healthy"), AnyKey(intValue: index)],
                                     message: "this check makes the alert \(name), as check \(first + 1) does: one check per metric, segment and condition")
                }
                seen[name] = index
            }
        }
    }

    private static func hint(_ name: String, _ names: [String]) -> String {
        Suggestion.closest(to: name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
    }
}

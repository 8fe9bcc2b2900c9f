import Foundation
import Yams

/// The Prometheus rules that enforce a monitoring plan, following the conventions: one group per model; a recording
/// rule per metric and segmentation, named `level:metric:operations` (`model_country:approval_rate:ratio_rate5m`) and
/// labelled with the model; an alerting rule per check, with `for:`, `severity`, `model` and `segment` labels (and
/// `owner`), `summary`, `runbook_url` and `covers` annotations. Every raw series is selected with the context's
/// matchers, every recorded series with the model, so another team's series never count. Deterministic: the same plan
/// always gives the same bytes.
public struct PlanRules: Sendable, Equatable {
    public struct Recording: Sendable, Equatable {
        public var record: String
        public var expr: String
        public var labels: [(String, String)]

        public static func == (left: Self, right: Self) -> Bool {
            left.record == right.record && left.expr == right.expr && left.labels.elementsEqual(right.labels, by: ==)
        }
    }

    public struct Alert: Sendable, Equatable {
        public var alert: String
        public var expr: String
        public var pending: TimeInterval
        public var labels: [(String, String)]
        public var annotations: [(String, String)]
        /// The check of `healthy:` it enforces, by position.
        public var check: Int
        /// The recorded series it reads, selected by the model (for the live check's table and segments).
        public var reads: [String] = []
        /// The segment label it splits by, and the values the plan expects of it.
        public var segmentLabel: String?
        public var segmentValues: [String] = []
        /// How far back a `within` check compares.
        public var baseline: TimeInterval?

        public static func == (left: Self, right: Self) -> Bool {
            left.alert == right.alert && left.expr == right.expr && left.pending == right.pending && left.check == right.check
                && left.labels.elementsEqual(right.labels, by: ==) && left.annotations.elementsEqual(right.annotations, by: ==)
        }
    }

    public var group: String
    /// Sorted by name.
    public var recordings: [Recording]
    /// In the order of the plan's checks.
    public var alerts: [Alert]

    public init(_ plan: MonitoringPlan) {
        let model = plan.context.model
        group = "preflight:\(model)"
        let selector = plan.context.selector.map(\.promQL).joined(separator: ", ")
        var recorded: [String: Recording] = [:]
        /// The recorded series the current check reads.
        var reads: [String] = []
        /// The recorded series of `metric` split by `segment`, selected by the model (and `matchers`).
        func series(_ metric: PlanMetric, by segment: PlanSegment?, _ matchers: String = "") -> String {
            let labels = segment.map { [$0.label] } ?? []
            let name = (["model"] + labels).joined(separator: "_") + ":\(metric.name):\(metric.operations)"
            recorded[name] = Recording(record: name, expr: metric.expression(selector: selector, by: labels), labels: [("model", model)])
            let selected = "\(name){model=\(PromNames.quoted(model))}"
            if !reads.contains(selected) { reads.append(selected) }
            return "\(name){model=\(PromNames.quoted(model))\(matchers.isEmpty ? "" : ", " + matchers)}"
        }
        var alerts: [Alert] = []
        for (index, check) in plan.healthy.enumerated() {
            reads = []
            guard let metric = plan.metric(named: check.metric) else { continue }
            let segment = check.by.flatMap(plan.segment(named:))
            let base = Alert(alert: "", expr: "", pending: check.pending ?? plan.alerting.pending ?? 0,
                             labels: [("severity", check.severity ?? plan.alerting.severity), ("model", model),
                                      ("segment", check.by ?? "all")] + (plan.alerting.owner.map { [("owner", $0)] } ?? []),
                             annotations: [], check: index)
            let name = Self.alertName(model: model, metric: metric.name, by: check.by, condition: check.condition)
            let within = segment.map { " in \($0.name) {{ $labels.\($0.label) }}" } ?? ""
            let what = "\(metric.name) of \(model)\(within)"
            var made: [(alert: String, expr: String, summary: String, segment: String?)] = []
            switch check.condition {
            case let .bounds(low, high):
                let recorded = series(metric, by: segment)
                let tests = [low.map { "\(recorded) < \(PromNames.number($0))" }, high.map { "\(recorded) > \(PromNames.number($0))" }]
                let range = switch (low, high) {
                case let (low?, high?): "outside [\(PromNames.number(low)), \(PromNames.number(high))]"
                case let (low?, nil): "below \(PromNames.number(low))"
                default: "above \(PromNames.number(high!))"
                }
                made = [(name, tests.compactMap { $0 }.joined(separator: " or "), "\(what) is {{ $value | printf \"%.3g\" }}, \(range)", nil)]
            case let .within(percent, offset):
                let recorded = series(metric, by: segment)
                let ago = Durations.render(offset)
                made = [(name, "abs(\(recorded) / (\(recorded) offset \(ago)) - 1) > \(PromNames.number(percent / 100))",
                         "\(what) moved more than \(PromNames.number(percent)) % from the same window \(ago) ago", nil)]
            case .fresh(let age):
                let tests = metric.series.map { "absent_over_time(\(PlanMetric.selecting($0, selector))[\(Durations.render(age))])" }
                made = [(name, tests.joined(separator: " or "), "\(what) has had no samples for \(Durations.render(age))", nil)]
            case .maxAge(let age):
                made = [(name, "time() - \(series(metric, by: nil)) > \(Int(age))",
                         "\(what) is older than \(Durations.render(age))", nil)]
            case .present:
                guard let segment else { continue }
                let tests = segment.values.map { value in
                    "absent(\(series(metric, by: segment, "\(segment.label)=\(PromNames.quoted(value))")))"
                }
                made = [(name, tests.joined(separator: " or "), "\(what) is missing", nil)]
            case let .minSamples(count, per):
                guard case .rate(let counter) = metric.kind, let segment else { continue }
                made = [(name, "sum by (\(segment.label)) (increase(\(PlanMetric.selecting(counter, selector))[\(Durations.render(per))])) < \(PromNames.number(count))",
                         "\(what) had fewer than \(PromNames.number(count)) events in \(Durations.render(per))", nil)]
            case let .bias(_, unexpected, tolerance):
                for name in unexpected {
                    guard let segment = plan.segment(named: name) else { continue }
                    let recorded = series(metric, by: segment)
                    made.append((Self.alertName(model: model, metric: metric.name, by: name, condition: check.condition),
                                 "max(\(recorded)) - min(\(recorded)) > \(PromNames.number(tolerance))",
                                 "\(metric.name) of \(model) differs by {{ $value | printf \"%.3g\" }} across \(name), more than \(PromNames.number(tolerance)); it should not depend on \(name)",
                                 name))
                }
            }
            for entry in made {
                var alert = base
                alert.alert = entry.alert
                alert.expr = entry.expr
                if let name = entry.segment, let biased = plan.segment(named: name) {
                    alert.labels[2].1 = name
                    alert.reads = reads.filter { $0.hasPrefix("model_\(biased.label):") }
                    alert.segmentLabel = biased.label
                } else {
                    alert.reads = reads
                    alert.segmentLabel = segment?.label
                    alert.segmentValues = segment?.values ?? []
                }
                if case .within(_, let offset) = check.condition { alert.baseline = offset }
                alert.annotations = [("summary", entry.summary)]
                    + (plan.alerting.runbook.map { [("runbook_url", $0)] } ?? [])
                    + (check.covers.isEmpty ? [] : [("covers", check.covers.joined(separator: ", "))])
                alerts.append(alert)
            }
        }
        recordings = recorded.values.sorted { $0.record < $1.record }
        self.alerts = alerts
    }

    /// `FraudApprovalRateByCountryOutOfBounds`: the model, the metric, the segment and what went wrong, in CamelCase.
    static func alertName(model: String, metric: String, by segment: String?, condition: HealthCheck.Condition) -> String {
        let problem = switch condition {
        case .bounds(let low, let high): low == nil ? "TooHigh" : high == nil ? "TooLow" : "OutOfBounds"
        case .within: "Shifted"
        case .fresh: "Stale"
        case .maxAge: "TooOld"
        case .present: "SegmentMissing"
        case .minSamples: "TooFewSamples"
        case .bias: "Biased"
        }
        let split = segment.map { "By" + PromNames.camelCase($0) } ?? ""
        if case .bias = condition { return PromNames.camelCase(model) + PromNames.camelCase(metric) + problem + split }
        return PromNames.camelCase(model) + PromNames.camelCase(metric) + split + problem
    }

    /// The rule file, as Prometheus loads it (`rule_files:`), with a header saying where it came from.
    public func yaml(source: String) throws -> String {
        func scalar(_ text: String) -> Node { Node(text) }
        func mapping(_ pairs: [(String, Node)]) -> Node { .mapping(Node.Mapping(pairs.map { (scalar($0.0), $0.1) })) }
        func strings(_ pairs: [(String, String)]) -> Node { mapping(pairs.map { ($0.0, scalar($0.1)) }) }
        var rules: [Node] = recordings.map { mapping([("record", scalar($0.record)), ("expr", scalar($0.expr)), ("labels", strings($0.labels))]) }
        rules += alerts.map { alert in
            mapping([("alert", scalar(alert.alert)), ("expr", scalar(alert.expr)), ("for", scalar(Durations.render(alert.pending))),
                     ("labels", strings(alert.labels)), ("annotations", strings(alert.annotations))])
        }
        let root = mapping([("groups", .sequence(Node.Sequence([mapping([("name", scalar(group)), ("rules", .sequence(Node.Sequence(rules)))])])))])
        let body = try Yams.serialize(node: root, width: -1, allowUnicode: true)
        return "# Generated by `preflight monitoring rules` from \(source): edit the plan, not this file.\n" + body
    }
}

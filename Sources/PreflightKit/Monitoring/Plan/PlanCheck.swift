import Foundation

/// A monitoring plan held against the live Prometheus, check by check: the generated rules are loaded as generated
/// (same name, model, expression, labels and `for:`), healthy, evaluated recently and not firing; every segment the
/// plan expects has a series, under the label the plan names; every baseline window has data to compare with.
public struct PlanCheck: Sendable {
    /// How one alert of the plan stands.
    public enum State: String, Sendable, Comparable {
        case healthy
        case notAvailable = "not available"
        /// The alert's condition holds now; it fires once `for:` has passed.
        case pending
        case noData = "no data"
        case firing
        case unhealthy
        case notDeployed = "not deployed"

        /// Every state, the worst first.
        public static let allCasesWorstFirst: [Self] = [.notDeployed, .unhealthy, .firing, .noData, .pending, .notAvailable, .healthy]

        /// Worse states sort later.
        public static func < (left: Self, right: Self) -> Bool { order(left) < order(right) }
        private static func order(_ state: Self) -> Int { allCasesWorstFirst.count - 1 - allCasesWorstFirst.firstIndex(of: state)! }
    }

    /// One alert of the plan, and how it stands, in plain words.
    public struct Result: Sendable {
        public var alert: String
        /// The check of `healthy:` it enforces, by position, and the rubric items it covers.
        public var check: Int
        public var covers: [String]
        public var state: State
        public var detail: String
    }

    /// A value of the table of metric × segment: a recorded series' current value.
    public struct Cell: Sendable, Equatable {
        public var series: String
        public var segment: String
        public var value: Double

        /// The value as reports write numbers (`0.8`, `+Inf`).
        public var valueText: String { RuleEvaluator.format(value) }
    }

    public var results: [Result] = []
    public var table: [Cell] = []
    /// Why the server could not be asked at all; then no result stands.
    public var failure: EvidenceFailure?

    /// A rule not evaluated for this long is not running.
    static let staleEvaluation: TimeInterval = 600

    /// What to ask the server: its rules, every series the alerts read, and each baseline window.
    public static func requests(_ rules: PlanRules) -> [PrometheusRequest] {
        var requests: [PrometheusRequest] = [.rules]
        for alert in rules.alerts {
            requests += alert.reads.map { PrometheusRequest.instant($0) }
            if let baseline = alert.baseline, let first = alert.reads.first {
                requests.append(.instant(baselineQuery(first, baseline)))
            }
        }
        var seen = Set<PrometheusRequest>()
        return requests.filter { seen.insert($0).inserted }
    }

    /// Asks `source` everything at once (credentials read from `environment`) and holds the plan against the answers.
    public static func live(plan: MonitoringPlan, rules: PlanRules, source: PrometheusSource, environment: [String: String], now: Date) -> PlanCheck {
        let answers = PrometheusClient(source: source, environment: environment).fetch(requests(rules))
        return PlanCheck(plan: plan, rules: rules, answers: answers, now: now)
    }

    static func baselineQuery(_ series: String, _ offset: TimeInterval) -> String { "count(\(series) offset \(Durations.render(offset)))" }

    public init(plan: MonitoringPlan, rules: PlanRules, answers: [PrometheusRequest: PrometheusAnswer], now: Date) {
        guard case .rules(let loaded)? = answers[.rules] else {
            if case .failed(let failure)? = answers[.rules] { self.failure = failure } else {
                failure = EvidenceFailure(.unreachable, "the server's rules were not asked")
            }
            return
        }
        let model = plan.context.model
        let recordings = Dictionary(rules.recordings.map { ($0.record, $0) }, uniquingKeysWith: { first, _ in first })
        let selector = plan.context.selector.map(\.promQL).joined(separator: ", ")
        /// The raw series an alert's first recording reads, as a person would look for them.
        func scraped(_ alert: PlanRules.Alert) -> String {
            let record = alert.reads.first.map { String($0.prefix { $0 != "{" }) }
            let raw = record.flatMap { recordings[$0] }.map { PromQLExpression($0.expr).metrics } ?? []
            return raw.map { PlanMetric.selecting($0, selector) }.joined(separator: " and ")
        }
        for alert in rules.alerts {
            var result = Result(alert: alert.alert, check: alert.check, covers: plan.healthy[alert.check].covers, state: .healthy, detail: "")
            // The rules it needs: the alert, and each recording it reads.
            let needed = [(alert.alert, alert.expr, alert.labels, alert.pending as TimeInterval?)]
                + alert.reads.compactMap { read -> (String, String, [(String, String)], TimeInterval?)? in
                    let name = String(read.prefix { $0 != "{" })
                    return recordings[name].map { ($0.record, $0.expr, $0.labels, nil) }
                }
            var problems: [(State, String)] = []
            for (name, expr, labels, pending) in needed {
                let candidates = loaded.filter { $0.name == name }
                guard let rule = candidates.first(where: { $0.labels["model"] == model }) else {
                    problems.append((.notDeployed, candidates.isEmpty ? "\(name) is not loaded" : "\(name) is loaded only for another model"))
                    continue
                }
                let sameLabels = Dictionary(labels, uniquingKeysWith: { first, _ in first }) == rule.labels
                guard PromQLCanonical.text(rule.query) == PromQLCanonical.text(expr), sameLabels, pending == nil || rule.duration == pending else {
                    problems.append((.notDeployed, "\(name) is loaded, but not as the plan generates it: regenerate the rules and reload them"))
                    continue
                }
                if rule.health != "ok" {
                    problems.append((.unhealthy, "\(name) is \(rule.health)\(rule.lastError.map { ": \($0)" } ?? "")"))
                } else if let last = rule.lastEvaluation, now.timeIntervalSince(last) > Self.staleEvaluation {
                    problems.append((.unhealthy, "\(name) was last evaluated \(Durations.age(now.timeIntervalSince(last))) ago"))
                }
                if rule.state == "pending" {
                    problems.append((.pending, "\(name) is pending: its condition holds now, and it fires after \(Durations.render(pending ?? 0))"))
                }
                if rule.isFiring {
                    let own = Set(rule.labels.keys)
                    let instances = rule.alerts.filter { $0.state == "firing" }.map { alert in
                        alert.labels.filter { !own.contains($0.key) && $0.key != "alertname" }.sorted { $0.key < $1.key }
                            .map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                    }
                    let which = instances.filter { !$0.isEmpty }
                    problems.append((.firing, "\(name) is firing\(which.isEmpty ? "" : " for " + which.joined(separator: "; "))"))
                }
            }
            if problems.isEmpty { problems += segmentProblems(alert, answers, scraped: scraped(alert)) }
            if problems.isEmpty, let baseline = alert.baseline, let first = alert.reads.first {
                switch answers[.instant(Self.baselineQuery(first, baseline))] {
                case .samples(let samples)? where samples.contains(where: { $0.value > 0 }): break
                case .failed(let failure)?: problems.append((.notAvailable, "the baseline \(Durations.render(baseline)) ago could not be read: \(failure.reason)"))
                default: problems.append((.notAvailable, "no data \(Durations.render(baseline)) ago to compare with yet"))
                }
            }
            if let worst = problems.map(\.0).max() {
                result.state = worst
                result.detail = problems.map(\.1).joined(separator: "; ")
            } else {
                result.detail = "loaded, healthy and quiet"
            }
            results.append(result)
        }
        var seen = Set<String>()
        for alert in rules.alerts {
            for read in alert.reads where seen.insert(read).inserted {
                guard case .samples(let samples)? = answers[.instant(read)] else { continue }
                let label = alert.segmentLabel
                for sample in samples {
                    table.append(Cell(series: String(read.prefix { $0 != "{" }), segment: label.flatMap { sample.metric[$0] } ?? "all", value: sample.value))
                }
            }
        }
        table.sort { ($0.series, $0.segment) < ($1.series, $1.segment) }
    }

    /// What the live series say of the alert's segments: that the label is on them and every value has one.
    private func segmentProblems(_ alert: PlanRules.Alert, _ answers: [PrometheusRequest: PrometheusAnswer], scraped: String) -> [(State, String)] {
        guard let read = alert.reads.first else { return [] }
        switch answers[.instant(read)] {
        case .failed(let failure)?: return [(.notAvailable, "\(read) could not be read: \(failure.reason)")]
        case .samples(let samples)?:
            guard !samples.isEmpty else { return [(.noData, "no series yet: are \(scraped) scraped?")] }
            guard let label = alert.segmentLabel else { return [] }
            let values = Set(samples.compactMap { $0.metric[label] })
            guard !values.isEmpty else { return [(.noData, "segment label '\(label)' is not on the series of \(read)")] }
            let missing = alert.segmentValues.filter { !values.contains($0) }
            return missing.isEmpty ? [] : [(.noData, "\(label) \(missing.joined(separator: ", ")) \(missing.count == 1 ? "has" : "have") no series")]
        default: return []
        }
    }

    /// The outcome for the alerts covering `item` (all alerts when nil), and why in words.
    public func outcome(covering item: String?) -> (Outcome, String) {
        if let failure { return (failure.outcome, "the plan could not be checked: \(failure.reason)") }
        let relevant = results.filter { item == nil || $0.covers.contains(item!) }
        guard !relevant.isEmpty else { return (.unsatisfied, "the monitoring plan has no check covering \(item ?? "anything")") }
        let bad = relevant.filter { $0.state != .healthy }
        guard let worst = bad.map(\.state).max() else {
            return (.satisfied, "\(relevant.count) planned alert\(relevant.count == 1 ? " is" : "s are") loaded, healthy and quiet: \(relevant.map(\.alert).joined(separator: ", "))")
        }
        // A detail that already names its alert ("FraudX is firing for country=fr") is not prefixed with it again.
        let said = bad.map { $0.detail.hasPrefix($0.alert + " ") ? $0.detail : "\($0.alert): \($0.detail)" }.joined(separator: "; ")
        return (worst == .notAvailable ? .notAvailable : .unsatisfied, said)
    }
}

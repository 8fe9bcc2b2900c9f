import Foundation

/// What "healthy" means for a model in production, as the people who built it declare it: the series that belong to
/// the model, the behaviour metrics, the segments of traffic, and the conditions each must meet. Preflight turns it
/// into Prometheus rules (`PlanRules`) and holds it against the live server.
///
/// ```yaml
/// monitoring:                       # in preflight.yaml, or the whole of monitoring.yaml beside it
///   context: { model: fraud, selector: { job: fraud-api, env: prod } }
///   alerting: { for: 10m, severity: page, owner: fraud-team, runbook: https://runbooks.example.com/fraud }
///   metrics:
///     approval_rate: { ratio: [fraud_approved_total, fraud_decisions_total], window: 5m }
///   segments:
///     country: { label: country, values: [de, fr, us] }
///   healthy:
///     - { metric: approval_rate, by: country, between: [0.6, 0.95], covers: [monitor-7] }
/// ```
public struct MonitoringPlan: Sendable, Equatable, Decodable {
    /// The file a plan is read from when preflight.yaml has no `monitoring:`.
    public static let fileName = "monitoring.yaml"

    public var context: Context
    public var alerting: Alerting
    /// By name, sorted.
    public var metrics: [PlanMetric]
    /// By name, sorted.
    public var segments: [PlanSegment]
    /// In the order written.
    public var healthy: [HealthCheck]

    /// Whose series these are: the model's name, which every generated rule carries as its `model` label, and the
    /// label matchers that select the model's series in every expression.
    public struct Context: Sendable, Equatable, Decodable {
        public var model: String
        /// Label name and value, sorted by name.
        public var selector: [LabelMatcher]

        enum CodingKeys: String, CodingKey, CaseIterable { case model, selector }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            model = try container.decode(String.self, forKey: .model)
            guard PromNames.isLabelValue(model), !model.isEmpty else {
                throw container.fail("a model name is letters, digits, '_', '-' or '.'", key: .model)
            }
            let labels = try container.decodeIfPresent([String: String].self, forKey: .selector) ?? [:]
            for name in labels.keys.sorted() where !PromNames.isLabelName(name) {
                throw FieldError(codingPath: container.codingPath + [CodingKeys.selector, AnyKey(stringValue: name)],
                                 message: "'\(name)' is not a Prometheus label name", atKey: true)
            }
            if labels["model"] != nil, labels["model"] != model {
                throw FieldError(codingPath: container.codingPath + [CodingKeys.selector, AnyKey(stringValue: "model")],
                                 message: "the selector's model label must be the context's model '\(model)'")
            }
            selector = labels.sorted { $0.key < $1.key }.map { LabelMatcher(name: $0.key, value: $0.value) }
        }
    }

    /// `name="value"`, written with PromQL's escapes.
    public struct LabelMatcher: Sendable, Equatable {
        public var name: String
        public var value: String

        var promQL: String { "\(name)=\(PromNames.quoted(value))" }
    }

    /// Defaults for every alert; a check may override `for` and `severity`.
    public struct Alerting: Sendable, Equatable, Decodable {
        public var pending: TimeInterval?
        public var severity: String
        public var owner: String?
        public var runbook: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case pending = "for", severity, owner, runbook
        }

        init() { severity = "warning" }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            pending = try container.decodeDuration(forKey: .pending)
            severity = try container.decodeIfPresent(String.self, forKey: .severity) ?? "warning"
            owner = try container.decodeIfPresent(String.self, forKey: .owner)
            runbook = try container.decodeIfPresent(String.self, forKey: .runbook)
            if let runbook, URL(string: runbook)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                throw container.fail("'\(runbook)' is not an http(s) URL", key: .runbook)
            }
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case context, alerting, metrics, segments, healthy }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        context = try container.decode(Context.self, forKey: .context)
        alerting = try container.decodeIfPresent(Alerting.self, forKey: .alerting) ?? Alerting()
        let collector = decoder.errorCollector
        metrics = try Self.named(container, .metrics, collector, PlanMetric.self).map { name, metric in
            var metric = metric
            metric.name = name
            return metric
        }
        segments = try Self.named(container, .segments, collector, PlanSegment.self).map { name, segment in
            var segment = segment
            segment.name = name
            return segment
        }
        healthy = try container.decodeIfPresent([HealthCheck].self, forKey: .healthy) ?? []
        // A metric or segment that did not read is reported already; what refers to it is not a second mistake.
        guard !decoder.hasCollectedErrors else { return }
        guard !metrics.isEmpty else { throw container.fail("a plan names at least one metric", key: .metrics) }
        guard !healthy.isEmpty else { throw container.fail("a plan says what is healthy: at least one check", key: .healthy) }
        try PlanReferences(plan: self).check(at: container.codingPath)
    }

    /// The entries of a mapping of names, sorted by name; each name a valid part of a rule name.
    private static func named<T: Decodable>(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys,
                                            _ collector: ErrorCollector?, _ type: T.Type) throws -> [(String, T)] {
        guard container.contains(key) else { return [] }
        let values = try container.decodeEachValue(T.self, forKey: key, collectingInto: collector)
        for name in values.keys.sorted() where !PromNames.isPlanName(name) {
            throw FieldError(codingPath: container.codingPath + [key, AnyKey(stringValue: name)],
                             message: "'\(name)' is not a plan name: lowercase letters, digits and '_', starting with a letter",
                             atKey: true)
        }
        return values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Throws when a check covers an item `rubric` does not have (located in the plan's own file).
    func checkCovers(against rubric: Rubric, file: String) throws {
        let ids = rubric.items.map(\.id)
        for (index, check) in healthy.enumerated() {
            for item in check.covers where !ids.contains(item) {
                let hint = Suggestion.closest(to: item, in: ids).map { " (did you mean '\($0)'?)" } ?? ""
                throw PreflightError.refusedInput(file: file, reason: "healthy[\(index)].covers: rubric '\(rubric.id)' has no item '\(item)'\(hint)")
            }
        }
    }

    public func metric(named name: String) -> PlanMetric? { metrics.first { $0.name == name } }
    public func segment(named name: String) -> PlanSegment? { segments.first { $0.name == name } }

    /// The plan a repository declares: preflight.yaml's `monitoring:`, else `monitoring.yaml` beside it; nil when
    /// there is neither.
    public static func load(in directory: URL, config: ModelConfig, displayName: String? = nil) throws -> MonitoringPlan? {
        if let plan = config.monitoring { return plan }
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard Confinement.resolves(url.path, inside: directory.path) else {
            throw PreflightError.refusedInput(file: displayName ?? url.path, reason: "it resolves outside the repository (a symlink?)")
        }
        return try load(file: url, displayName: displayName ?? url.path)
    }

    /// The plan a `monitoring.yaml` holds (the whole file is the plan).
    public static func load(file url: URL, displayName: String? = nil) throws -> MonitoringPlan {
        try YAMLDocument(contentsOf: url, displayName: displayName).decode(MonitoringPlan.self)
    }
}

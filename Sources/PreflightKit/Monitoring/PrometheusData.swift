import Foundation

extension PrometheusAnswer {
    /// Reads an API answer: anything but a successful JSON answer of the expected shape is a failure that says why.
    static func parse(_ body: Data, statusCode: Int, rules: Bool) -> PrometheusAnswer {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            return .failed(EvidenceFailure(.unparseable, "HTTP \(statusCode) with a body that is not Prometheus JSON"))
        }
        guard object["status"] as? String == "success", (200..<300).contains(statusCode) else {
            let message = (object["error"] as? String).map { ": \($0.prefix(300))" } ?? ""
            return .failed(EvidenceFailure(.unreadable, "HTTP \(statusCode), status \(object["status"] as? String ?? "missing")\(message)"))
        }
        guard let data = object["data"] as? [String: Any] else { return .failed(EvidenceFailure(.unparseable, "answer without data")) }
        if rules { return .rules(PrometheusRule.parse(data)) }
        switch PrometheusSample.parse(data) {
        case .success(let samples): return .samples(samples)
        case .failure(let shape): return .failed(EvidenceFailure(.unparseable, shape.description))
        }
    }
}

/// One series of an instant query: its labels, rendered like PromQL, its value and when the server evaluated it.
public struct PrometheusSample: Sendable {
    public var labels: String
    public var value: Double
    /// The labels by name (`__name__` included when the query keeps it).
    public var metric: [String: String] = [:]
    /// The evaluation time the server reports, in seconds since 1970 (its clock, not ours).
    public var time: Double = 0

    /// The labels in plain words, for people: `country=fr, model_version=1.4.0`, or `(no labels)`.
    public var plainLabels: String {
        let names = metric.keys.filter { $0 != "__name__" }.sorted()
        return names.isEmpty ? "(no labels)" : names.map { "\($0)=\(metric[$0]!)" }.joined(separator: ", ")
    }

    /// The samples of a query's `data`: a vector or a scalar.
    static func parse(_ data: [String: Any]) -> Result<[PrometheusSample], QueryShape> {
        switch data["resultType"] as? String {
        case "vector":
            guard let result = data["result"] as? [[String: Any]] else { return .failure(QueryShape("vector without a result list")) }
            var samples: [PrometheusSample] = []
            for series in result {
                guard let pair = series["value"] as? [Any], pair.count == 2, let text = pair[1] as? String, let value = Double(text) else {
                    return .failure(QueryShape("a series without a numeric value"))
                }
                let metric = (series["metric"] as? [String: String]) ?? [:]
                let labels = metric.keys.sorted().map { "\($0)=\"\(metric[$0]!)\"" }.joined(separator: ",")
                samples.append(PrometheusSample(labels: labels.isEmpty ? "" : "{\(labels)}", value: value, metric: metric,
                                                time: (pair[0] as? NSNumber)?.doubleValue ?? 0))
            }
            return .success(samples)
        case "scalar":
            guard let pair = data["result"] as? [Any], pair.count == 2, let text = pair[1] as? String, let value = Double(text) else {
                return .failure(QueryShape("a scalar without a numeric value"))
            }
            return .success([PrometheusSample(labels: "", value: value, time: (pair[0] as? NSNumber)?.doubleValue ?? 0)])
        case let other:
            return .failure(QueryShape("result type \(other ?? "missing") is not an instant vector or scalar"))
        }
    }

    struct QueryShape: Error, CustomStringConvertible, Sendable {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// A rule as `/api/v1/rules` reports it.
public struct PrometheusRule: Sendable {
    var group: String
    var name: String
    var type: String
    var health: String
    var state: String?
    /// The rule's expression, as the server loaded it.
    var query = ""
    var labels: [String: String] = [:]
    /// An alerting rule's `for:`, in seconds.
    var duration: TimeInterval?
    var lastEvaluation: Date?
    var lastError: String?
    /// An alerting rule's pending and firing alerts: their labels and state.
    var alerts: [(labels: [String: String], state: String)] = []

    /// An alerting rule with at least one alert firing (pending alerts do not count yet).
    var isFiring: Bool { type == "alerting" && state == "firing" }

    /// The rule as a report shows it: group, name, type, health and, for alerting rules, state.
    var proof: Proof { Proof(text: "\(group)/\(name) (\(type), health \(health)\(state.map { ", state \($0)" } ?? ""))") }

    /// An RFC 3339 time as the API writes it, with or without fractional seconds (Go writes up to nine digits).
    static func date(_ text: String) -> Date? {
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = parts.count == 2 ? String(parts[0]) + "Z" : text
        guard let date = ISO8601DateFormatter().date(from: whole) else { return nil }
        guard parts.count == 2 else { return date }
        let fraction = parts[1].prefix { $0.isNumber }
        return date.addingTimeInterval(Double("0." + fraction) ?? 0)
    }

    static func parse(_ data: [String: Any]) -> [PrometheusRule] {
        (data["groups"] as? [[String: Any]] ?? []).flatMap { group in
            (group["rules"] as? [[String: Any]] ?? []).compactMap { rule in
                guard let name = rule["name"] as? String else { return nil }
                var parsed = PrometheusRule(group: group["name"] as? String ?? "", name: name, type: rule["type"] as? String ?? "",
                                            health: rule["health"] as? String ?? "unknown", state: rule["state"] as? String,
                                            query: rule["query"] as? String ?? "")
                parsed.labels = rule["labels"] as? [String: String] ?? [:]
                parsed.duration = (rule["duration"] as? NSNumber)?.doubleValue
                parsed.lastEvaluation = (rule["lastEvaluation"] as? String).flatMap(Self.date)
                parsed.lastError = (rule["lastError"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                parsed.alerts = (rule["alerts"] as? [[String: Any]] ?? []).map { alert in
                    (alert["labels"] as? [String: String] ?? [:], alert["state"] as? String ?? "")
                }
                return parsed
            }
        }
    }
}

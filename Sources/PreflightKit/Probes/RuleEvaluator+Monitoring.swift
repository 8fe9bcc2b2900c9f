import Foundation

/// Probes answered by the live Prometheus.
extension RuleEvaluator {
    func evaluatePrometheus(_ probe: PrometheusProbe) -> Finding {
        let question = probe.question
        guard let answers = evidence.prometheus, let source = evidence.prometheusSource else {
            return Finding(outcome: .unsatisfied, probe: "prometheus",
                           message: "no Prometheus configured (sources.prometheus in preflight.yaml, or --prometheus) to check that \(question)")
        }
        guard let answer = answers[question.request] else {
            return Finding(outcome: .error, probe: "prometheus", message: "internal: the request was not made")
        }
        let data: Data
        switch answer {
        case .failed(let reason):
            return Finding(outcome: .error, probe: "prometheus", message: "\(source): \(reason) (asking whether \(question))")
        case .data(let answered): data = answered
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return Finding(outcome: .error, probe: "prometheus", message: "\(source): malformed data (asking whether \(question))")
        }
        switch question {
        case let .query(query, condition): return judge(query: query, condition: condition, object, source: source)
        case .rule(let pattern): return judgeRule(pattern, object)
        case .alert(let name): return judgeAlert(name, object)
        case let .fresh(selector, within): return judgeFreshness(selector, within: within, object)
        }
    }

    private func judge(query: String, condition: PrometheusProbe.Condition, _ data: [String: Any], source: String) -> Finding {
        let samples: [PrometheusSample]
        switch PrometheusSample.parse(data) {
        case .failure(let reason): return Finding(outcome: .error, probe: "prometheus", message: "`\(query)`: \(reason)")
        case .success(let parsed): samples = parsed
        }
        guard !samples.isEmpty else {
            return Finding(outcome: .notAvailable, probe: "prometheus", message: "`\(query)` returned no series from \(source)")
        }
        let numbers = samples.filter { !$0.value.isNaN }
        guard !numbers.isEmpty else {
            return Finding(outcome: .notAvailable, probe: "prometheus", message: "`\(query)` returned only NaN")
        }
        let failing = numbers.filter { !condition.holds($0.value) }
        let shown = (failing.isEmpty ? numbers : failing).prefix(proofLimit)
        let proofs = shown.map { Proof(text: "\(query)\($0.labels) = \(Self.format($0.value))") }
        if failing.isEmpty {
            return Finding(outcome: .satisfied, probe: "prometheus",
                           message: "`\(query)`: \(numbers.count) series, all \(condition)", proofs: proofs)
        }
        return Finding(outcome: .unsatisfied, probe: "prometheus",
                       message: "`\(query)`: \(failing.count) of \(numbers.count) series not \(condition)", proofs: proofs)
    }

    private func judgeRule(_ pattern: Pattern, _ data: [String: Any]) -> Finding {
        let rules = PrometheusRule.parse(data).filter { pattern.matches($0.name) }
        guard !rules.isEmpty else {
            return Finding(outcome: .unsatisfied, probe: "prometheus", message: "no loaded rule is named like /\(pattern)/")
        }
        let proofs = rules.prefix(proofLimit).map { Proof(text: "\($0.group)/\($0.name) (\($0.type), health \($0.health))") }
        guard let healthy = rules.first(where: { $0.health == "ok" }) else {
            return Finding(outcome: .unsatisfied, probe: "prometheus",
                           message: "rules named like /\(pattern)/ are loaded but none is healthy", proofs: proofs)
        }
        return Finding(outcome: .satisfied, probe: "prometheus", message: "rule \(healthy.name) is loaded and healthy", proofs: proofs)
    }

    private func judgeAlert(_ name: String, _ data: [String: Any]) -> Finding {
        guard let rule = PrometheusRule.parse(data).first(where: { $0.type == "alerting" && $0.name == name }) else {
            return Finding(outcome: .unsatisfied, probe: "prometheus", message: "no alerting rule \(name) is loaded")
        }
        let proof = [Proof(text: "\(rule.group)/\(rule.name): state \(rule.state ?? "unknown"), health \(rule.health)")]
        if rule.state == "firing" {
            return Finding(outcome: .unsatisfied, probe: "prometheus", message: "alert \(name) is firing", proofs: proof)
        }
        guard rule.health == "ok" else {
            return Finding(outcome: .unsatisfied, probe: "prometheus", message: "alerting rule \(name) is not healthy (\(rule.health))", proofs: proof)
        }
        return Finding(outcome: .satisfied, probe: "prometheus", message: "alert \(name) is loaded and not firing", proofs: proof)
    }

    private func judgeFreshness(_ selector: String, within: TimeInterval, _ data: [String: Any]) -> Finding {
        guard case .success(let samples) = PrometheusSample.parse(data),
              let newest = samples.map(\.value).filter({ $0.isFinite }).max() else {
            return Finding(outcome: .notAvailable, probe: "prometheus", message: "no samples of `\(selector)`")
        }
        let age = evidence.now.timeIntervalSince1970 - newest
        let proof = [Proof(text: "newest sample of \(selector): \(Int(age.rounded())) s old")]
        guard age <= within else {
            return Finding(outcome: .unsatisfied, probe: "prometheus",
                           message: "`\(selector)` is stale: its newest sample is \(Durations.age(age)) old, beyond \(Durations.render(within))",
                           proofs: proof)
        }
        return Finding(outcome: .satisfied, probe: "prometheus", message: "`\(selector)` has samples from the last \(Durations.render(within))", proofs: proof)
    }

    static func format(_ value: Double) -> String {
        value.isInfinite ? (value > 0 ? "+Inf" : "-Inf") : String(format: "%g", value)
    }
}

/// One series of an instant query: its labels, rendered like PromQL, and its value.
struct PrometheusSample {
    var labels: String
    var value: Double

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
                samples.append(PrometheusSample(labels: labels.isEmpty ? "" : "{\(labels)}", value: value))
            }
            return .success(samples)
        case "scalar":
            guard let pair = data["result"] as? [Any], pair.count == 2, let text = pair[1] as? String, let value = Double(text) else {
                return .failure(QueryShape("a scalar without a numeric value"))
            }
            return .success([PrometheusSample(labels: "", value: value)])
        case let other:
            return .failure(QueryShape("result type \(other ?? "missing") is not an instant vector or scalar"))
        }
    }

    struct QueryShape: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// A rule as `/api/v1/rules` reports it.
struct PrometheusRule {
    var group: String
    var name: String
    var type: String
    var health: String
    var state: String?

    static func parse(_ data: [String: Any]) -> [PrometheusRule] {
        (data["groups"] as? [[String: Any]] ?? []).flatMap { group in
            (group["rules"] as? [[String: Any]] ?? []).compactMap { rule in
                guard let name = rule["name"] as? String else { return nil }
                return PrometheusRule(group: group["name"] as? String ?? "", name: name, type: rule["type"] as? String ?? "",
                                      health: rule["health"] as? String ?? "unknown", state: rule["state"] as? String)
            }
        }
    }
}

import Foundation

/// Probes answered by the live Prometheus.
extension RuleEvaluator {
    func evaluatePrometheus(_ probe: PrometheusProbe) -> Finding {
        let question = probe.question
        guard let answers = evidence.prometheus, let source = evidence.prometheusSource else {
            return Finding(outcome: .unsatisfied, probe: "prometheus",
                           message: "no Prometheus configured (sources.prometheus in preflight.yaml, or --prometheus) to check that \(question)")
        }
        var objects: [[String: Any]] = []
        for request in question.requests {
            guard let answer = answers[request] else {
                return Finding(outcome: .error, probe: "prometheus", message: "internal: the request was not made")
            }
            guard case .data(let data) = answer else {
                if case .failed(let reason) = answer {
                    return Finding(outcome: .error, probe: "prometheus", message: "\(source): \(reason) (asking whether \(question))")
                }
                continue
            }
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                return Finding(outcome: .error, probe: "prometheus", message: "\(source): malformed data (asking whether \(question))")
            }
            objects.append(object)
        }
        switch question {
        case let .query(query, condition): return judge(query: query, condition: condition, objects[0], source: source)
        case .rule(let pattern): return judgeRule(pattern, objects[0])
        case .alert(let name): return judgeAlert(name, objects[0])
        case let .fresh(selector, within): return judgeFreshness(selector, within: within, objects[0])
        case .segments(let plan): return judgeSegments(plan, objects)
        }
    }

    /// Each segment against the plan: violations are listed; a segment without enough samples or without a
    /// baseline is not available, and never makes the probe pass.
    private func judgeSegments(_ plan: SegmentExpectation, _ objects: [[String: Any]]) -> Finding {
        var answers = objects.makeIterator()
        func segments(_ object: [String: Any]?) -> Result<[String: Double], PrometheusSample.QueryShape> {
            guard let object else { return .success([:]) }
            return PrometheusSample.parse(object).map { Dictionary($0.map { ($0.labels, $0.value) }, uniquingKeysWith: { first, _ in first }) }
        }
        let current = segments(answers.next())
        let baseline = plan.baselineQuery == nil ? .success([:]) : segments(answers.next())
        let samples = plan.samplesQuery == nil ? .success([:]) : segments(answers.next())
        guard case .success(let now) = current, case .success(let before) = baseline, case .success(let counts) = samples else {
            return Finding(outcome: .error, probe: "prometheus", message: "\(plan): an answer is not an instant vector")
        }
        guard !now.isEmpty else {
            return Finding(outcome: .notAvailable, probe: "prometheus", message: "\(plan): no segment has data")
        }
        var violations: [Proof] = [], lacking: [String] = []
        for (segment, value) in now.sorted(by: { $0.key < $1.key }) {
            if plan.samplesQuery != nil, (counts[segment] ?? 0) < plan.minSamples {
                lacking.append("\(segment) (\(Self.format(counts[segment] ?? 0)) samples)")
                continue
            }
            guard !value.isNaN else { lacking.append("\(segment) (NaN)"); continue }
            switch plan.bound {
            case .absolute(let condition):
                if !condition.holds(value) { violations.append(Proof(text: "\(segment) = \(Self.format(value)), not \(condition)")) }
            case .relative(let percent, _):
                guard let reference = before[segment], reference.isFinite, reference != 0 else {
                    lacking.append("\(segment) (no baseline)")
                    continue
                }
                let change = (value - reference) / abs(reference) * 100
                if abs(change) > percent {
                    violations.append(Proof(text: "\(segment) = \(Self.format(value)), \(String(format: "%+.1f", change))% from its baseline \(Self.format(reference))"))
                }
            }
        }
        let lackingNote = lacking.isEmpty ? "" : "; too little data for \(lacking.count): \(lacking.prefix(proofLimit).joined(separator: ", "))"
        if !violations.isEmpty {
            return Finding(outcome: .unsatisfied, probe: "prometheus",
                           message: "\(violations.count) of \(now.count) segments break the plan (\(plan))\(lackingNote)", proofs: violations)
        }
        if !lacking.isEmpty {
            return Finding(outcome: .notAvailable, probe: "prometheus", message: "\(plan): cannot judge every segment\(lackingNote)")
        }
        return Finding(outcome: .satisfied, probe: "prometheus", message: "all \(now.count) segments meet the plan: \(plan)")
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

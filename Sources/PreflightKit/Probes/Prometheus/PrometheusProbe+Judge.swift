import Foundation

/// Probes answered by the live Prometheus.
extension RuleEvaluator {
    func evaluatePrometheus(_ probe: PrometheusProbe) -> Finding {
        let question = probe.question
        guard let queries = evidence.answers(from: PrometheusQueries.self) else {
            return Finding(outcome: .unsatisfied, probe: "prometheus",
                           message: "no Prometheus configured (sources.prometheus in preflight.yaml, or --prometheus) to check that \(question)")
        }
        let source = queries.display
        var vectors: [[PrometheusSample]] = [], rules: [PrometheusRule] = []
        for request in question.requests {
            switch queries[request] {
            case .failed(let reason)?:
                return Finding(outcome: .error, probe: "prometheus", message: "\(source): \(reason) (asking whether \(question))")
            case .samples(let samples)?: vectors.append(samples)
            case .rules(let loaded)?: rules = loaded
            case nil: return Finding(outcome: .error, probe: "prometheus", message: "internal: the request was not made")
            }
        }
        switch question {
        case let .query(query, condition): return judge(query: query, condition: condition, vectors[0], source: source)
        case .rule(let pattern): return judgeRule(pattern, rules)
        case .alert(let name): return judgeAlert(name, rules)
        case let .fresh(selector, within): return judgeFreshness(selector, within: within, vectors[0])
        case .segments(let plan): return judgeSegments(plan, vectors)
        }
    }

    /// Each segment against the plan: violations are listed; a segment without enough samples or without a
    /// baseline is not available, and never makes the probe pass.
    private func judgeSegments(_ plan: SegmentExpectation, _ vectors: [[PrometheusSample]]) -> Finding {
        var answers = vectors.makeIterator()
        func segments(_ samples: [PrometheusSample]?) -> [String: Double] {
            Dictionary((samples ?? []).map { ($0.labels, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        let now = segments(answers.next())
        let before = plan.baselineQuery == nil ? [:] : segments(answers.next())
        let counts = plan.samplesQuery == nil ? [:] : segments(answers.next())
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

    private func judge(query: String, condition: PrometheusProbe.Condition, _ samples: [PrometheusSample], source: String) -> Finding {
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

    private func judgeRule(_ pattern: Pattern, _ loaded: [PrometheusRule]) -> Finding {
        let rules = loaded.filter { pattern.matches($0.name) }
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

    private func judgeAlert(_ name: String, _ rules: [PrometheusRule]) -> Finding {
        guard let rule = rules.first(where: { $0.type == "alerting" && $0.name == name }) else {
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

    private func judgeFreshness(_ selector: String, within: TimeInterval, _ samples: [PrometheusSample]) -> Finding {
        guard let newest = samples.map(\.value).filter({ $0.isFinite }).max() else {
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

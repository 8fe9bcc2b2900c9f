import Foundation

/// Probes answered by the live Prometheus.
extension PrometheusProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding { Judgement(judge: judge).evaluate(self) }

    /// What judging one probe needs: the evidence and how many proofs to keep.
    private struct Judgement {
        let judge: RuleEvaluator
        var evidence: Evidence { judge.evidence }
        var proofLimit: Int { judge.proofLimit }

        func evaluate(_ probe: PrometheusProbe) -> Finding {
            let question = probe.question
            guard let queries = evidence.answers(from: PrometheusQueries.self) else {
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name,
                               message: "no Prometheus configured (sources.prometheus in preflight.yaml, or --prometheus) to check that \(question)")
            }
            let source = queries.display
            var vectors: [[PrometheusSample]] = [], rules: [PrometheusRule] = []
            for request in question.requests {
                switch queries[request] {
                case let answer? where answer.isSourceWide:
                    // The cause is an evaluation note, said once for the source (PrometheusOutage).
                    return Finding(outcome: .error, probe: PrometheusProbe.name, message: PrometheusOutage.itemMessage(source: source))
                case .failed(let failure)?:
                    return Finding(outcome: failure.outcome, probe: PrometheusProbe.name, message: "\(source): \(failure.reason) (asking whether \(question))")
                case .samples(let samples)?: vectors.append(samples)
                case .rules(let loaded)?: rules = loaded
                case nil: return Finding(outcome: .error, probe: PrometheusProbe.name, message: "internal: the request was not made")
                }
            }
            switch question {
            case let .query(query, condition): return judge(query: query, condition: condition, vectors[0], source: source)
            case let .rule(pattern, kind): return judgeRule(pattern, kind, rules)
            case .alert(let name): return judgeAlert(name, rules)
            case .measures(let measure): return judgeMeasures(measure, rules)
            case let .fresh(selector, within): return judgeFreshness(selector, within: within, vectors[0])
            case .segments(let plan):
                return judgeSegments(plan, SegmentAnswers(plan, answers: Dictionary(zip(plan.queries, vectors), uniquingKeysWith: { first, _ in first })))
            }
        }

        /// Each segment against the plan: violations are listed; a segment without enough samples, history or a baseline
        /// is not available, and never makes the probe pass; series without the plan's labels are an error.
        private func judgeSegments(_ plan: SegmentExpectation, _ answers: SegmentAnswers) -> Finding {
            if let mismatch = answers.mismatch {
                let examples = mismatch.series.prefix(proofLimit).map { Proof(text: "\(mismatch.query)\($0)") }
                return Finding(outcome: .error, probe: PrometheusProbe.name, message: mismatch.message, proofs: examples)
            }
            let now = answers.now
            guard !now.isEmpty else {
                return Finding(outcome: .notAvailable, probe: PrometheusProbe.name, message: "\(plan): no segment has data")
            }
            // Plain words for the message, PromQL for the proofs.
            var violations: [String] = [], proofs: [Proof] = [], lacking: [String] = []
            for (segment, sample) in now.sorted(by: { $0.key < $1.key }) {
                let name = sample.plainLabels, value = sample.value
                if plan.samplesQuery != nil, (answers.counts[segment] ?? 0) < plan.minSamples {
                    lacking.append("\(name) has \(Self.format(answers.counts[segment] ?? 0)) samples, fewer than \(Self.format(plan.minSamples))")
                    continue
                }
                guard !value.isNaN else { lacking.append("\(name) is NaN"); continue }
                switch plan.bound {
                case .absolute(let condition):
                    if !condition.holds(value) {
                        violations.append("\(name) is \(Self.format(value)), not \(condition)")
                        proofs.append(Proof(text: "\(plan.currentQuery)\(segment) = \(Self.format(value))"))
                    }
                case .relative(let percent, _):
                    if let shortfall = answers.historyShortfall(segment) { lacking.append("\(name) \(shortfall)"); continue }
                    guard let reference = answers.baseline[segment], reference.isFinite, reference != 0 else {
                        lacking.append("\(name) has no baseline")
                        continue
                    }
                    let change = (value - reference) / abs(reference) * 100
                    if abs(change) > percent {
                        violations.append("\(name) is \(Self.format(value)), \(String(format: "%+.1f", change))% from its baseline \(Self.format(reference)) (allowed ±\(Score.format(percent))%)")
                        proofs.append(Proof(text: "\(plan.currentQuery)\(segment) = \(Self.format(value)); \(plan.baselineQuery ?? "")\(segment) = \(Self.format(reference))"))
                    }
                }
            }
            func list(_ phrases: [String]) -> String {
                let shown = phrases.prefix(3).joined(separator: "; ")
                return phrases.count > 3 ? "\(shown); and \(phrases.count - 3) more" : shown
            }
            let lackingNote = lacking.isEmpty ? "" : "; \(lacking.count) cannot be judged: \(list(lacking))"
            if !violations.isEmpty {
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name,
                               message: "\(violations.count) of \(now.count) segments of `\(plan.expression)` break the plan: \(list(violations))\(lackingNote)",
                               proofs: Array(proofs.prefix(proofLimit)))
            }
            if !lacking.isEmpty {
                return Finding(outcome: .notAvailable, probe: PrometheusProbe.name,
                               message: "\(lacking.count) of \(now.count) segments of `\(plan.expression)` cannot be judged: \(list(lacking))")
            }
            return Finding(outcome: .satisfied, probe: PrometheusProbe.name, message: "all \(now.count) segments meet the plan: \(plan)")
        }

        private func judge(query: String, condition: PrometheusProbe.Condition, _ samples: [PrometheusSample], source: String) -> Finding {
            guard !samples.isEmpty else {
                return Finding(outcome: .notAvailable, probe: PrometheusProbe.name, message: "`\(query)` returned no series from \(source)")
            }
            let numbers = samples.filter { !$0.value.isNaN }
            guard !numbers.isEmpty else {
                return Finding(outcome: .notAvailable, probe: PrometheusProbe.name, message: "`\(query)` returned only NaN")
            }
            let failing = numbers.filter { !condition.holds($0.value) }
            let shown = (failing.isEmpty ? numbers : failing).prefix(proofLimit)
            let proofs = shown.map { Proof(text: "\(query)\($0.labels) = \(Self.format($0.value))") }
            if failing.isEmpty {
                return Finding(outcome: .satisfied, probe: PrometheusProbe.name,
                               message: "`\(query)`: \(numbers.count) series, all \(condition)", proofs: proofs)
            }
            return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name,
                           message: "`\(query)`: \(failing.count) of \(numbers.count) series not \(condition)", proofs: proofs)
        }

        /// Rules of the probe's kind named like the pattern: one must be loaded and healthy, and no alerting one may fire.
        private func judgeRule(_ pattern: Pattern, _ kind: PrometheusProbe.RuleKind, _ loaded: [PrometheusRule]) -> Finding {
            let named = loaded.filter { pattern.matches($0.name) }
            let rules = named.filter { kind.accepts($0.type) }
            guard !rules.isEmpty else {
                // Rules of the other kind match: say so, and how to accept them, rather than let them count silently.
                let others = named.filter { !kind.accepts($0.type) }
                let types = Set(others.map(\.type)).sorted()
                let note = others.isEmpty ? "" : "; only \(types.joined(separator: " and ")) rules match (\(others.prefix(3).map(\.name).joined(separator: ", ")))"
                    + (types == ["recording"] ? ", which alert no one" : "") + ": say type: \(types.count == 1 ? "\(types[0]) or " : "")any to accept them"
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name, message: "no loaded \(kind.noun) is named like /\(pattern)/\(note)",
                               proofs: others.prefix(proofLimit).map(\.proof))
            }
            let firing = rules.filter(\.isFiring)
            if !firing.isEmpty {
                let names = firing.map(\.name)
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name,
                               message: "\(names.count == 1 ? "alert" : "alerts") \(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? " and \(names.count - 3) more" : "") \(names.count == 1 ? "is" : "are") firing",
                               proofs: firing.prefix(proofLimit).map(\.proof))
            }
            let proofs = rules.prefix(proofLimit).map(\.proof)
            guard let healthy = rules.first(where: { $0.health == "ok" }) else {
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name,
                               message: "\(kind.noun)s named like /\(pattern)/ are loaded but none is healthy", proofs: proofs)
            }
            let quiet = healthy.type == "alerting" ? ", healthy and not firing" : " and healthy"
            return Finding(outcome: .satisfied, probe: PrometheusProbe.name, message: "\(healthy.type) rule \(healthy.name) is loaded\(quiet)", proofs: proofs)
        }

        /// Alerting rules whose query reads a matching metric, through the loaded recording rules: one must be
        /// healthy, and none may fire. The rules' names are never evidence.
        private func judgeMeasures(_ measure: MetricMeasure, _ loaded: [PrometheusRule]) -> Finding {
            let recorded = RecordedSeries(loaded.filter { $0.type == "recording" }.map { ($0.name, PromQLExpression($0.query)) })
            let alerting = loaded.filter { $0.type == "alerting" }
            var watching: [(rule: PrometheusRule, how: String)] = []
            for rule in alerting {
                let reading = recorded.reading(PromQLExpression(rule.query))
                let matched = measure.matched(reading)
                if !matched.isEmpty { watching.append((rule, measure.explain(reading, matched: matched))) }
            }
            guard !watching.isEmpty else {
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name,
                               message: "no loaded alerting rule \(measure) (\(alerting.count) alerting rule\(alerting.count == 1 ? "" : "s") loaded)")
            }
            let proofs = watching.prefix(proofLimit).map { Proof(text: "\($0.rule.proof.text ?? ""): \($0.how)") }
            let firing = watching.filter(\.rule.isFiring).map(\.rule.name)
            if !firing.isEmpty {
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name,
                               message: "\(firing.count == 1 ? "alert" : "alerts") \(firing.prefix(3).joined(separator: ", "))\(firing.count > 3 ? " and \(firing.count - 3) more" : "") \(firing.count == 1 ? "is" : "are") firing",
                               proofs: proofs)
            }
            guard let healthy = watching.first(where: { $0.rule.health == "ok" }) else {
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name,
                               message: "alerting rules that read the metrics asked are loaded but none is healthy", proofs: proofs)
            }
            return Finding(outcome: .satisfied, probe: PrometheusProbe.name,
                           message: "alerting rule \(healthy.rule.name) (\(healthy.how)) is loaded, healthy and not firing", proofs: proofs)
        }

        /// Every alerting rule of that name counts (groups often hold a warning and a critical one): any firing or
        /// unhealthy fails the probe.
        private func judgeAlert(_ name: String, _ rules: [PrometheusRule]) -> Finding {
            let named = rules.filter { $0.type == "alerting" && $0.name == name }
            guard !named.isEmpty else {
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name, message: "no alerting rule \(name) is loaded")
            }
            if let firing = named.first(where: \.isFiring) {
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name, message: "alert \(name) is firing", proofs: [firing.proof])
            }
            if let sick = named.first(where: { $0.health != "ok" }) {
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name, message: "alerting rule \(name) is not healthy (\(sick.health))", proofs: [sick.proof])
            }
            return Finding(outcome: .satisfied, probe: PrometheusProbe.name, message: "alert \(name) is loaded and not firing",
                           proofs: named.prefix(proofLimit).map(\.proof))
        }

        /// The newest sample over the lookback: within `within` is fresh; older is a series that stopped, which fails;
        /// none at all is a series never seen, which is not available.
        private func judgeFreshness(_ selector: String, within: TimeInterval, _ samples: [PrometheusSample]) -> Finding {
            guard let newest = samples.map(\.value).filter({ $0.isFinite }).max() else {
                let lookback = Durations.render(PrometheusProbe.freshLookback(within))
                return Finding(outcome: .notAvailable, probe: PrometheusProbe.name,
                               message: "no sample of `\(selector)` in the last \(lookback): the series was never seen (or stopped before that)")
            }
            let age = evidence.now.timeIntervalSince1970 - newest
            let proof = [Proof(text: "newest sample of \(selector): \(Int(age.rounded())) s old")]
            guard age <= within else {
                return Finding(outcome: .unsatisfied, probe: PrometheusProbe.name,
                               message: "`\(selector)` stopped: its last sample is \(Durations.age(age)) old, beyond \(Durations.render(within))",
                               proofs: proof)
            }
            return Finding(outcome: .satisfied, probe: PrometheusProbe.name, message: "`\(selector)` has samples from the last \(Durations.render(within))", proofs: proof)
        }

        static func format(_ value: Double) -> String { RuleEvaluator.format(value) }
    }
}

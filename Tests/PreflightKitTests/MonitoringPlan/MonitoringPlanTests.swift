import Foundation
import Testing
@testable import PreflightKit

/// The monitoring plan: read with located errors, turned into rules that the real promtool accepts and whose alerts
/// behave as the plan says when promtool replays series through them.
@Suite struct MonitoringPlanTests {
    static let example = CLITests.examples.appendingPathComponent("fraud-monitoring")
    static let committedRules = example.appendingPathComponent("monitoring/prometheus/fraud-rules.yml")

    func examplePlan() throws -> MonitoringPlan {
        try MonitoringPlan.load(file: Self.example.appendingPathComponent(MonitoringPlan.fileName))
    }

    func plan(_ yaml: String) throws -> MonitoringPlan { try YAMLDocument(text: yaml, file: "monitoring.yaml").decode(MonitoringPlan.self) }

    /// The example's committed rules are what the plan gives, byte for byte, wherever the command runs from.
    @Test func theExampleRulesAreGeneratedDeterministically() throws {
        let committed = try String(contentsOf: Self.committedRules, encoding: .utf8)
        #expect(try PlanRules(examplePlan()).yaml(source: MonitoringPlan.fileName) == committed)
        let outside = try run(CLITests.binary, ["monitoring", "rules", Self.example.path])
        #expect(outside.status == 0 && outside.output == committed, "\(outside.errors)")
        let inside = try run(CLITests.binary, ["monitoring", "rules"], currentDirectory: Self.example.path)
        #expect(inside.output == committed)
    }

    /// `promtool check rules`, Prometheus's own reader, accepts every rule; each alert has `for:` and the labels a
    /// router needs, and reads only this model's series.
    @Test func promtoolAcceptsTheRulesAndEachIsScopedToTheModel() throws {
        let rules = PlanRules(try examplePlan())
        let directory = try TemporaryDirectory()
        try directory.write("rules.yml", try rules.yaml(source: "monitoring.yaml"))
        let checked = try run("/usr/bin/env", ["promtool", "check", "rules", directory.path + "/rules.yml"])
        #expect(checked.status == 0, "\(checked.output)\(checked.errors)")
        #expect(checked.output.contains("SUCCESS: \(rules.recordings.count + rules.alerts.count) rules found"))
        for recording in rules.recordings {
            #expect(recording.record.hasPrefix("model"), "\(recording.record): level:metric:operations")
            #expect(recording.record.split(separator: ":").count == 3)
            // Every raw series the recording reads is selected by the context's matchers.
            for metric in PromQLExpression(recording.expr).metrics {
                #expect(recording.expr.contains("\(metric){env=\"prod\", job=\"fraud-api\"}"), "\(recording.expr)")
            }
        }
        for alert in rules.alerts {
            #expect(alert.pending > 0)
            #expect(alert.labels.map(\.0).starts(with: ["severity", "model", "segment"]))
            #expect(alert.annotations.contains { $0.0 == "runbook_url" })
            for metric in PromQLExpression(alert.expr).metrics {
                let recorded = rules.recordings.contains { $0.record == metric }
                #expect(recorded ? alert.expr.contains("\(metric){model=\"fraud\"") : alert.expr.contains("\(metric){env=\"prod\", job=\"fraud-api\"}"),
                        "\(alert.alert): \(alert.expr)")
            }
        }
    }

    /// Unit tests written from the plan's alerts, run by `promtool test rules`: with healthy traffic every alert stays
    /// quiet; when one country's approval rate falls, only its bounds alert fires, and only once `for:` has passed.
    @Test func promtoolReplaysHealthyAndDriftingTraffic() throws {
        let plan = try examplePlan()
        let rules = PlanRules(plan)
        let directory = try TemporaryDirectory()
        try directory.write("rules.yml", try rules.yaml(source: "monitoring.yaml"))
        let drifting = try #require(rules.alerts.first { $0.alert == "FraudApprovalRateByCountryOutOfBounds" })
        func quiet(at time: String, except firing: String? = nil) -> [String] {
            rules.alerts.map(\.alert).filter { $0 != firing }.map { "      - { eval_time: \(time), alertname: \($0), exp_alerts: [] }" }
        }
        let labels = (drifting.labels + [("country", "fr")]).map { "\($0.0): '\($0.1)'" }.joined(separator: ", ")
        let annotations = drifting.annotations.map { key, value in
            "\(key): '\(value.replacingOccurrences(of: "{{ $labels.country }}", with: "fr").replacingOccurrences(of: "{{ $value | printf \"%.3g\" }}", with: "0.3"))'"
        }.joined(separator: ", ")
        let test = """
            rule_files: [rules.yml]
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
            \(try inputSeries(plan, approvedInFrance: 8).joined(separator: "\n"))
                alert_rule_test:
            \((quiet(at: "5m") + quiet(at: "30m")).joined(separator: "\n"))
              - interval: 1m
                input_series:
            \(try inputSeries(plan, approvedInFrance: 3).joined(separator: "\n"))
                alert_rule_test:
            \(quiet(at: "8m").joined(separator: "\n"))
            \(quiet(at: "30m", except: drifting.alert).joined(separator: "\n"))
                  - eval_time: 30m
                    alertname: \(drifting.alert)
                    exp_alerts: [{ exp_labels: { \(labels) }, exp_annotations: { \(annotations) } }]
            """
        try directory.write("tests.yml", test)
        let tested = try run("/usr/bin/env", ["promtool", "test", "rules", directory.path + "/tests.yml"])
        #expect(tested.status == 0, "\(tested.output)\(tested.errors)")
        #expect(tested.output.contains("SUCCESS"))
    }

    /// Healthy series for the example's metrics, in every combination of the segments' values: ten decisions a
    /// minute per combination, eight approved (three in France when it drifts), nothing invalid, no NaN, fast answers.
    private func inputSeries(_ plan: MonitoringPlan, approvedInFrance: Int) throws -> [String] {
        let selector = plan.context.selector.map { "\($0.name)=\"\($0.value)\"" }
        var combinations: [[String]] = [[]]
        for segment in ["country", "amount", "age_band"] {
            let segment = try #require(plan.segment(named: segment))
            combinations = combinations.flatMap { prefix in segment.values.map { prefix + ["\(segment.label)=\"\($0)\""] } }
        }
        func series(_ name: String, _ labels: [String], _ values: String) -> String {
            "      - { series: '\(name){\((selector + labels).joined(separator: ","))}', values: '\(values)' }"
        }
        var lines: [String] = []
        for labels in combinations {
            lines.append(series("fraud_decisions_total", labels, "0+10x40"))
            let approved = labels.contains("country=\"fr\"") ? approvedInFrance : 8
            lines.append(series("fraud_approved_total", labels, "0+\(approved)x40"))
        }
        for bound in ["0.1", "0.25", "+Inf"] { lines.append(series("fraud_request_duration_seconds_bucket", ["le=\"\(bound)\""], "0+10x40")) }
        lines.append(series("fraud_invariant_violations_total", [], "0x40"))
        lines.append(series("fraud_nan_scores_total", [], "0x40"))
        lines.append(series("fraud_feature_psi", [], "0.05x40"))
        lines.append(series("fraud_model_trained_timestamp_seconds", [], "0x40"))
        return lines
    }

    /// "Within 10 % of the same window 7 days ago" compares with that window (an offset), not with an average that
    /// includes now: a level that held for a week and then rises by half fires; one that stays does not.
    @Test func withinComparesWithTheSameWindowDaysAgo() throws {
        let rules = PlanRules(try plan("""
            context: { model: churn, selector: { job: churn } }
            alerting: { for: 10m }
            metrics: { retention: { gauge: churn_retention } }
            healthy: [{ metric: retention, within: { percent: 10, of: 7d } }]
            """))
        let alert = try #require(rules.alerts.first)
        #expect(alert.alert == "ChurnRetentionShifted")
        #expect(alert.expr.contains("offset 7d"))
        let directory = try TemporaryDirectory()
        try directory.write("rules.yml", try rules.yaml(source: "monitoring.yaml"))
        // Five-minute samples: a week at 1.0, then two hours at 1.5 (or at 1.05).
        try directory.write("tests.yml", """
            rule_files: [rules.yml]
            evaluation_interval: 5m
            tests:
              - interval: 5m
                input_series: [{ series: 'churn_retention{job="churn"}', values: '1x2016 1.5x24' }]
                alert_rule_test:
                  - { eval_time: 6d, alertname: ChurnRetentionShifted, exp_alerts: [] }
                  - eval_time: 169h
                    alertname: ChurnRetentionShifted
                    exp_alerts: [{ exp_labels: { severity: warning, model: churn, segment: all }, exp_annotations: { summary: 'retention of churn moved more than 10 % from the same window 7d ago' } }]
              - interval: 5m
                input_series: [{ series: 'churn_retention{job="churn"}', values: '1x2016 1.05x24' }]
                alert_rule_test:
                  - { eval_time: 169h, alertname: ChurnRetentionShifted, exp_alerts: [] }
            """)
        let tested = try run("/usr/bin/env", ["promtool", "test", "rules", directory.path + "/tests.yml"])
        #expect(tested.status == 0, "\(tested.output)\(tested.errors)")
    }

    /// Numeric features are bucketed by explicit, linear or logarithmic edges, with special values of their own.
    @Test func bucketsNameTheirRanges() throws {
        let plan = try plan("""
            context: { model: m }
            alerting: { for: 5m }
            metrics: { approvals: { rate: approvals_total } }
            segments:
              amount: { label: amount_bucket, buckets: [0, 50, 500], special: [missing] }
              score:  { label: score_bucket, linear: { start: 0, width: 0.25, count: 4 } }
              income: { label: income_bucket, log: { start: 1000, factor: 10, count: 2 } }
            healthy: [{ metric: approvals, by: amount, present: true }]
            """)
        #expect(plan.segment(named: "amount")?.values == ["[0,50)", "[50,500)", "[500,+Inf)", "missing"])
        #expect(plan.segment(named: "score")?.values == ["[0,0.25)", "[0.25,0.5)", "[0.5,0.75)", "[0.75,1)", "[1,+Inf)"])
        #expect(plan.segment(named: "income")?.values == ["[1000,10000)", "[10000,100000)", "[100000,+Inf)"])
        let alert = try #require(PlanRules(plan).alerts.first)
        #expect(alert.expr.contains(#"absent(model_amount_bucket:approvals:rate5m{model="m", amount_bucket="missing"})"#))
    }

    /// Each bad plan of `Fixtures/monitoring/` is refused at the key that holds the mistake, in words.
    @Test(arguments: [
        ("unknown-kind.yaml", "monitoring.yaml:4:13: error: metrics.scores.counter: unknown key 'counter'; allowed: gauge, rate, ratio, histogram"),
        ("two-kinds.yaml", "monitoring.yaml:4:11: error: metrics.scores: a metric has one kind; found gauge and rate"),
        ("buckets-out-of-order.yaml", "monitoring.yaml:6:52: error: segments.amount.buckets[2]: bucket edges go up: 40 comes after 50"),
        ("log-with-width.yaml", "monitoring.yaml:6:55: error: segments.income.log.width: unknown key 'width'; allowed: start, factor, count"),
        ("duplicate-metric.yaml", "monitoring.yaml:4:3: error: duplicate key 'scores'"),
        ("bad-promql.yaml", "monitoring.yaml:4:19: error: metrics.age.expr: not PromQL: '(' at column 4 is never closed"),
        ("unknown-function.yaml", "monitoring.yaml:4:19: error: metrics.age.expr: not PromQL: 'maximum' at column 1 is no PromQL function"),
        ("no-selector.yaml", "monitoring.yaml:4:19: error: metrics.age.expr: an expression selects the model's series with $selector"),
        ("unknown-metric.yaml", "monitoring.yaml:6:15: error: healthy[0].metric: no metric 'score' in metrics: (did you mean 'scores'?)"),
        ("unknown-segment.yaml", "monitoring.yaml:6:33: error: healthy[0].by: no segment 'contry' in segments: (did you mean 'country'?)"),
        ("no-for.yaml", "monitoring.yaml:5:15: error: healthy[0].metric: no for: for this check's alert; set alerting.for or the check's for"),
        ("bad-label.yaml", "monitoring.yaml:1:34: error: context.selector.1env: '1env' is not a Prometheus label name"),
        ("inverted-bounds.yaml", "monitoring.yaml:6:51: error: healthy[0].between: the low bound 0.9 is not below the high bound 0.6"),
        ("same-alert-twice.yaml", "monitoring.yaml:7:5: error: healthy[1]: this check makes the alert MScoresTooHigh, as check 1 does"),
    ])
    func badPlansAreRefusedWhereTheMistakeIs(file: String, expected: String) throws {
        let url = Fixtures.root.appendingPathComponent("monitoring/\(file)")
        let error = try #require(throws: PreflightError.self) { try MonitoringPlan.load(file: url, displayName: "monitoring.yaml") }
        // One mistake, one error: nothing that follows from it is reported as a second.
        #expect(error.localizedDescription.hasPrefix(expected) && !error.localizedDescription.contains("\n"), "\(error.localizedDescription)")
    }

    /// preflight.yaml may hold the plan; without one anywhere the command says what to write and exits 2.
    @Test func thePlanMayLiveInPreflightYAML() throws {
        let repo = try TemporaryDirectory()
        try repo.write("preflight.yaml", """
            version: 1
            monitoring:
              context: { model: churn }
              alerting: { for: 15m, severity: page }
              metrics: { scored: { rate: churn_scored_total } }
              healthy: [{ metric: scored, fresh: 30m }]
            """)
        let rules = try run(CLITests.binary, ["monitoring", "rules", repo.path])
        #expect(rules.status == 0, "\(rules.errors)")
        #expect(rules.output.hasPrefix("# Generated by `preflight monitoring rules` from preflight.yaml"))
        #expect(rules.output.contains("expr: absent_over_time(churn_scored_total[30m])"))
        // The items a check covers are the rubric's.
        try repo.write("preflight.yaml", """
            version: 1
            monitoring:
              context: { model: churn }
              alerting: { for: 15m }
              metrics: { scored: { rate: churn_scored_total } }
              healthy: [{ metric: scored, fresh: 30m, covers: [monitor-9] }]
            """)
        let covers = try run(CLITests.binary, ["validate", repo.path + "/preflight.yaml"])
        #expect(covers.status == 2 && covers.errors.contains("preflight.yaml:6:52: error: monitoring.healthy[0].covers[0]: rubric 'ml-test-score' has no item 'monitor-9' (did you mean 'monitor-1'?)"), "\(covers.errors)")
        let empty = try TemporaryDirectory()
        let missing = try run(CLITests.binary, ["monitoring", "rules", empty.path])
        #expect(missing.status == 2 && missing.errors.contains("no monitoring plan: add `monitoring:` to preflight.yaml or write monitoring.yaml"))
        try repo.write("preflight.yaml", "version: 1\nmonitoring:\n  context: { model: churn }\n  metrics: {}\n")
        let invalid = try run(CLITests.binary, ["monitoring", "rules", repo.path])
        #expect(invalid.status == 2 && invalid.errors.contains("preflight.yaml:4:12: error: monitoring.metrics: a plan names at least one metric"), "\(invalid.errors)")
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// The plan held against a real Prometheus that evaluates the generated rules over an exporter's segmented series.
@Suite(.serialized) struct PlanCheckTests {
    static let plan = """
        context: { model: fraud, selector: { job: exporter } }
        alerting: { for: 2s, severity: page, runbook: https://runbooks.example.com/fraud }
        metrics: { precision: { gauge: fraud_precision } }
        segments: { country: { label: country, values: [de, fr] } }
        healthy:
          - { metric: precision, by: country, atLeast: 0.8, covers: [monitor-7] }
          - { metric: precision, by: country, present: true, covers: [monitor-7] }
          - { metric: precision, by: country, within: { percent: 10, of: 1h }, covers: [monitor-3] }
        """

    func plan(_ text: String = Self.plan) throws -> MonitoringPlan { try YAMLDocument(text: text, file: "monitoring.yaml").decode(MonitoringPlan.self) }

    /// Healthy series: the plan's alerts are loaded, quiet, every country present; the baseline an hour ago is not
    /// there yet (the server is new), which is *not available*, never a pass. When France drifts, its alert fires and
    /// the check names it.
    @Test func healthyThenDriftingSegment() throws {
        let plan = try plan()
        let server = try PlanServer(rules: ["fraud.yml": try PlanRules(plan).yaml(source: "monitoring.yaml")],
                                    metrics: "fraud_precision{country=\"de\"} 0.9\nfraud_precision{country=\"fr\"} 0.85\n")
        let healthy = try server.until(plan) { $0.results.first?.state == .healthy }
        #expect(healthy.outcome(covering: "monitor-7").0 == .satisfied, "\(healthy.results)")
        #expect(healthy.outcome(covering: "monitor-7").1.contains("2 planned alerts are loaded, healthy and quiet"))
        let baseline = healthy.outcome(covering: "monitor-3")
        #expect(baseline.0 == .notAvailable && baseline.1.contains("no data 1h ago to compare with yet"), "\(baseline.1)")
        #expect(healthy.table.map(\.segment) == ["de", "fr"] && healthy.table.map(\.value) == [0.9, 0.85])

        try server.serve("fraud_precision{country=\"de\"} 0.9\nfraud_precision{country=\"fr\"} 0.5\n")
        let drifting = try server.until(plan) { $0.results.first?.state == .firing }
        let (outcome, reason) = drifting.outcome(covering: "monitor-7")
        #expect(outcome == .unsatisfied)
        #expect(reason.contains("FraudPrecisionByCountryTooLow is firing for country=fr") && !reason.contains("TooLow: FraudPrecision"), "\(reason)")

        // A segment that stops reporting: named as missing (the present alert fires later).
        try server.serve("fraud_precision{country=\"de\"} 0.9\n")
        let missing = try server.until(plan) { $0.results.contains { $0.detail.contains("country fr has no series") } }
        #expect(missing.outcome(covering: "monitor-7").0 == .unsatisfied)
    }

    /// Planned but not deployed: no rules, or another model's rules under the same names, or rules edited by hand;
    /// a label typo in the plan is found on the series, never a pass; an unreachable server is an error.
    @Test func notDeployedOtherModelsTyposAndOutages() throws {
        let plan = try plan()
        let generated = try PlanRules(plan).yaml(source: "monitoring.yaml")
        let typo = try self.plan(Self.plan.replacingOccurrences(of: "label: country", with: "label: contry")
            .replacingOccurrences(of: "model: fraud", with: "model: fraud-typo"))
        let server = try PlanServer(rules: [
            "other.yml": generated.replacingOccurrences(of: "model: fraud", with: "model: fraud-eu").replacingOccurrences(of: "preflight:fraud", with: "other"),
            "typo.yml": try PlanRules(typo).yaml(source: "monitoring.yaml"),
        ], metrics: "fraud_precision{country=\"de\"} 0.9\nfraud_precision{country=\"fr\"} 0.85\n")
        let other = try server.until(plan) { !$0.results.isEmpty }
        #expect(other.outcome(covering: "monitor-7").0 == .unsatisfied)
        #expect(other.results.allSatisfy { $0.state == .notDeployed && $0.detail.contains("is loaded only for another model") }, "\(other.results)")

        let typos = try server.until(typo) { $0.results.first?.detail.hasPrefix("segment label") == true }
        #expect(typos.results.first?.detail == "segment label 'contry' is not on the series of model_contry:precision:avg{model=\"fraud-typo\"}")
        #expect(typos.outcome(covering: "monitor-7").0 == .unsatisfied)

        let unplanned = try self.plan(Self.plan.replacingOccurrences(of: "model: fraud", with: "model: loans"))
        let absent = try server.until(unplanned) { !$0.results.isEmpty }
        #expect(absent.results.first?.detail.contains("LoansPrecisionByCountryTooLow is not loaded") == true)

        let down = PlanCheck.live(plan: plan, rules: PlanRules(plan), source: PrometheusSource(url: URL(string: "http://127.0.0.1:1")!, timeout: 2),
                                  environment: [:], now: Date())
        #expect(down.outcome(covering: "monitor-7").0 == .error)
        #expect(down.outcome(covering: "monitor-7").1.hasPrefix("the plan could not be checked"))
    }

    /// The gate reads the plan as items: healthy gives monitor-7 its automated point; a drifting segment takes it
    /// away, naming the alert and the segment, and the required item blocks the release.
    @Test func theGateHoldsThePlan() throws {
        let text = Self.plan.replacingOccurrences(of: "  - { metric: precision, by: country, within: { percent: 10, of: 1h }, covers: [monitor-3] }\n", with: "")
        let plan = try plan(text)
        let server = try PlanServer(rules: ["fraud.yml": try PlanRules(plan).yaml(source: "monitoring.yaml")],
                                    metrics: "fraud_precision{country=\"de\"} 0.9\nfraud_precision{country=\"fr\"} 0.85\n")
        _ = try server.until(plan) { $0.outcome(covering: "monitor-7").0 == .satisfied }
        let repo = try TemporaryDirectory()
        try repo.write("monitoring.yaml", text)
        try repo.write("preflight.yaml", "version: 1\npolicy: { required: [monitor-7] }\nsources:\n  prometheus: { url: \"\(server.url)\" }\n")
        try repo.commitAll()
        func gate() throws -> (Evaluation, ItemResult) {
            var options = GateOptions()
            options.now = Date()
            let evaluation = try Gate.evaluate(repository: repo.path, options: options)
            return (evaluation, try #require(evaluation.scorecard.items.first { $0.id == "monitor-7" }))
        }
        let (approved, healthy) = try gate()
        #expect(healthy.level == .automated, "\(healthy.automated.map { $0.leafMessages(with: $0.outcome) } ?? [])")
        #expect(healthy.automated?.satisfiedLeafMessage.hasPrefix("monitoring plan for monitor-7: 2 planned alerts are loaded, healthy and quiet") == true)
        #expect(!approved.verdict.reasons.contains { $0.message.contains("monitor-7") }, "\(approved.verdict.reasons.map(\.message))")

        try server.serve("fraud_precision{country=\"de\"} 0.9\nfraud_precision{country=\"fr\"} 0.5\n")
        _ = try server.until(plan) { $0.results.first?.state == .firing }
        let (blocked, drifting) = try gate()
        #expect(drifting.level != .automated)
        let said = drifting.automated?.leafMessages(with: .unsatisfied) ?? []
        #expect(said.contains { $0.contains("FraudPrecisionByCountryTooLow is firing for country=fr") }, "\(said)")
        #expect(blocked.verdict.decision == .blocked && blocked.verdict.reasons.contains { $0.message.contains("monitor-7") })
    }

    /// The walkthrough's end: the example's own plan, its committed rules loaded, healthy traffic, and a week of the
    /// approval rate behind it (backfilled, so that "within 10 % of 7 days ago" has its baseline): `monitoring check`
    /// says healthy and the gate approves the example, monitor-2 to monitor-7 automated by the plan.
    @Test func theExampleIsApprovedOnceItsRulesRun() throws {
        let example = MonitoringPlanTests.example
        let plan = try MonitoringPlan.load(file: example.appendingPathComponent(MonitoringPlan.fileName))
        let context = Dictionary(uniqueKeysWithValues: plan.context.selector.map { ($0.name, $0.value) })
        var combinations: [[String: String]] = [context]
        for name in ["country", "amount", "age_band"] {
            let segment = try #require(plan.segment(named: name))
            combinations = combinations.flatMap { labels in segment.values.map { labels.merging([segment.label: $0]) { $1 } } }
        }
        var rates: [[String: Any]] = combinations.flatMap { labels in
            [["name": "fraud_decisions_total", "labels": labels, "rate": 1.0], ["name": "fraud_approved_total", "labels": labels, "rate": 0.8]]
        }
        for bound in ["0.1", "0.25", "+Inf"] {
            rates.append(["name": "fraud_request_duration_seconds_bucket", "labels": context.merging(["le": bound]) { $1 }, "rate": 5.0])
        }
        rates += [["name": "fraud_invariant_violations_total", "labels": context, "rate": 0.0],
                  ["name": "fraud_nan_scores_total", "labels": context, "rate": 0.0],
                  ["name": "fraud_feature_psi", "labels": context, "value": 0.05],
                  ["name": "fraud_model_trained_timestamp_seconds", "labels": context, "ago": 86_400.0]]
        // The recorded approval rate per country an hour either side of 7 days ago.
        let weekAgo = Int(Date().timeIntervalSince1970) - 7 * 86_400
        let recorded = "model_country:approval_rate:ratio_rate5m"
        var history = ["# TYPE \(recorded) gauge"]
        for country in try #require(plan.segment(named: "country")).values {
            for time in stride(from: weekAgo - 3600, to: weekAgo + 3600, by: 60) {
                history.append("\(recorded){country=\"\(country)\",model=\"fraud\"} 0.8 \(time)")
            }
        }
        let rules = try String(contentsOf: MonitoringPlanTests.committedRules, encoding: .utf8)
        let server = try PlanServer(rules: ["fraud.yml": rules], rates: rates, history: (history + ["# EOF"]).joined(separator: "\n") + "\n")
        let healthy = try server.until(plan) { $0.outcome(covering: nil).0 == .satisfied }
        #expect(healthy.results.count == 12 && healthy.results.allSatisfy { $0.state == .healthy })

        let checked = try run(CLITests.binary, ["monitoring", "check", example.path, "--prometheus", server.url.absoluteString])
        #expect(checked.status == 0, "\(checked.output)\(checked.errors)")
        #expect(checked.output.hasPrefix("Monitoring plan for fraud at \(server.url.absoluteString): healthy — 12 healthy"))
        let gate = try run(CLITests.binary, ["gate", example.path, "--prometheus", server.url.absoluteString, "--format", "json"],
                           environment: CLITests.fixedTime)
        #expect(gate.status == 0, "\(gate.errors)")
        let evaluation = try JSONDecoder.iso8601.decode(Evaluation.self, from: Data(gate.output.utf8))
        for item in ["monitor-2", "monitor-3", "monitor-4", "monitor-5", "monitor-6", "monitor-7"] {
            let result = try #require(evaluation.scorecard.items.first { $0.id == item })
            #expect(result.level == .automated, "\(item): \(result.automated.map { $0.leafMessages(with: $0.outcome) } ?? [])")
        }
        #expect(evaluation.verdict.decision == .approved)
    }

    /// The loaded rule's query is printed back by Prometheus (`1w` for `7d`, `2.592e+06`, sorted matchers): still the
    /// generated rule.
    @Test func canonicalFormsMatchWhatPrometheusPrintsBack() {
        #expect(PromQLCanonical.text("avg (x{b=\"1\", a=\"2\"}) > 2592000") == PromQLCanonical.text("avg(x{a=\"2\",b=\"1\"}) > 2.592e+06"))
        #expect(PromQLCanonical.text("abs(r offset 7d) > 0.10") == PromQLCanonical.text("abs(r offset 1w) > 0.1"))
        #expect(PromQLCanonical.text("rate(x_total[90s])") == PromQLCanonical.text("rate(x_total[1m30s])"))
        #expect(PromQLCanonical.text("rate(x_total[5m])") != PromQLCanonical.text("rate(x_total[10m])"))
        #expect(PromQLCanonical.text("model_p99:x:p99_rate5m > 1") != PromQLCanonical.text("model_p99:x:p99_rate5m > 2"))
    }
}

/// A Prometheus scraping a file the test rewrites, evaluating the given rule files every second.
final class PlanServer: @unchecked Sendable {
    let url: URL
    private let directory: TemporaryDirectory
    private var processes: [Process] = []

    /// Serves `metrics` as a static file, or with `rates` the series of `Fixtures/prometheus/rate_exporter.py` (counters
    /// that grow with time); `history`, OpenMetrics, is backfilled by promtool before the server starts. The
    /// exporter's own `job` labels are kept (`honor_labels`).
    init(rules: [String: String], metrics: String = "", rates: [[String: Any]]? = nil, history: String? = nil) throws {
        directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/exporter", withIntermediateDirectories: true)
        for (name, text) in rules { try directory.write(name, text) }
        let exporterPort = try freePort(), port = try freePort()
        try directory.write("prometheus.yml", """
            global: { scrape_interval: 1s, evaluation_interval: 1s }
            rule_files: [\(rules.keys.sorted().joined(separator: ", "))]
            scrape_configs:
              - job_name: exporter
                honor_labels: true
                static_configs: [{ targets: ["127.0.0.1:\(exporterPort)"] }]
            """)
        url = URL(string: "http://127.0.0.1:\(port)")!
        if let history {
            try directory.write("history.om", history)
            let backfill = try run("/usr/bin/env", ["promtool", "tsdb", "create-blocks-from", "openmetrics", directory.path + "/history.om", directory.path + "/data"])
            guard backfill.status == 0 else { throw PrometheusServer.Failure(message: "promtool could not backfill: \(backfill.errors)") }
        }
        if let rates {
            try directory.write("rates.json", String(decoding: try JSONSerialization.data(withJSONObject: rates), as: UTF8.self))
            let script = Fixtures.root.appendingPathComponent("prometheus/rate_exporter.py").path
            processes.append(try launch("/usr/bin/env", ["python3", script, "\(exporterPort)", directory.path + "/rates.json"]))
        } else {
            try serve(metrics)
            processes.append(try launch("/usr/bin/env", ["python3", "-m", "http.server", "\(exporterPort)", "--bind", "127.0.0.1",
                                                         "--directory", directory.path + "/exporter"]))
        }
        processes.append(try launch("/usr/bin/env", [
            "prometheus", "--config.file=\(directory.path)/prometheus.yml", "--storage.tsdb.path=\(directory.path)/data",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]))
    }

    deinit { for process in processes where process.isRunning { process.terminate() } }

    /// Replaces what the exporter serves (the next scrape reads it).
    func serve(_ metrics: String) throws {
        try directory.write("exporter/metrics.tmp", metrics)
        guard rename(directory.path + "/exporter/metrics.tmp", directory.path + "/exporter/metrics") == 0 else {
            throw PrometheusServer.Failure(message: "could not replace the exporter's metrics")
        }
    }

    /// The plan checked again and again until `condition` holds (60 s at most).
    func until(_ plan: MonitoringPlan, _ condition: (PlanCheck) -> Bool) throws -> PlanCheck {
        let deadline = Date().addingTimeInterval(60)
        var check: PlanCheck
        repeat {
            check = PlanCheck.live(plan: plan, rules: PlanRules(plan), source: PrometheusSource(url: url, timeout: 5), environment: [:], now: Date())
            if check.failure == nil, condition(check) { return check }
            usleep(300_000)
        } while Date() < deadline
        throw PrometheusServer.Failure(message: "the plan check never reached the state wanted; last: \(check.results.map { "\($0.alert) \($0.state): \($0.detail)" }) \(check.failure.map { "\($0)" } ?? "")")
    }
}

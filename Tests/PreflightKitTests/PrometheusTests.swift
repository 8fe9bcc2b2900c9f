import Foundation
import Testing
@testable import PreflightKit
@testable import PreflightReport

/// Prometheus probes against a real Prometheus server, and against one that misbehaves on purpose.
@Suite(.serialized) struct PrometheusTests {
    /// A rubric of one section whose items each ask one Prometheus question.
    static func rubric(_ probes: [(id: String, probe: String)]) -> String {
        oneSectionRubric(probes.map { id, probe in "{ id: \(id), title: \(id), why: w, how: h, automated: { prometheus: \(probe) } }" },
                         id: "monitoring-check", section: "monitor")
    }

    func evaluate(_ probes: [(id: String, probe: String)], url: String?, timeout: String = "5s",
                  extraSource: String = "", now: Date = Date(), environment: [String: String] = [:]) throws -> Evaluation {
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", Self.rubric(probes))
        let source = url.map { "sources:\n  prometheus:\n    url: \"\($0)\"\n    timeout: \(timeout)\n\(extraSource)" } ?? ""
        try repo.write("preflight.yaml", "version: 1\nrubric: rubric.yaml\n\(source)")
        try repo.commitAll()
        var options = GateOptions()
        options.now = now
        options.environment = environment
        return try Gate.evaluate(repository: repo.path, options: options)
    }

    func finding(_ evaluation: Evaluation, _ id: String) throws -> Finding {
        try #require(evaluation.scorecard.items.first { $0.id == id }?.automated)
    }

    @Test func queriesRulesAlertsAndFreshnessAgainstARealServer() throws {
        let server = try PrometheusServer.shared.get()
        let evaluation = try evaluate([
            ("latency-ok", #"{ query: 'max(fraud_latency_p99_seconds{country="de"})', below: 0.2 }"#),
            ("latency-all", "{ query: 'fraud_latency_p99_seconds', below: 0.2 }"),
            ("promql-intact", #"{ query: 'sum(fraud_invariant_violations_total{model="fraud"}) + 1 == bool 1', equals: 1 }"#),
            ("rule", "{ rule: 'fraud:latency_p99:.*', type: recording }"),
            ("quiet", "{ alert: FraudLatencyHigh }"),
            ("firing", "{ alert: FraudAlwaysFiring }"),
            ("missing-alert", "{ alert: NoSuchAlert }"),
            ("measured", #"{ measures: "latency_p99_seconds$", functions: [max] }"#),
            ("named-only", #"{ measures: "Fraud|Serving" }"#),
            ("fresh", "{ fresh: 'fraud_predictions_total', within: 5m }"),
            ("no-series", "{ query: 'no_such_metric', below: 1 }"),
        ], url: server.url.absoluteString)
        #expect(try finding(evaluation, "latency-ok").outcome == .satisfied)
        let all = try finding(evaluation, "latency-all")
        #expect(all.outcome == .unsatisfied && all.message.contains("1 of 2 series not < 0.2"))
        #expect(all.proofs.first?.text?.contains(#"country="fr""#) == true && all.proofs.first?.text?.contains("0.31") == true)
        #expect(try finding(evaluation, "promql-intact").outcome == .satisfied)   // '+', spaces, quotes and braces arrived whole
        #expect(try finding(evaluation, "rule").outcome == .satisfied)
        #expect(try finding(evaluation, "quiet").outcome == .satisfied)
        #expect(try finding(evaluation, "firing").message.contains("alert FraudAlwaysFiring is firing"))
        #expect(try finding(evaluation, "missing-alert").outcome == .unsatisfied)
        // Through the loaded recording rule fraud:latency_p99:max; the rules' names are never what is measured.
        #expect(try finding(evaluation, "measured").message == "alerting rule ServingSlow (max over fraud_latency_p99_seconds via fraud:latency_p99:max) is loaded, healthy and not firing")
        #expect(try finding(evaluation, "named-only").outcome == .unsatisfied)
        #expect(try finding(evaluation, "fresh").outcome == .satisfied)
        #expect(try finding(evaluation, "no-series").outcome == .notAvailable)   // no data is never a pass

        let stale = try evaluate([("fresh", "{ fresh: 'fraud_predictions_total', within: 5m }")], url: server.url.absoluteString,
                                 now: Date().addingTimeInterval(3600))
        #expect(try finding(stale, "fresh").outcome == .unsatisfied)
        #expect(try finding(stale, "fresh").message.contains("stopped: its last sample is"))
    }

    /// The bundled rubric's monitoring items accept a loaded, healthy alert rule in the live Prometheus.
    @Test func theBundledRubricReadsLoadedAlertRules() throws {
        let server = try PrometheusServer.shared.get()
        let repo = try TemporaryDirectory()
        try repo.write("preflight.yaml", "version: 1\nsources:\n  prometheus: { url: \"\(server.url)\" }\n")
        try repo.commitAll()
        var options = GateOptions()
        options.now = Date()
        let evaluation = try Gate.evaluate(repository: repo.path, options: options)
        let latency = try #require(evaluation.scorecard.items.first { $0.id == "monitor-6" })
        #expect(latency.level == .automated)
        #expect(latency.automated?.satisfiedLeafMessage == "alerting rule FraudLatencyHigh (fraud_latency_p99_seconds) is loaded, healthy and not firing")
        #expect(evaluation.scorecard.items.first { $0.id == "monitor-3" }?.points == 0)   // no drift rule is loaded
    }

    /// The monitoring example, pointed at the test server: drift reports and validation results count, but the
    /// example's monitoring plan is not deployed there, so the items it covers are not satisfied, and say why.
    @Test func theMonitoringExample() throws {
        let server = try PrometheusServer.shared.get()
        let example = CLITests.examples.appendingPathComponent("fraud-monitoring").path
        let unreachable = try run(CLITests.binary, ["gate", example, "--prometheus", "http://127.0.0.1:\(try freePort())", "-q"],
                                  environment: CLITests.fixedTime)
        #expect(unreachable.status == 1 && unreachable.output.contains("cannot reach it"))
        // The fixed clock keeps the committed reports fresh however old this checkout gets.
        let result = try run(CLITests.binary, ["gate", example, "--prometheus", server.url.absoluteString, "--format", "json"],
                             environment: CLITests.fixedTime)
        let evaluation = try JSONDecoder.iso8601.decode(Evaluation.self, from: Data(result.output.utf8))
        let points = Dictionary(uniqueKeysWithValues: evaluation.scorecard.items.map { ($0.id, $0.points) })
        #expect(points["data-1"] == 1)
        for item in ["monitor-2", "monitor-3", "monitor-4", "monitor-5", "monitor-6", "monitor-7"] {
            let result = try #require(evaluation.scorecard.items.first { $0.id == item })
            #expect(result.level != .automated, "\(item)")
            #expect(result.automated?.leafMessages(with: .unsatisfied).contains { $0.hasPrefix("monitoring plan for \(item): ") && $0.contains("is not loaded") } == true, "\(item)")
        }
        #expect(!evaluation.scorecard.items.contains { $0.outcome == .error })
        #expect(result.status == 0)
    }

    /// The monitoring plan per segment: violations are listed, thin segments are not available, never a pass.
    @Test func segmentsAreJudgedOneByOne() throws {
        let server = try PrometheusServer.shared.get()
        let evaluation = try evaluate([
            ("absolute", "{ segments: fraud_precision, by: [country], atLeast: 0.8, samples: fraud_labels_total, minSamples: 100 }"),
            ("relative", "{ segments: fraud_precision, by: [country], withinPercent: 10, baseline: 1h, samples: fraud_labels_total, minSamples: 100 }"),
            ("thin", "{ segments: 'fraud_precision{country=\"it\"}', by: [country], atLeast: 0.5, samples: fraud_labels_total, minSamples: 100 }"),
            ("all-good", "{ segments: 'fraud_precision{country!=\"fr\"}', by: [country], atLeast: 0.8 }"),
        ], url: server.url.absoluteString)
        let absolute = try finding(evaluation, "absolute")
        #expect(absolute.outcome == .unsatisfied)
        #expect(absolute.message.hasPrefix("1 of 3 segments of `fraud_precision` break the plan: country=fr is 0.62, not >= 0.8"))
        #expect(absolute.proofs.map(\.text) == [#"avg by (country) (fraud_precision){country="fr"} = 0.62"#])
        #expect(absolute.message.hasSuffix("1 cannot be judged: country=it has 12 samples, fewer than 100"))
        // Seconds of history cannot make a baseline (PrometheusPlanTests has segments with history).
        #expect(try finding(evaluation, "relative").outcome == .notAvailable)
        #expect(try finding(evaluation, "thin").outcome == .notAvailable)
        #expect(try finding(evaluation, "all-good").outcome == .satisfied)
    }

    @Test(arguments: [
        ("status500", "HTTP 500", Outcome.error), ("statuserror", "parse error at char 3", .error),
        ("malformed", "not Prometheus JSON", .error), ("empty", "returned no series", .notAvailable),
        ("nan", "only NaN", .notAvailable), ("hang", "no answer within 2s", .error),
    ])
    func faultsAreNamedAndFailClosed(mode: String, message: String, outcome: Outcome) throws {
        let server = try FaultServer.shared.get()
        let started = Date()
        let evaluation = try evaluate([("q", "{ query: 'up', below: 1 }")], url: server.base(mode), timeout: "2s")
        let found = try finding(evaluation, "q")
        #expect(found.outcome == outcome, "\(found.message)")
        // A server that does not answer is a failure of the source: its note names it, the item refers to the note.
        let said = mode == "hang" ? evaluation.notes.joined() : found.message
        #expect(said.contains(message), "\(found.message) \(evaluation.notes)")
        #expect(evaluation.verdict.decision == .blocked)   // onError and onUnavailable default to block
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func anUnreachableServerIsAnError() throws {
        let evaluation = try evaluate([("q", "{ query: 'up', below: 1 }")], url: "http://127.0.0.1:\(try freePort())", timeout: "2s")
        let found = try finding(evaluation, "q")
        #expect(found.outcome == .error && evaluation.notes.contains { $0.contains("cannot reach it") })
        #expect(evaluation.verdict.decision == .blocked)
    }

    /// 200,000 series are judged, not choked on.
    @Test func aHugeAnswerIsJudgedInTime() throws {
        let started = Date()
        let evaluation = try evaluate([("q", "{ query: 'up', below: 1 }")], url: try FaultServer.shared.get().base("huge"), timeout: "20s")
        let found = try finding(evaluation, "q")
        #expect(found.outcome == .satisfied && found.message.contains("200000 series"))
        #expect(Date().timeIntervalSince(started) < 15)
    }

    @Test func infinityIsAValueThatFailsItsBound() throws {
        let evaluation = try evaluate([("q", "{ query: 'up', below: 1 }")], url: try FaultServer.shared.get().base("inf"))
        #expect(try finding(evaluation, "q").proofs.first?.text?.contains("+Inf") == true)
        #expect(try finding(evaluation, "q").outcome == .unsatisfied)
    }

    @Test func withoutASourceTheProbeIsUnsatisfiedAndSaysWhy() throws {
        let evaluation = try evaluate([("q", "{ query: 'up', below: 1 }")], url: nil)
        #expect(try finding(evaluation, "q").message.contains("no Prometheus configured"))
    }

    /// Thirty slow queries (one second each) go out together: the gate waits about as long as the slowest.
    @Test func queriesRunConcurrently() throws {
        let server = try FaultServer.shared.get()
        let probes = (0..<30).map { (id: "q\($0)", probe: "{ query: 'vector(\($0)) + 0', below: 1000 }") }
        let started = Date()
        let evaluation = try evaluate(probes, url: server.base("slow"), timeout: "10s")
        let elapsed = Date().timeIntervalSince(started)
        #expect(evaluation.scorecard.items.allSatisfy { $0.outcome == .satisfied })
        #expect(elapsed < 3, "30 one-second queries took \(elapsed) s")
        let logged = try String(contentsOfFile: server.log, encoding: .utf8)
        #expect(logged.contains("vector(29) + 0"))   // the '+' arrived as '+'
    }

    /// The token is sent, and appears in no report.
    @Test func credentialsNeverReachAReport() throws {
        let server = try FaultServer.shared.get()
        let evaluation = try evaluate([("q", "{ query: 'up', below: 1 }")], url: server.base("ok"),
                                      extraSource: "    tokenEnv: PREFLIGHT_TEST_TOKEN\n",
                                      environment: ["PREFLIGHT_TEST_TOKEN": "s3cr3t-t0ken-value"])
        #expect(try finding(evaluation, "q").outcome == .satisfied)
        for format in ReportFormat.allCases {
            #expect(!(try format.reporter(ReportOptions()).render(evaluation)).contains("s3cr3t"), "\(format)")
        }
        let missing = try evaluate([("q", "{ query: 'up', below: 1 }")], url: server.base("ok"),
                                   extraSource: "    tokenEnv: PREFLIGHT_TEST_TOKEN\n")
        #expect(try finding(missing, "q").outcome == .error)
        #expect(missing.notes.contains { $0.contains("PREFLIGHT_TEST_TOKEN is not set") })
    }

    @Test func credentialsInTheURLAreRefused() throws {
        #expect {
            _ = try evaluate([("q", "{ query: 'up', below: 1 }")], url: "https://user:pw@prometheus.example.com")
        } throws: { error in
            error.localizedDescription.contains("put credentials in basicAuth or tokenEnv") && !error.localizedDescription.contains("pw@")
        }
    }

    @Test(arguments: [
        ("{ query: up }", "a query needs one condition"),
        ("{ query: up, below: 1, above: 0 }", "give one condition, found below and above"),
        ("{ rule: Drift, below: 1 }", "only a query or segments take a condition"),
        ("{ fresh: up }", "fresh needs within"),
        ("{ segments: precision, atLeast: 0.8 }", "by needs the label names"),
        ("{ segments: precision, by: [country] }", "segments need a condition"),
        ("{ segments: precision, by: [country], withinPercent: 10 }", "withinPercent needs a positive percentage and a baseline"),
        ("{ query: up, below: 1, by: [x] }", "only segments takes by"),
        ("{ alert: Drift, type: recording }", "only rule takes type"),
        ("{ rule: Drift, type: alerts }", "type 'alerts' is not alerting, recording or any"),
        ("{ qurey: up }", "unknown key 'qurey' (did you mean 'query'?)"),
    ])
    func badProbesAreLocatedErrors(probe: String, message: String) throws {
        let text = Self.rubric([("bad", probe)])
        #expect {
            _ = try YAMLDocument(text: text, file: "rubric.yaml").decode(Rubric.self)
        } throws: { error in
            error.localizedDescription.hasPrefix("rubric.yaml:") && error.localizedDescription.contains(message)
        }
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

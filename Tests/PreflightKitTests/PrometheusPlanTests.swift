import Foundation
import Testing
@testable import PreflightKit
@testable import PreflightReport

/// The Prometheus paths that used to fail open, each against the real server of `PrometheusServer` (its backfilled
/// history gives series with hours of data and a series that stopped three hours ago).
@Suite(.serialized) struct PrometheusPlanTests {
    let probes = PrometheusTests()

    func evaluate(_ items: [(id: String, probe: String)], url: String? = nil) throws -> Evaluation {
        try probes.evaluate(items, url: url ?? PrometheusServer.shared.get().url.absoluteString)
    }

    /// A `by` label that no series (or only some series) carries would merge them into one segment: an error that
    /// names the label and the query, never a pass.
    @Test func aSegmentLabelTheSeriesLackIsAnError() throws {
        let evaluation = try evaluate([
            ("typo", "{ segments: fraud_precision, by: [countyr], atLeast: 0.5 }"),
            ("partly", "{ segments: '{__name__=~\"fraud_precision|fraud_latency_p99_seconds\"}', by: [country, model_version], atLeast: 0 }"),
            ("samples", "{ segments: fraud_precision, by: [country], atLeast: 0.5, samples: fraud_predictions_total, minSamples: 1 }"),
            ("right", "{ segments: fraud_precision, by: [country], atLeast: 0.5 }"),
        ])
        let typo = try probes.finding(evaluation, "typo")
        #expect(typo.outcome == .error)
        #expect(typo.message.contains("'countyr'") && typo.message.contains("avg by (countyr) (fraud_precision)"))
        let partly = try probes.finding(evaluation, "partly")
        #expect(partly.outcome == .error)
        #expect(partly.message.contains("'model_version'") && !partly.message.contains("'country'"))
        let samples = try probes.finding(evaluation, "samples")
        #expect(samples.outcome == .error && samples.message.contains("sum by (country) (fraud_predictions_total)"))
        #expect(try probes.finding(evaluation, "right").outcome == .satisfied)
    }

    /// The baseline is a window that ends before now: series with seconds of history have none, and are not
    /// available; with hours of history a drift is found and a steady segment passes.
    @Test func aBaselineNeedsHistoryBeforeNow() throws {
        let evaluation = try evaluate([
            ("young", "{ segments: 'fraud_precision{country!=\"it\"}', by: [country], withinPercent: 10, baseline: 1h }"),
            ("drifted", "{ segments: fraud_recall, by: [country], withinPercent: 10, baseline: 1h }"),
            ("steady", "{ segments: 'fraud_recall{country=\"de\"}', by: [country], withinPercent: 10, baseline: 1h }"),
            ("too-long", "{ segments: 'fraud_recall{country=\"de\"}', by: [country], withinPercent: 10, baseline: 7d }"),
        ])
        let young = try probes.finding(evaluation, "young")
        #expect(young.outcome == .notAvailable)
        #expect(young.message.contains("country=de has only") && young.message.contains("of history; the baseline needs 1h before the last 5m"))
        let drifted = try probes.finding(evaluation, "drifted")
        #expect(drifted.outcome == .unsatisfied)
        #expect(drifted.message.hasPrefix("1 of 2 segments of `fraud_recall` break the plan: country=fr is 0.5, -"))
        #expect(!drifted.message.contains("country=de"))
        #expect(drifted.proofs.first?.text?.contains("offset 5m)") == true)
        #expect(try probes.finding(evaluation, "steady").outcome == .satisfied)
        // Six hours of history do not make a 7-day baseline.
        let tooLong = try probes.finding(evaluation, "too-long")
        #expect(tooLong.outcome == .notAvailable && tooLong.message.contains("of history; the baseline needs 7d"))
    }

    /// A series that stopped (no sample for hours, beyond the server's 5-minute lookback) is stale, not unknown;
    /// a series never seen stays not available.
    @Test func aSeriesThatStoppedIsStale() throws {
        let evaluation = try evaluate([
            ("stopped", "{ fresh: fraud_scores_total, within: 15m }"),
            ("never", "{ fresh: fraud_never_exported_total, within: 15m }"),
            ("live", "{ fresh: fraud_predictions_total, within: 5m }"),
        ])
        let stopped = try probes.finding(evaluation, "stopped")
        #expect(stopped.outcome == .unsatisfied)
        #expect(stopped.message.contains("stopped: its last sample is 3 h old"))
        #expect(try probes.finding(evaluation, "never").outcome == .notAvailable)
        #expect(try probes.finding(evaluation, "live").outcome == .satisfied)
    }

    /// `rule:` means alerting rules unless the probe says `type: recording` or `type: any`.
    @Test func aRecordingRuleSatisfiesOnlyAProbeThatAsksForOne() throws {
        let plain = try probes.finding(try evaluate([("default", "{ rule: 'fraud:latency_p99:.*' }")]), "default")
        #expect(plain.outcome == .unsatisfied)
        #expect(plain.message.contains("no loaded alerting rule") && plain.message.contains("type: recording"))
        let evaluation = try evaluate([
            ("recording", "{ rule: 'fraud:latency_p99:.*', type: recording }"),
            ("any", "{ rule: 'fraud:latency_p99:.*', type: any }"),
            ("alert-as-recording", "{ rule: FraudLatencyHigh, type: recording }"),
            ("alerting", "{ rule: FraudLatencyHigh }"),
        ])
        #expect(try probes.finding(evaluation, "recording").outcome == .satisfied)
        #expect(try probes.finding(evaluation, "any").outcome == .satisfied)
        #expect(try probes.finding(evaluation, "alert-as-recording").outcome == .unsatisfied)
        #expect(try probes.finding(evaluation, "alerting").outcome == .satisfied)
    }

    /// A firing alert fails `rule:` as it fails `alert:`, and every report says it fires.
    @Test func aFiringAlertFailsARuleProbeAndTheReportSaysSo() throws {
        let evaluation = try evaluate([
            ("firing", "{ rule: FraudAlwaysFiring }"),
            ("one-of-two", "{ rule: 'Fraud(LatencyHigh|AlwaysFiring)' }"),
            ("alert", "{ alert: FraudAlwaysFiring }"),
        ])
        func expectFiring(_ found: Finding, _ id: String) {
            #expect(found.outcome == .unsatisfied, "\(id)")
            #expect(found.message == "alert FraudAlwaysFiring is firing", "\(id)")
            #expect(found.proofs.map(\.text) == ["fraud/FraudAlwaysFiring (alerting, health ok, state firing)"], "\(id)")
        }
        for id in ["firing", "one-of-two", "alert"] { expectFiring(try probes.finding(evaluation, id), id) }
        for format in [ReportFormat.text, .markdown, .html] {
            let report = try format.reporter(ReportOptions()).render(evaluation)
            #expect(report.contains("alert FraudAlwaysFiring is firing"), "\(format)")
            #expect(report.contains("state firing"), "\(format)")
        }
        expectFiring(try probes.finding(try evaluate([("any", "{ rule: 'FraudAlways.*', type: any }")]), "any"), "any")
    }

    /// An unreachable source is said once, with its cause; each item is an error that refers to it.
    @Test func anUnreachableSourceIsReportedOnce() throws {
        let url = "http://127.0.0.1:\(try freePort())"
        let evaluation = try evaluate([
            ("q", "{ query: 'up', below: 1 }"), ("r", "{ rule: Drift }"), ("f", "{ fresh: up, within: 5m }"),
        ], url: url)
        for id in ["q", "r", "f"] {
            let found = try probes.finding(evaluation, id)
            #expect(found.outcome == .error)
            #expect(found.message == "Prometheus \(url) could not be asked (see Notes)")
        }
        #expect(evaluation.verdict.decision == .blocked)
        let notes = evaluation.notes.filter { $0.contains(url) }
        #expect(notes.count == 1 && notes[0].contains("failed every request: cannot reach it"))
        for format in [ReportFormat.text, .markdown, .html] {
            let report = try format.reporter(ReportOptions()).render(evaluation)
            #expect(report.components(separatedBy: "cannot reach it").count == 2, "\(format)")
        }
        let quiet = try TextReporter(quiet: true).render(evaluation)
        #expect(quiet.components(separatedBy: "cannot reach it").count == 2)
    }

    /// Failing segments and series are named under their item in the text, Markdown and HTML reports: plain words
    /// in the message, the PromQL as detail.
    @Test func failingSegmentsAndSeriesAreNamedInEveryReport() throws {
        let evaluation = try evaluate([
            ("plan", "{ segments: fraud_precision, by: [country], atLeast: 0.8, samples: fraud_labels_total, minSamples: 100 }"),
            ("series", "{ query: 'fraud_latency_p99_seconds', below: 0.2 }"),
        ])
        let segment = "1 of 3 segments of `fraud_precision` break the plan: country=fr is 0.62, not >= 0.8"
        let detail = #"avg by (country) (fraud_precision){country="fr"} = 0.62"#
        let series = #"fraud_latency_p99_seconds{__name__="fraud_latency_p99_seconds",country="fr""#
        let text = try ReportFormat.text.reporter(ReportOptions()).render(evaluation)
        #expect(text.contains(segment) && text.contains("country=it has 12 samples, fewer than 100"))
        #expect(text.contains("          \(detail)\n") && text.contains(series))
        let markdown = try ReportFormat.markdown.reporter(ReportOptions()).render(evaluation)
        #expect(markdown.contains("1 of 3 segments of \\`fraud\\_precision\\` break the plan: country=fr is 0.62, not &gt;= 0.8"))
        #expect(markdown.contains("• avg by (country) (fraud\\_precision){country=\"fr\"} = 0.62<br>"))
        #expect(markdown.contains("• fraud\\_latency\\_p99\\_seconds{\\_\\_name\\_\\_=\"fraud\\_latency\\_p99\\_seconds\",country=\"fr\""))
        let html = try ReportFormat.html.reporter(ReportOptions()).render(evaluation)
        #expect(html.contains("1 of 3 segments of `fraud_precision` break the plan: country=fr is 0.62, not &gt;= 0.8"))
        #expect(html.contains("<li>avg by (country) (fraud_precision){country=&quot;fr&quot;} = 0.62</li>"))
        #expect(html.contains("fraud_latency_p99_seconds{__name__=&quot;fraud_latency_p99_seconds&quot;,country=&quot;fr&quot;"))
    }
}

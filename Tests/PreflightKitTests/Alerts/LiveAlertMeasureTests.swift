import Foundation
import Testing
@testable import PreflightKit

/// `prometheus: { measures: … }` on rules as the live rules API reports them: alerting rules counted for what their
/// query reads, through the loaded recording rules.
@Suite struct LiveAlertMeasureTests {
    func judge(_ probe: String, _ loaded: [PrometheusRule]) throws -> Finding {
        try ProbeKindTests.judge("{ prometheus: \(probe) }") { evidence, _ in
            evidence.record(SourceAnswers<PrometheusQueries>(display: "http://prometheus:9090", answers: [.rules: .rules(loaded)]))
        }
    }

    static let recording = PrometheusRule(group: "serving", name: "job:latency_seconds:p99", type: "recording", health: "ok", state: nil,
                                          query: "histogram_quantile(0.99, sum by (le) (rate(request_latency_seconds_bucket[5m])))")
    static let slow = PrometheusRule(group: "serving", name: "ServingSlow", type: "alerting", health: "ok", state: "inactive",
                                     query: "job:latency_seconds:p99 > 0.5")
    static let disk = PrometheusRule(group: "node", name: "DiskUsageHigh", type: "alerting", health: "ok", state: "inactive",
                                     query: "node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1")

    @Test func anAlertThroughARecordingRuleCounts() throws {
        let finding = try judge(#"{ measures: "_latency_seconds_bucket$", functions: [histogram_quantile] }"#, [Self.recording, Self.slow, Self.disk])
        #expect(finding.outcome == .satisfied)
        #expect(finding.message == "alerting rule ServingSlow (histogram_quantile over request_latency_seconds_bucket via job:latency_seconds:p99) is loaded, healthy and not firing")
        #expect(finding.proofs.map(\.text) == ["serving/ServingSlow (alerting, health ok, state inactive): histogram_quantile over request_latency_seconds_bucket via job:latency_seconds:p99"])
    }

    /// "DiskUsageHigh" holds "age"; a recording rule alone alerts no one; a function asked but not applied fails.
    @Test func namesRecordingRulesAndMissingFunctionsDoNotCount() throws {
        let age = try judge(#"{ measures: "(?i)age" }"#, [Self.disk])
        #expect(age.outcome == .unsatisfied && age.message == "no loaded alerting rule reads a metric matching /(?i)age/ (1 alerting rule loaded)")
        #expect(try judge(#"{ measures: "latency" }"#, [Self.recording]).outcome == .unsatisfied)
        #expect(try judge(#"{ measures: "filesystem", functions: [rate] }"#, [Self.disk]).outcome == .unsatisfied)
    }

    @Test func aFiringOrUnhealthyAlertFails() throws {
        var firing = Self.slow
        firing.state = "firing"
        let fired = try judge(#"{ measures: "latency" }"#, [Self.recording, firing])
        #expect(fired.outcome == .unsatisfied && fired.message == "alert ServingSlow is firing")
        var sick = Self.slow
        sick.health = "err"
        #expect(try judge(#"{ measures: "latency" }"#, [Self.recording, sick]).message == "alerting rules that read the metrics asked are loaded but none is healthy")
    }

    @Test func functionsNeedMeasures() throws {
        for (bad, expected) in [("{ rule: x, functions: [rate] }", "only measures takes functions"),
                                ("{ measures: x, alert: y }", "found alert and measures")] {
            do {
                _ = try ProbeKindTests.probe("{ prometheus: \(bad) }")
                Issue.record("\(bad) was accepted")
            } catch {
                #expect("\(error)".contains(expected), "\(bad): \(error)")
            }
        }
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// The alerts probe on a real git repository: an alerting rule counts for what its expression reads, never for
/// its name, labels or annotations.
@Suite struct AlertsProbeTests {
    func evaluate(_ yaml: String, in repo: TemporaryDirectory) throws -> Finding {
        let rule = try YAMLDocument(text: yaml, file: "rule.yaml").decode(Rule.self)
        let evidence = EvidenceCollector(index: try RepositoryIndex.build(at: repo.path), now: Date()).collect(for: rule.probes)
        return RuleEvaluator(evidence: evidence).evaluate(rule)
    }

    static let rules = """
        # Serving alerts. model_last_trained_timestamp_seconds is exported by the trainer (a comment, not a rule).
        groups:
          - name: serving
            rules:
              - record: job:request_latency_seconds:p99
                expr: histogram_quantile(0.99, sum by (job, le) (rate(request_duration_seconds_bucket[5m])))
              - alert: ServingLatencyHigh
                expr: job:request_latency_seconds:p99{job="fraud"} > 0.2
                for: 10m
                labels: { severity: page }
                annotations:
                  summary: "p99 latency of {{ $labels.job }} is high"
              - alert: DiskUsageHigh
                expr: node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes < 0.1
                annotations:
                  description: "model_age_seconds and prediction_nan_total are not read here"
              - alert: InferenceLatencyHigh
                expr: histogram_quantile(0.95, sum by (le) (rate(inference_latency_seconds_bucket{le!="+Inf"}[5m]))) > 1
                for: 5m
          - name: model
            rules:
              - record: model:age_seconds
                expr: time() - max(model_last_trained_timestamp_seconds)
        """

    func repository() throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write("prometheus/rules.yml", Self.rules)
        try repo.write("deploy/prometheusrule.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata: { name: fraud }
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: { name: fraud-model, namespace: fraud }
            spec:
              groups:
                - name: model
                  rules:
                    - alert: FraudModelStale
                      expr: time() - fraud_model_trained_timestamp_seconds > 7 * 86400
                      for: 1h
            """)
        try repo.commitAll()
        return repo
    }

    @Test func anAlertCountsThroughARecordingRule() throws {
        let repo = try repository()
        let latency = try evaluate(#"alerts: { measures: "request_duration_seconds", functions: [histogram_quantile], in: ["prometheus/*.yml"] }"#, in: repo)
        #expect(latency.outcome == .satisfied)
        #expect(latency.message == "1 alerting rule watches the metrics asked: ServingLatencyHigh (histogram_quantile over request_duration_seconds_bucket via job:request_latency_seconds:p99, for 10m) in prometheus/rules.yml:7")
        #expect(latency.proofs == [Proof(path: "prometheus/rules.yml", line: 7,
                                         text: "alert ServingLatencyHigh: histogram_quantile over request_duration_seconds_bucket via job:request_latency_seconds:p99, for 10m")])
        // Both latency histograms: one read directly, one through the recording rule.
        let both = try evaluate(#"alerts: { measures: "_latency_|_duration_seconds", in: ["**/*.y*ml"] }"#, in: repo)
        #expect(both.outcome == .satisfied && both.proofs.map(\.line) == [7, 17])
    }

    @Test func aPrometheusRuleResourceInAStreamCounts() throws {
        let repo = try repository()
        let stale = try evaluate(#"alerts: { measures: "_timestamp_seconds$", functions: [time], in: ["deploy/**"] }"#, in: repo)
        #expect(stale.outcome == .satisfied)
        #expect(stale.proofs == [Proof(path: "deploy/prometheusrule.yaml", line: 12,
                                       text: "alert FraudModelStale: time over fraud_model_trained_timestamp_seconds, for 1h")])
    }

    /// `DiskUsageHigh` holds "age" and `InferenceLatencyHigh` holds "inf" in their names; neither measures staleness
    /// or numerical stability. A recording rule of the model's age alerts no one, and words in annotations and
    /// comments are nothing.
    @Test func namesRecordingRulesAnnotationsAndCommentsAreNotEvidence() throws {
        let repo = try repository()
        let staleness = try evaluate(#"alerts: { measures: "(?i)(model.*age|last_?trained|trained_timestamp)", in: ["prometheus/*.yml"] }"#, in: repo)
        #expect(staleness.outcome == .unsatisfied)
        #expect(staleness.message == "No alerting rule reads a metric matching /(?i)(model.*age|last_?trained|trained_timestamp)/ — read 1 rule file with 3 alerting rules (metrics: request_duration_seconds_bucket, node_filesystem_avail_bytes, node_filesystem_size_bytes, inference_latency_seconds_bucket) in prometheus/*.yml")
        let stability = try evaluate(#"alerts: { measures: "(?i)(^|_)(nan|inf|non_?finite)(_|$)", in: ["prometheus/*.yml"] }"#, in: repo)
        #expect(stability.outcome == .unsatisfied)
        let usage = try evaluate(#"alerts: { measures: "(?i)disk", in: ["prometheus/*.yml"] }"#, in: repo)
        #expect(usage.outcome == .unsatisfied)   // the name says disk, the metrics say filesystem
    }

    @Test func aRecordingRuleAloneIsNotAnAlert() throws {
        let repo = try TemporaryDirectory()
        try repo.write("monitoring/recording.rules.yml", """
            groups:
              - name: latency
                rules:
                  - record: job:latency_seconds:p99
                    expr: histogram_quantile(0.99, rate(latency_seconds_bucket[5m]))
            """)
        try repo.commitAll()
        let finding = try evaluate(#"alerts: { measures: "latency", in: ["monitoring/**"] }"#, in: repo)
        #expect(finding.outcome == .unsatisfied)
        #expect(finding.message == "No alerting rule reads a metric matching /latency/ — read 1 rule file with 0 alerting rules in monitoring/**")
    }

    @Test func cyclesAndChainsOfRecordingRulesEnd() throws {
        let repo = try TemporaryDirectory()
        try repo.write("rules.yml", """
            groups:
              - name: loop
                rules:
                  - { record: "a:x", expr: "b:x + feature_drift_psi" }
                  - { record: "b:x", expr: "a:x * 2" }
                  - { alert: Loop, expr: "a:x > 1" }
            """)
        try repo.commitAll()
        let finding = try evaluate(#"alerts: { measures: "drift", in: ["rules.yml"] }"#, in: repo)
        #expect(finding.outcome == .satisfied)
        #expect(finding.proofs.first?.text == "alert Loop: feature_drift_psi via a:x, b:x")
    }

    /// Recording rules are followed 8 deep: past that, the series is read by its recorded name.
    @Test func aChainOfRecordingRulesIsFollowedToABound() throws {
        let chain = (0..<10).map { RuleDefinition(kind: .recording, name: "r\($0)", expression: PromQLExpression($0 == 9 ? "deep_latency_seconds" : "r\($0 + 1)")) }
        let series = RecordedSeries(chain.map { ($0.name, $0.expression) })
        let reading = series.reading(PromQLExpression("r0 > 1"))
        #expect(reading.metrics == ["r8"])
        #expect(reading.through == (0..<8).map { "r\($0)" })
        #expect(series.reading(PromQLExpression("r3 > 1")).metrics == ["deep_latency_seconds"])
    }

    @Test func aRuleFileWithABOMAndCRLFIsRead() throws {
        let repo = try TemporaryDirectory()
        try repo.write("alerts.yml", "\u{FEFF}groups:\r\n  - name: q\r\n    rules:\r\n      - alert: RecallLow\r\n        expr: model_recall < 0.5\r\n        for: 30m\r\n")
        try repo.commitAll()
        let finding = try evaluate(#"alerts: { measures: "recall", in: ["*.yml"] }"#, in: repo)
        #expect(finding.proofs == [Proof(path: "alerts.yml", line: 4, text: "alert RecallLow: model_recall, for 30m")])
    }

    @Test func aHelmTemplateIsReadWithoutItsTags() throws {
        let repo = try TemporaryDirectory()
        try repo.write("charts/model/templates/alerts.yaml", """
            {{- if .Values.alerts.enabled }}
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: {{ include "model.fullname" . }}
              labels:
                {{- include "model.labels" . | nindent 4 }}
            spec:
              groups:
                - name: model
                  rules:
                    - alert: ModelInputInvalid
                      expr: increase(model_input_validation_failures_total{job="{{ .Values.job }}"}[1h]) > {{ .Values.maxFailures }}
                      for: {{ .Values.for }}
            {{- end }}
            """)
        try repo.commitAll()
        let finding = try evaluate(#"alerts: { measures: "validation_failures", in: ["charts/**"] }"#, in: repo)
        #expect(finding.outcome == .satisfied)
        #expect(finding.proofs == [Proof(path: "charts/model/templates/alerts.yaml", line: 12, text: "alert ModelInputInvalid: model_input_validation_failures_total")])
    }

    @Test func aConfigMapHoldingARuleFileCounts() throws {
        let repo = try TemporaryDirectory()
        try repo.write("k8s/prometheus-rules.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: prometheus-rules }
            data:
              model.rules.yml: |
                groups:
                  - name: quality
                    rules:
                      - alert: PrecisionDropped
                        expr: avg_over_time(model_precision[1h]) < 0.8
            """)
        try repo.commitAll()
        let finding = try evaluate(#"alerts: { measures: "precision", in: ["k8s/**"] }"#, in: repo)
        #expect(finding.outcome == .satisfied)
        #expect(finding.proofs == [Proof(path: "k8s/prometheus-rules.yaml", line: 9, text: "alert PrecisionDropped: model_precision")])
    }

    @Test func anUnreadableRuleFileIsAnError() throws {
        let repo = try TemporaryDirectory()
        try repo.write("prometheus/alerts.yml", "groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: up == 0\n   bad: [\n")
        try repo.write("prometheus/notes.yml", "just: [broken\n")   // cannot hold a rule: names neither groups nor expr
        try repo.commitAll()
        let finding = try evaluate(#"alerts: { measures: "latency", in: ["prometheus/**"] }"#, in: repo)
        #expect(finding.outcome == .error)
        #expect(finding.message.hasPrefix("No alerting rule reads a metric matching /latency/, and could not read prometheus/alerts.yml ("))
        #expect(!finding.message.contains("notes.yml"))
        // A rule that does count wins over a file that cannot be read.
        try repo.write("prometheus/latency.yml", "groups: [{ name: l, rules: [{ alert: Slow, expr: 'request_latency_seconds > 1' }] }]\n")
        try repo.commitAll()
        #expect(try evaluate(#"alerts: { measures: "latency", in: ["prometheus/**"] }"#, in: repo).outcome == .satisfied)
    }

    @Test func aRuleThatCannotBeReadIsRefused() throws {
        for (bad, expected) in [
            (#"alerts: { in: ["**/*.yml"] }"#, "alerts needs measures"),
            (#"alerts: { measures: latency }"#, "alerts needs in"),
            (#"alerts: { measures: latency, functions: [histogram_quantlie], in: ["x"] }"#, "is not a PromQL function or aggregation (did you mean"),
            (#"alerts: { functions: [rate], in: ["x"] }"#, "functions needs measures"),
            (#"alerts: { measures: latency, name: x, in: ["x"] }"#, "name"),
        ] {
            #expect(throws: (any Error).self, "\(bad)") { try YAMLDocument(text: bad, file: "rule.yaml").decode(Rule.self) }
            do { _ = try YAMLDocument(text: bad, file: "rule.yaml").decode(Rule.self) } catch {
                #expect("\(error)".contains(expected), "\(bad): \(error)")
            }
        }
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// The PromQL reader: metric names and functions, never labels, keywords, durations, strings or comments.
@Suite struct PromQLExpressionTests {
    func read(_ text: String) -> (metrics: [String], functions: [String]) {
        let expression = PromQLExpression(text)
        return (expression.metrics, expression.functions)
    }

    @Test func aLatencyQuantileReadsTheBucketSeries() {
        let latency = read(#"histogram_quantile(0.99, sum by (le, job) (rate(request_duration_seconds_bucket{job="serving", le!="+Inf"}[5m]))) > 0.2"#)
        #expect(latency.metrics == ["request_duration_seconds_bucket"])
        #expect(latency.functions == ["histogram_quantile", "sum", "rate"])
    }

    @Test func staleness() {
        let age = read("time() - max(model_last_trained_timestamp_seconds) by (model) > 7 * 86400")
        #expect(age.metrics == ["model_last_trained_timestamp_seconds"])
        #expect(age.functions == ["time", "max"])
    }

    @Test func keywordsModifiersAndVectorMatchingAreNotMetrics() {
        let joined = read("""
            rate(errors_total[5m] offset 1h) / on (instance) group_left (version) build_info
              and ignoring (code) up == bool 1 unless absent(up) or NaN < Inf
            """)
        #expect(joined.metrics == ["errors_total", "build_info", "up"])
        #expect(joined.functions == ["rate", "absent"])
        let atModifier = read("sum without (pod) (x @ 1609746000) + y @ start() - z[1h:1m] @ end()")
        #expect(atModifier.metrics == ["x", "y", "z"])
        #expect(atModifier.functions == ["sum"])
    }

    @Test func recordedSeriesNamesWithColonsAreMetrics() {
        #expect(read("job:request_latency_seconds:p99 > 0.5").metrics == ["job:request_latency_seconds:p99"])
    }

    @Test func theNameMatcherAndQuotedNamesSelectMetrics() {
        let named = read(#"{__name__="model_age_seconds", job="m"} > 3600"#)
        #expect(named.metrics == ["model_age_seconds"])
        let pattern = read(#"count({__name__=~"feature_.*_nan_total"}) > 0"#)
        #expect(pattern.metrics == ["feature_.*_nan_total"])
        let quoted = read(#"{"model.inference.nan_count", env="prod"} > 0"#)
        #expect(quoted.metrics == ["model.inference.nan_count"])
    }

    /// The traps: `+Inf` is a bucket's label value, a label named like a metric is a label, words in strings,
    /// comments and `label_replace` arguments are nothing.
    @Test func labelsStringsAndCommentsAreNotMetrics() {
        #expect(read(#"sum(rate(latency_bucket{le="+Inf"}[5m]))"#).metrics == ["latency_bucket"])
        #expect(read(#"up{model_age="3", nan_policy="drop"} == 0"#).metrics == ["up"])
        #expect(read("sum by (prediction_nan) (x)").metrics == ["x"])
        #expect(read("up == 0 # model_staleness_seconds is not read here\n").metrics == ["up"])
        let replaced = read(#"label_replace(up, "model_age", "$1", "instance", "(.*)")"#)
        #expect(replaced.metrics == ["up"])
        #expect(replaced.functions == ["label_replace"])
    }

    /// Loki rules have the same shape; their LogQL reads log streams, and a pipeline's stages and labels are no metrics.
    @Test func aLogQLPipelineReadsNoMetric() {
        let logs = read(#"sum by (job) (rate({app="inference"} |= "NaN" | json | duration > 10s | line_format "{{.msg}}" [5m])) > 0"#)
        #expect(logs.metrics.isEmpty)
        #expect(logs.functions == ["sum", "rate"])
        #expect(read(#"count_over_time({app="x"} | logfmt | unwrap latency_seconds [1m]) + latency_total"#).metrics == ["latency_total"])
    }

    @Test func numbersAndDurationsAreNotMetrics() {
        #expect(read("x > 1e-3 and y < 0x1F and z[1h30m] and w > .5 and v > 2.5E+10").metrics == ["x", "y", "z", "w", "v"])
        #expect(read("vector(1)").metrics.isEmpty)
    }

    @Test func anAggregationIsReadCaseInsensitivelyAndOnce() {
        let twice = read("SUM(a) + sum(b) + Sum by (x) (c)")
        #expect(twice.functions == ["sum"])
        #expect(twice.metrics == ["a", "b", "c"])
    }

    @Test func brokenInputIsReadAsFarAsItGoes() {
        #expect(read("rate(x{job=\"a").metrics == ["x"])
        #expect(read("sum by (le").metrics.isEmpty)
        #expect(read("((((a[5m").metrics == ["a"])
        #expect(read("\u{FEFF}a\r\n+ b\t* é_c").metrics == ["a", "b", "_c"])
        #expect(read("").metrics.isEmpty)
        // A colon inside braces starts no label: text like `{ summary: "…" }` is read to its end.
        #expect(read(#"{ summary: "{{ $labels.job }} is slow" } or a{:b}"#).metrics == ["{{ $labels.job }} is slow", "a"])
    }

    @Test func aHugeExpressionIsBounded() {
        let huge = String(repeating: "rate(a_total[5m]) + b{x=\"(\"} ", count: 50_000)
        let started = Date()
        let expression = PromQLExpression(huge)
        #expect(expression.metrics == ["a_total", "b"])
        #expect(Date().timeIntervalSince(started) < 2)
    }
}

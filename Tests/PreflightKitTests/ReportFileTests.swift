import Foundation
import Testing
@testable import PreflightKit

/// Report probes over real outputs of Evidently, Great Expectations, Deepchecks, pytest and coverage.py
/// (`Fixtures/reports/generate.py` made them with the tools themselves).
@Suite struct ReportFileTests {
    static let reports = Fixtures.root.appendingPathComponent("reports")

    /// A repository holding the named fixtures under `reports/`, scored with one item per probe.
    func evaluate(_ fixtures: [String], _ probes: [(id: String, probe: String)], now: Date = Date(),
                  extra: [String: String] = [:]) throws -> Evaluation {
        let repo = try TemporaryDirectory()
        for name in fixtures {
            try repo.write("reports/\(name)", try String(contentsOf: Self.reports.appendingPathComponent(name), encoding: .utf8))
        }
        for (path, text) in extra { try repo.write(path, text) }
        try repo.write("rubric.yaml", oneSectionRubric(
            probes.map { "{ id: \($0.id), title: \($0.id), why: w, how: h, automated: { report: \($0.probe) } }" }, id: "reports"))
        try repo.write("preflight.yaml", "version: 1\nrubric: rubric.yaml\n")
        try repo.commitAll(date: "2026-11-20T12:00:00Z")
        var options = GateOptions()
        options.now = now
        return try Gate.evaluate(repository: repo.path, options: options)
    }

    func finding(_ evaluation: Evaluation, _ id: String) throws -> Finding {
        try #require(evaluation.scorecard.items.first { $0.id == id }?.automated)
    }

    @Test func evidentlyTestSuitesReportsAndSnapshots() throws {
        let evaluation = try evaluate(
            ["evidently-0.4-testsuite-failed.json", "evidently-0.4-report.json", "evidently-0.7-snapshot.json"], [
                ("suite", "{ in: [reports/evidently-0.4-testsuite-*.json], format: evidently, passed: true }"),
                ("report-verdict", "{ in: [reports/evidently-0.4-report.json], format: evidently, passed: true }"),
                ("drift-ok", "{ in: [reports/evidently-0.4-report.json], format: evidently, value: metrics.*.result.share_of_drifted_columns, atMost: 0.5 }"),
                ("drift-bad", "{ in: [reports/evidently-0.4-report.json], format: evidently, value: metrics.*.result.share_of_drifted_columns, below: 0.3 }"),
                ("snapshot", "{ in: [reports/evidently-0.7-snapshot.json], format: evidently, passed: true }"),
                ("snapshot-share", "{ in: [reports/evidently-0.7-snapshot.json], format: evidently, value: metrics.0.value.share, atMost: 0.5 }"),
            ])
        let suite = try finding(evaluation, "suite")
        #expect(suite.outcome == .unsatisfied && suite.message.contains("Evidently TestSuite 0.4.40") && suite.message.contains("from its own timestamp"))
        #expect(suite.proofs.contains { $0.text?.hasPrefix("Number of Drifted Features") == true })
        #expect(try finding(evaluation, "report-verdict").outcome == .error)   // a Report has no verdict: never a pass
        #expect(try finding(evaluation, "drift-ok").outcome == .satisfied)
        #expect(try finding(evaluation, "drift-bad").outcome == .unsatisfied)
        #expect(try finding(evaluation, "snapshot").message.contains("Evidently 0.7 snapshot"))
        #expect(try finding(evaluation, "snapshot").outcome == .unsatisfied)
        #expect(try finding(evaluation, "snapshot-share").outcome == .satisfied)

        let passing = try evaluate(["evidently-0.4-testsuite-passed.json"],
                                   [("suite", "{ in: [reports/*.json], format: evidently, passed: true, maxAge: 30d }")])
        #expect(try finding(passing, "suite").outcome == .satisfied)
    }

    @Test func greatExpectationsDeepchecksJUnitAndCoverage() throws {
        let evaluation = try evaluate(
            ["great-expectations-0.18-validation.json", "deepchecks-data-integrity.json", "pytest-junit.xml", "cobertura.xml", "coverage.lcov"], [
                ("gx", "{ in: [reports/great-expectations-*.json], format: great-expectations, passed: true }"),
                ("deepchecks", "{ in: [reports/deepchecks-*.json], format: deepchecks, passed: true }"),
                ("junit", "{ in: [reports/*.xml], format: junit, passed: true }"),
                ("junit-count", "{ in: [reports/pytest-junit.xml], format: junit, value: tests, atLeast: 2 }"),
                ("cobertura", "{ in: [reports/cobertura.xml], format: cobertura, value: line-rate, atLeast: 0.8 }"),
                ("lcov", "{ in: [reports/coverage.lcov], format: lcov, value: line-rate, atLeast: 0.8, maxAge: 30d }"),
            ], now: ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z")!)
        let gx = try finding(evaluation, "gx")
        #expect(gx.outcome == .unsatisfied && gx.message.contains("Great Expectations validation result 0.18.22"))
        #expect(gx.proofs.contains { $0.text == "expect_column_values_to_be_between on amount" })
        #expect(try finding(evaluation, "deepchecks").outcome == .satisfied)
        // The pattern also selects cobertura.xml, which is not JUnit: a file the probe cannot read fails it.
        #expect(try finding(evaluation, "junit").outcome == .error)
        #expect(try finding(evaluation, "junit-count").outcome == .satisfied)
        #expect(try finding(evaluation, "cobertura").outcome == .satisfied)
        let lcov = try finding(evaluation, "lcov")
        #expect(lcov.outcome == .satisfied && lcov.message.contains("from its last commit"))   // lcov has no timestamp

        let junit = try evaluate(["pytest-junit.xml"], [("junit", "{ in: [reports/*.xml], format: junit, passed: true }")])
        #expect(try finding(junit, "junit").proofs.contains { $0.text == "test_features.test_negative" })
    }

    @Test func staleTruncatedAndUnknownReportsNeverPass() throws {
        let future = ISO8601DateFormatter().date(from: "2027-06-01T00:00:00Z")!
        let stale = try evaluate(["evidently-0.4-testsuite-passed.json"],
                                 [("suite", "{ in: [reports/*.json], format: evidently, passed: true, maxAge: 7d }")], now: future)
        #expect(try finding(stale, "suite").message.contains("older than 7d"))

        let full = try String(contentsOf: Self.reports.appendingPathComponent("great-expectations-0.18-validation.json"), encoding: .utf8)
        let broken = try evaluate([], [
            ("truncated", "{ in: [reports/truncated.json], format: great-expectations, passed: true }"),
            ("newer", "{ in: [reports/future.json], format: evidently, passed: true }"),
            ("missing", "{ in: [reports/none-*.json], format: json, value: a, below: 1 }"),
        ], extra: ["reports/truncated.json": String(full.prefix(400)),
                   "reports/future.json": #"{"version": "0.9.1", "tests": []}"#])
        let truncated = try finding(broken, "truncated")
        #expect(truncated.outcome == .error && truncated.message.hasPrefix("reports/truncated.json: not valid JSON"))
        #expect(try finding(broken, "newer").message.contains("unsupported Evidently format version 0.9.1"))
        #expect(try finding(broken, "missing").outcome == .unsatisfied)
    }

    /// Validation and checkpoint results of Great Expectations 0.18 and 1.x.
    @Test(arguments: [
        ("great-expectations-0.18-validation.json", false, "validation result 0.18.22"),
        ("great-expectations-0.18-checkpoint.json", true, "checkpoint result"),
        ("great-expectations-1-validation.json", false, "validation result 1."),
        ("great-expectations-1-checkpoint.json", false, "checkpoint result"),
    ])
    func greatExpectationsVersions(file: String, passes: Bool, kind: String) throws {
        let evaluation = try evaluate([file], [("gx", "{ in: [reports/*.json], format: great-expectations, passed: true }")])
        let gx = try finding(evaluation, "gx")
        #expect(gx.outcome == (passes ? .satisfied : .unsatisfied), "\(gx.message)")
        #expect(gx.message.contains(kind), "\(gx.message)")
        if !passes { #expect(gx.proofs.contains { $0.text == "expect_column_values_to_be_between on amount" }) }
    }

    @Test func plainJSONAndYAMLValues() throws {
        let evaluation = try evaluate([], [
            ("auc", "{ in: [metrics/eval.json], format: json, value: metrics.auc, atLeast: 0.9 }"),
            ("slices", "{ in: [metrics/slices.yaml], format: yaml, value: 'slices.*.recall', atLeast: 0.7 }"),
        ], extra: ["metrics/eval.json": #"{"metrics": {"auc": 0.93, "loss": 0.21}}"#,
                   "metrics/slices.yaml": "slices:\n  de: { recall: 0.81 }\n  fr: { recall: 0.64 }\n"])
        #expect(try finding(evaluation, "auc").outcome == .satisfied)
        let slices = try finding(evaluation, "slices")
        #expect(slices.outcome == .unsatisfied && slices.proofs.first?.text == "slices.*.recall = 0.81, 0.64")
    }

    @Test func theNewestReportIsJudged() throws {
        let old = #"{"version": "0.4.40", "tests": [{"name": "t", "status": "FAIL"}], "timestamp": "2026-11-01 10:00:00"}"#
        let new = #"{"version": "0.4.40", "tests": [{"name": "t", "status": "SUCCESS"}], "timestamp": "2026-11-20 10:00:00"}"#
        let evaluation = try evaluate([], [("suite", "{ in: [reports/*.json], format: evidently, passed: true }")],
                                      extra: ["reports/a-new.json": new, "reports/z-old.json": old])
        let suite = try finding(evaluation, "suite")
        #expect(suite.outcome == .satisfied && suite.message.hasPrefix("reports/a-new.json"))
    }
}

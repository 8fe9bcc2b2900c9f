import Foundation
import Testing
@testable import PreflightKit

/// A shallow clone (most CI checkouts) shows its boundary commit as adding every file: a date read from it is not
/// a last change, so `changed` and a report's age are *not available* there, never satisfied.
@Suite struct ShallowHistoryTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)   // 2026-11-18T11:06:40Z

    static let oldModel = #"{ changed: { files: ["models/old.dvc"], within: 90d } }"#
    static let newModel = #"{ changed: { files: ["models/new.dvc"], within: 90d } }"#
    static let newModelToday = #"{ changed: { files: ["models/new.dvc"], within: 2d } }"#
    static let anyModel = #"{ changed: { files: ["models/**"], within: 90d } }"#
    static let metrics = #"{ report: { in: [reports/metrics.json], format: json, value: accuracy, atLeast: 0.8, maxAge: 30d } }"#
    static let drift = #"{ report: { in: [reports/drift.json], format: evidently, passed: true, maxAge: 30d } }"#

    /// models/old.dvc and the reports were committed 201 days ago, a README 8 days ago, models/new.dvc and a newer
    /// metrics file 3 days ago.
    static func origin() throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write("models/old.dvc", "md5: 1\n")
        try repo.write("reports/metrics.json", #"{"accuracy": 0.91}"#)
        let drift = try String(contentsOf: Fixtures.root.appendingPathComponent("reports/evidently-0.4-testsuite-passed.json"), encoding: .utf8)
        try repo.write("reports/drift.json", drift)
        try repo.commitAll(date: "2026-05-01T12:00:00Z")
        try repo.write("README.md", "# model\n")
        try repo.commitAll(date: "2026-11-10T12:00:00Z")
        try repo.write("models/new.dvc", "md5: 2\n")
        try repo.write("reports/metrics-nov.json", #"{"accuracy": 0.5}"#)
        try repo.commitAll(date: "2026-11-15T10:00:00Z")
        return repo
    }

    static func clone(_ origin: TemporaryDirectory, depth: Int?) throws -> TemporaryDirectory {
        let clone = try TemporaryDirectory()
        let shallow = depth.map { ["--depth", "\($0)"] } ?? []
        try run("/usr/bin/env", ["git", "clone", "-q"] + shallow + ["file://\(origin.path)", clone.path])
        return clone
    }

    /// Each rule's finding, with the evidence collected once for all of them as a gate does.
    func evaluate(_ rules: [String], in directory: TemporaryDirectory) throws -> (findings: [Finding], notes: [String]) {
        let parsed = try rules.map { try YAMLDocument(text: $0, file: "rule.yaml").decode(Rule.self) }
        let index = try RepositoryIndex.build(at: directory.path)
        let evidence = EvidenceCollector(index: index, now: Self.now).collect(for: parsed.flatMap(\.probes))
        return (parsed.map { RuleEvaluator(evidence: evidence).evaluate($0) }, evidence.notes)
    }

    static let rules = [oldModel, newModel, newModelToday, anyModel, metrics, drift]

    @Test func fullHistoryGivesTheKnownDates() throws {
        let origin = try Self.origin()
        let (findings, notes) = try evaluate(Self.rules, in: try Self.clone(origin, depth: nil))
        #expect(findings.map(\.outcome) == [.unsatisfied, .satisfied, .unsatisfied, .satisfied, .unsatisfied, .satisfied])
        #expect(findings[1].message.contains("3 days ago"))
        #expect(findings[4].message.contains("from its last commit"))
        #expect(!notes.contains(GitHistory.shallowReason))
    }

    @Test func theBoundaryOfADepthOneCloneIsNoDate() throws {
        let origin = try Self.origin()
        let clone = try Self.clone(origin, depth: 1)
        let (findings, notes) = try evaluate(Self.rules, in: clone)
        // The boundary is 3 days old: inside a 90-day window it hides the real date, outside a 2-day one it cannot.
        #expect(findings.map(\.outcome) == [.notAvailable, .notAvailable, .unsatisfied, .notAvailable, .notAvailable, .satisfied])
        for finding in [findings[0], findings[3], findings[4]] { #expect(finding.message.contains(GitHistory.shallowReason)) }
        #expect(notes.filter { $0 == GitHistory.shallowReason }.count == 1)
        let index = try RepositoryIndex.build(at: clone.path)
        #expect(index.shallowBoundary.count == 1 && index.shallowBoundary.contains(index.commit ?? ""))
    }

    @Test func commitsAfterTheBoundaryAreReal() throws {
        let origin = try Self.origin()
        let (findings, _) = try evaluate(Self.rules, in: try Self.clone(origin, depth: 2))
        // The boundary is the README commit: models/new.dvc was committed after it, models/old.dvc before.
        #expect(findings.map(\.outcome) == [.notAvailable, .satisfied, .unsatisfied, .satisfied, .notAvailable, .satisfied])
        #expect(findings[1].message.contains("3 days ago"))
    }

    /// Through the CLI: the gate that approved a shallow checkout now blocks it, and its JSON says once why.
    @Test func theReportSaysOnceThatHistoryIsShallow() throws {
        let origin = try Self.origin()
        let rubric = try TemporaryDirectory()
        try rubric.write("rubric.yaml", oneSectionRubric([
            "{ id: model, title: m, why: w, how: h, automated: \(Self.oldModel) }",
            "{ id: metrics, title: r, why: w, how: h, automated: \(Self.metrics) }",
        ]))
        let arguments = ["--rubric", rubric.path + "/rubric.yaml", "--require", "model", "--require", "metrics", "--format", "json"]
        for depth in [nil, 1] as [Int?] {
            let clone = try Self.clone(origin, depth: depth)
            let result = try run(CLITests.binary, ["gate", clone.path] + arguments, environment: CLITests.fixedTime)
            #expect(result.status == 1, "\(result.errors)")
            let report = try #require(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            let notes = report["notes"] as? [String] ?? []
            #expect(notes.filter { $0 == GitHistory.shallowReason }.count == (depth == nil ? 0 : 1))
            let items = ((report["scorecard"] as? [String: Any])?["sections"] as? [[String: Any]])?.first?["items"] as? [[String: Any]] ?? []
            let outcomes = items.map { ($0["automated"] as? [String: Any])?["outcome"] as? String }
            #expect(outcomes == (depth == nil ? ["unsatisfied", "unsatisfied"] : ["not-available", "not-available"]))
        }
    }

    /// In a fresh CI checkout a file's time is the checkout's: it never stands in for an unknown commit date.
    @Test func theFileTimeDoesNotDateABoundaryReport() throws {
        let origin = try Self.origin()
        let clone = try Self.clone(origin, depth: 1)
        let metrics = clone.path + "/reports/metrics.json"
        try FileManager.default.setAttributes([.modificationDate: Self.now], ofItemAtPath: metrics)
        let (findings, _) = try evaluate([Self.metrics], in: clone)
        #expect(findings.map(\.outcome) == [.notAvailable])
    }

    /// Several reports: one the boundary leaves undated may be newer than another, so which is newest is unknown;
    /// one committed after the boundary is newer than every undated one.
    @Test func anUndatedReportMayBeTheNewest() throws {
        let origin = try Self.origin()
        let both = #"{ report: { in: ["reports/metrics*.json"], format: json, value: accuracy, atLeast: 0.8 } }"#
        #expect(try evaluate([both], in: try Self.clone(origin, depth: nil)).findings.map(\.outcome) == [.unsatisfied])
        let (shallow, _) = try evaluate([both], in: try Self.clone(origin, depth: 1))
        #expect(shallow.map(\.outcome) == [.notAvailable])
        #expect(shallow.first?.message.contains(GitHistory.shallowReason) == true)
        let (afterBoundary, _) = try evaluate([both], in: try Self.clone(origin, depth: 2))
        #expect(afterBoundary.map(\.outcome) == [.unsatisfied])
        #expect(afterBoundary.first?.message.contains("reports/metrics-nov.json") == true)
    }
}

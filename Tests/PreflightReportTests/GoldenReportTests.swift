import Foundation
import Testing
@testable import PreflightKit

/// The text, Markdown and JSON reports of the three examples, through the built CLI, against recorded golden files
/// in Fixtures/golden. Record them again after an intended change of output:
///
///     PREFLIGHT_RECORD_GOLDEN=1 swift test --filter Golden
///
/// Each example is copied into a fresh git repository with a fixed author and date (so its commit is the same on
/// every machine), gated at a fixed time (`SOURCE_DATE_EPOCH`), and fraud-monitoring's Prometheus is an address where
/// none listens. Text and Markdown are compared byte for byte, with Preflight's version written as `VERSION`; JSON is
/// compared after parsing, without its `tool` field.
@Suite struct GoldenReportTests {
    static let examples = ["fraud-detector", "churn-notebook", "fraud-monitoring"]
    static let formats = [(name: "text", file: "txt"), (name: "markdown", file: "md"), (name: "json", file: "json")]
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")
    static let recording = ProcessInfo.processInfo.environment["PREFLIGHT_RECORD_GOLDEN"] == "1"
    static let commitDate = "2026-11-01T12:00:00Z"

    /// `name`, copied from Examples/ into `parent` and committed with a fixed identity and date.
    func freshCopy(of name: String, in parent: TemporaryDirectory) throws -> String {
        let copy = parent.url.appendingPathComponent(name)
        try FileManager.default.copyItem(at: CLITests.examples.appendingPathComponent(name), to: copy)
        // A history someone recorded while trying the example is no part of it.
        try? FileManager.default.removeItem(at: copy.appendingPathComponent(".preflight"))
        let environment = ["GIT_AUTHOR_NAME": "Example", "GIT_AUTHOR_EMAIL": "example@example.com", "GIT_COMMITTER_NAME": "Example",
                           "GIT_COMMITTER_EMAIL": "example@example.com", "GIT_AUTHOR_DATE": Self.commitDate,
                           "GIT_COMMITTER_DATE": Self.commitDate, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        for arguments in [["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "example"]] {
            let result = try run("/usr/bin/env", ["git", "-C", copy.path] + arguments, environment: environment)
            try #require(result.status == 0, "git \(arguments): \(result.errors)")
        }
        return name
    }

    /// Preflight's version is the only part of a report that may differ between two runs.
    static func normalized(_ report: String) -> String {
        report.replacingOccurrences(of: "preflight \(Preflight.version)", with: "preflight VERSION")
    }

    @Test(arguments: examples)
    func reportsMatchTheirGoldenFiles(example: String) throws {
        let parent = try TemporaryDirectory()
        let path = try freshCopy(of: example, in: parent)
        var arguments = ["gate", path, "--no-step-summary"]
        if example == "fraud-monitoring" { arguments += ["--prometheus", "http://127.0.0.1:1"] }
        for format in Self.formats {
            let result = try run(CLITests.binary, arguments + ["--format", format.name], environment: CLITests.fixedTime.merging(
                ["PREFLIGHT_HISTORY": "", "GITHUB_STEP_SUMMARY": ""]) { _, new in new }, currentDirectory: parent.path)
            try #require([0, 1].contains(result.status), "\(example) \(format.name): \(result.errors)")
            let report = Self.normalized(result.output)
            let golden = Self.directory.appendingPathComponent("\(example).\(format.file)")
            if Self.recording {
                try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
                try report.write(to: golden, atomically: true, encoding: .utf8)
                continue
            }
            guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
                Issue.record("no golden file \(golden.path); record it with PREFLIGHT_RECORD_GOLDEN=1 swift test --filter Golden")
                continue
            }
            if format.name == "json" {
                let difference = Self.firstDifference(try Self.parsed(expected), try Self.parsed(report), at: "")
                #expect(difference == nil, "\(example).json differs at \(difference ?? ""); re-record with PREFLIGHT_RECORD_GOLDEN=1 if intended")
            } else {
                #expect(report == expected, "\(example).\(format.file) differs from its golden file at line \(Self.firstDifferentLine(expected, report)); re-record with PREFLIGHT_RECORD_GOLDEN=1 if intended")
            }
        }
    }

    static func parsed(_ json: String) throws -> Any {
        var object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        if var top = object as? [String: Any] {
            top["tool"] = nil
            object = top
        }
        return object
    }

    /// The key path of the first value that differs, or nil when the two are equal.
    static func firstDifference(_ a: Any, _ b: Any, at path: String) -> String? {
        switch (a, b) {
        case let (a as [String: Any], b as [String: Any]):
            for key in Set(a.keys).union(b.keys).sorted() {
                guard let x = a[key], let y = b[key] else { return "\(path).\(key) (present in one only)" }
                if let found = firstDifference(x, y, at: "\(path).\(key)") { return found }
            }
            return nil
        case let (a as [Any], b as [Any]):
            guard a.count == b.count else { return "\(path) (\(a.count) elements, now \(b.count))" }
            for (index, pair) in zip(a, b).enumerated() {
                if let found = firstDifference(pair.0, pair.1, at: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return (a as? NSObject)?.isEqual(b) == true ? nil : "\(path): \(a) → \(b)"
        }
    }

    static func firstDifferentLine(_ a: String, _ b: String) -> Int {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
        return (zip(x, y).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(x.count, y.count)) + 1
    }
}

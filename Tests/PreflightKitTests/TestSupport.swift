import Foundation
import Testing
@testable import PreflightKit

enum Fixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func rubric(_ name: String) -> URL { root.appendingPathComponent("rubrics/\(name)") }
}

/// A temporary directory removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var path: String { url.path }

    /// Writes `contents` at the relative `path`, creating folders.
    func write(_ path: String, _ contents: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
    }

    /// Runs git here; the identity and dates are fixed so tests are deterministic.
    @discardableResult
    func git(_ arguments: String..., date: String = "2026-11-01T12:00:00Z") throws -> String {
        try run("/usr/bin/env", ["git", "-C", path] + arguments,
                environment: ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "Test",
                              "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date]).output
    }

    /// `git init` and commit everything written so far.
    func commitAll(date: String = "2026-11-01T12:00:00Z") throws {
        if !FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) {
            try git("init", "-q", "-b", "main")
        }
        try git("add", "-A")
        try git("commit", "-q", "-m", "fixture", date: date)
    }
}

struct RunResult {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs a program to its end; one still running after `timeout` seconds is killed (status 137).
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil,
         timeout: TimeInterval = 300) throws -> RunResult {
    let result = try ChildProcess.run(URL(fileURLWithPath: executable), arguments,
                                      environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
                                      currentDirectory: currentDirectory.map { URL(fileURLWithPath: $0) }, timeout: timeout)
    return RunResult(status: result.signaled ? 128 + result.status : result.status,
                     output: String(decoding: result.output, as: UTF8.self),
                     errors: String(decoding: result.errors, as: UTF8.self))
}

/// A rubric of one section whose items are `items`, one YAML flow mapping each; scored as a plain sum, with
/// `policy.minimumScore: 0` so that only errors (and the policy flags a test passes) can block.
func oneSectionRubric(_ items: [String], id: String = "test", section: String = "all") -> String {
    """
    version: 1
    id: \(id)
    title: \(id)
    scoring:
      levels: { automated: 1, manual: 0.5 }
      final: sum
      bands: [{ label: any }]
      production: [{ label: any }]
    policy: { minimumScore: 0 }
    sections:
      - id: \(section)
        title: \(section)
        items:
    \(items.map { "      - \($0)" }.joined(separator: "\n"))
    """
}

extension Evidence {
    /// Evidence as the collector leaves it for a repository that holds only `files`, all empty: every path the
    /// probes list, no line matched, no key found, no pipeline, no CODEOWNERS, a history without changes.
    static func handBuilt(files: [String], for probes: [Probe], now: Date = Date()) -> Evidence {
        let plan = EvidencePlan(probes)
        var evidence = Evidence(now: now)
        for globs in plan.listed { evidence.paths[globs] = files.filter(globs.matches) }
        for query in plan.content { evidence.content[query] = ContentResult() }
        for globs in plan.keyNames.keys { evidence.documentPaths[globs] = [] }
        for globs in plan.reports.keys { evidence.reportPaths[globs] = [] }
        for globs in plan.ownerSets { evidence.unowned[globs] = [] }
        let windows = plan.requests(for: GitHistorySource.self)
        evidence.record(SourceAnswers<GitHistorySource>(
            display: "git history", answers: Dictionary(uniqueKeysWithValues: windows.map { ($0, .success(GitHistory(lastChange: [:]))) })))
        return evidence
    }
}

extension Rubric {
    /// Every probe of every item, automated and manual.
    var allProbes: [Probe] { items.flatMap { [$0.automated, $0.manual].compactMap { $0 } }.flatMap(\.probes) }
}

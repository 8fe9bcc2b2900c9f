import Foundation
import Testing
@testable import PreflightKit

/// In a git repository a result file without a timestamp of its own is dated by its last commit, never by its file
/// time: a checkout's file time is "now", which would make any old report look fresh.
@Suite struct ReportDatingTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)   // 2026-11-18
    static let rule = #"{ report: { in: ["**/*.json"], format: json, value: auc, atLeast: 0.9, maxAge: 7d } }"#

    func judge(_ rule: String, in directory: TemporaryDirectory) throws -> Finding {
        let parsed = try YAMLDocument(text: rule, file: "rule.yaml").decode(Rule.self)
        let index = try RepositoryIndex.build(at: directory.path)
        return RuleEvaluator(evidence: EvidenceCollector(index: index, now: Self.now).collect(for: parsed.probes)).evaluate(parsed)
    }

    /// A tracked file named like pathspec magic made `git log` fail, and every report fell back to its file time.
    @Test func aFileNamedLikePathspecMagicDoesNotDateReportsByTheirFileTime() throws {
        let repo = try TemporaryDirectory()
        try repo.write("reports/eval.json", #"{"auc": 0.95}"#)
        try repo.write(":(bogus).json", #"{"auc": 0.95}"#)
        try repo.commitAll(date: "2025-01-01T12:00:00Z")
        let finding = try judge(Self.rule, in: repo)
        #expect(finding.outcome == .unsatisfied, "\(finding.message)")
        #expect(finding.message.contains("from its last commit"))
    }

    /// A report that is tracked but not committed yet has no date in the repository.
    @Test func aReportNotCommittedYetHasNoDate() throws {
        let repo = try TemporaryDirectory()
        try repo.write("README.md", "# model\n")
        try repo.commitAll(date: "2025-01-01T12:00:00Z")
        try repo.write("reports/eval.json", #"{"auc": 0.95}"#)
        _ = try repo.git("add", "reports/eval.json")
        let finding = try judge(Self.rule, in: repo)
        #expect(finding.outcome == .notAvailable, "\(finding.message)")
    }

    /// Outside git there is no history, and the file time is what there is.
    @Test func outsideGitTheFileTimeDatesAReport() throws {
        let directory = try TemporaryDirectory()
        try directory.write("reports/eval.json", #"{"auc": 0.95}"#)
        let finding = try judge(Self.rule, in: directory)
        #expect(finding.outcome == .satisfied && finding.message.contains("from its file time"), "\(finding.message)")
    }

    /// Inside a work tree, a directory git tracks nothing in is judged as empty, never walked: untracked files do
    /// not count.
    @Test func anUntrackedDirectoryInAGitRepositoryHasNoFiles() throws {
        let repo = try TemporaryDirectory()
        try repo.write("README.md", "# model\n")
        try repo.commitAll()
        try repo.write("sub/reports/eval.json", #"{"auc": 0.95}"#)
        let index = try RepositoryIndex.build(at: repo.path + "/sub")
        #expect(index.isGit && index.files.isEmpty)
        #expect(index.notes.contains { $0.contains("untracked files never count") })
        let empty = try TemporaryDirectory()
        _ = try empty.git("init", "-q")
        try empty.write("train.py", "print(1)\n")
        let fresh = try RepositoryIndex.build(at: empty.path)
        #expect(fresh.isGit && fresh.files.isEmpty)
    }
}

/// git is run on the repository being judged, whatever GIT_* variables the caller's environment holds.
@Suite struct GitEnvironmentTests {
    @Test func gitDirectoryVariablesDoNotRedirectTheGate() throws {
        let judged = try TemporaryDirectory()
        try judged.write("README.md", "# judged\n")
        try judged.commitAll()
        let other = try TemporaryDirectory()
        try other.write("other.py", "print(1)\n")
        try other.commitAll()
        let result = try run(CLITests.binary, ["gate", judged.path, "--format", "json"],
                             environment: CLITests.fixedTime.merging(["GIT_DIR": other.path + "/.git", "GIT_WORK_TREE": other.path]) { $1 })
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let repository = try #require(report["repository"] as? [String: Any])
        #expect(repository["filesIndexed"] as? Int == 1, "\(result.errors)")
        #expect(repository["commit"] as? String == (try judged.git("rev-parse", "HEAD")).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

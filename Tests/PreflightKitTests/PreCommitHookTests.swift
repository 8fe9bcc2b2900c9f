import Foundation
import Testing

/// The pre-commit hook, run by pre-commit itself (`pre-commit try-repo`, from PyPI; the test command installs it)
/// on a model repository: a mistake in preflight.yaml fails the commit with its location, the fixed file passes.
@Suite struct PreCommitHookTests {
    static let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    @Test func theHookValidatesWhatACommitChanges() throws {
        let repo = try TemporaryDirectory()
        try repo.write("preflight.yaml", "version: 1\npolicy: { minimumScore: two }\n")
        try repo.write("monitoring.yaml", "context: { model: fraud }\nalerting: { for: 5m }\nmetrics: { scored: { rate: scored_total } }\nhealthy: [{ metric: scored, fresh: 10m }]\n")
        try repo.write("notes.yaml", "not: [a rubric\n")   // not a file the hook reads
        try repo.commitAll()
        let path = URL(fileURLWithPath: CLITests.binary).deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
        let environment = ["PATH": path, "PRE_COMMIT_HOME": repo.path + "/.cache", "NO_COLOR": "1"]
        func hook() throws -> RunResult {
            try run("/usr/bin/env", ["python3", "-m", "pre_commit", "try-repo", Self.sourceRoot.path, "preflight-validate", "--all-files"],
                    environment: environment, currentDirectory: repo.path)
        }
        let failing = try hook()
        #expect(failing.status == 1, "\(failing.output)\(failing.errors)")
        #expect(failing.output.contains("preflight.yaml:2:25: error: policy.minimumScore"), "\(failing.output)")
        #expect(failing.output.contains("monitoring.yaml: ok: monitoring plan for model 'fraud'"))
        #expect(!failing.output.contains("notes.yaml"))
        try repo.write("preflight.yaml", "version: 1\npolicy: { minimumScore: 2 }\n")
        try repo.commitAll()
        let passing = try hook()
        #expect(passing.status == 0, "\(passing.output)\(passing.errors)")
    }
}

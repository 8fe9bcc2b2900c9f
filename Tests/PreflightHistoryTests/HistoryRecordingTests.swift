import Foundation
import Testing
@testable import PreflightKit

/// When and where `gate --record` records, through the built binary: only once the run has decided, and in the file
/// the `history` commands then read.
@Suite struct HistoryRecordingTests {
    func preflight(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> RunResult {
        try run(CLITests.binary, arguments, environment: CLITests.fixedTime.merging(environment) { $1 }, currentDirectory: directory)
    }

    /// How many evaluations the SQLite file holds, counted by sqlite3 itself; none when the file was never made.
    func records(in database: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: database) else { return 0 }
        let result = try run("/usr/bin/env", ["sqlite3", database, "SELECT count(*) FROM evaluation"])
        #expect(result.status == 0, "\(result.errors)")
        return Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func aReportThatCannotBeWrittenEndsWithoutADecisionAndRecordsNothing() throws {
        let repo = try HistoryTests().repository()
        let database = repo.path + "/h.sqlite"
        try repo.write("a-file", "not a directory\n")
        let failures: [[String]] = [
            ["-o", repo.path + "/missing/dir/readiness.txt"],
            ["--format", "text,json", "--output-dir", repo.path + "/a-file"],
            ["--format", "json,html", "--output-dir", repo.path + "/a-file/reports"],
        ]
        for output in failures {
            let result = try preflight(["gate", repo.path, "--version", "1.0.0", "--record", "--history", database] + output)
            #expect(result.status == 2, "\(output): \(result.errors)")
            #expect(result.errors.contains("error: cannot write"), "\(result.errors)")
            #expect(try records(in: database) == 0, "\(output)")
        }
        // Standard output is a report too: on a full device the run ends without a decision.
        let full = try run("/bin/sh", ["-c", "exec \"$0\" \"$@\" > /dev/full", CLITests.binary, "gate", repo.path, "--version", "1.0.0",
                                        "--record", "--history", database], environment: CLITests.fixedTime)
        #expect(full.status == 2 && full.errors.contains("standard output: error: cannot write"), "\(full.errors)")
        #expect(try records(in: database) == 0)
        // The same run with a report it can write decides, then records.
        let decided = try preflight(["gate", repo.path, "--version", "1.0.0", "--record", "--history", database,
                                     "-o", repo.path + "/readiness.txt"])
        #expect(decided.status == 0, "\(decided.errors)")
        #expect(try records(in: database) == 1)
        #expect(try String(contentsOfFile: repo.path + "/readiness.txt", encoding: .utf8).contains("to be recorded in \(database)"))
    }

    @Test func aRelativeHistoryIsRelativeToTheCurrentDirectoryForGateAndHistory() throws {
        let repo = try HistoryTests().repository()
        let work = try TemporaryDirectory()
        let flag = try preflight(["gate", repo.path, "--version", "1.0.0", "--record", "--history", "flag.sqlite"], in: work.path)
        #expect(flag.status == 0, "\(flag.errors)")
        #expect(try records(in: work.path + "/flag.sqlite") == 1)
        let listed = try preflight(["history", "demo", "--history", "flag.sqlite"], in: work.path)
        #expect(listed.status == 0 && listed.output.contains("1.0.0"), "\(listed.errors)")

        let environment = ["PREFLIGHT_HISTORY": "nested/env.sqlite"]
        let env = try preflight(["gate", repo.path, "--version", "1.1.0", "--record"], in: work.path, environment: environment)
        #expect(env.status == 0, "\(env.errors)")
        #expect(try records(in: work.path + "/nested/env.sqlite") == 1)   // its directory is created for recording
        let trend = try preflight(["trend", "demo"], in: work.path, environment: environment)
        #expect(trend.status == 0 && trend.output.contains("1 evaluations, 1.1.0 → 1.1.0"), "\(trend.errors)")
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.preflight"))
    }

    @Test func gateAndHistoryFindTheSameDefaultAndConfiguredFile() throws {
        let repo = try HistoryTests().repository()
        let work = try TemporaryDirectory()
        #expect(try preflight(["gate", repo.path, "--version", "1.0.0", "--record"], in: work.path).status == 0)
        #expect(try records(in: repo.path + "/.preflight/history.sqlite") == 1)
        let listed = try preflight(["history", "demo", "-C", repo.path], in: work.path)
        #expect(listed.status == 0 && listed.output.contains("1.0.0"), "\(listed.errors)")

        try repo.write("preflight.yaml", "version: 1\nmodel: { name: demo }\npolicy: { minimumScore: 0 }\nhistory: db/readiness.sqlite\n")
        try repo.commitAll()
        #expect(try preflight(["gate", repo.path, "--version", "1.1.0", "--record"], in: work.path).status == 0)
        #expect(try records(in: repo.path + "/db/readiness.sqlite") == 1)
        let diff = try preflight(["history", "demo", "-C", repo.path, "--format", "csv"], in: work.path)
        #expect(diff.status == 0 && diff.output.split(separator: "\n").count == 2, "\(diff.errors)")
    }

    /// A preflight.yaml given with --config names the history relative to itself, for gate and the history commands.
    @Test func gateAndHistoryFindTheFileOfAConfigElsewhere() throws {
        let repo = try HistoryTests().repository()
        let work = try TemporaryDirectory()
        try work.write("ci/preflight.yaml", "version: 1\nmodel: { name: demo }\npolicy: { minimumScore: 0 }\nhistory: ci-history.sqlite\n")
        let config = work.path + "/ci/preflight.yaml"
        #expect(try preflight(["gate", repo.path, "--config", config, "--version", "1.0.0", "--record"], in: work.path).status == 0)
        #expect(try records(in: work.path + "/ci/ci-history.sqlite") == 1)
        let listed = try preflight(["history", "demo", "-C", repo.path, "--config", config], in: work.path)
        #expect(listed.status == 0 && listed.output.contains("1.0.0"), "\(listed.errors)")
    }

    @Test func aHistoryPathThatCannotBeUsedNamesThePathAndTheReason() throws {
        let repo = try HistoryTests().repository()
        try repo.write("a-file", "not a directory\n")
        let result = try preflight(["gate", repo.path, "--version", "1.0.0", "--record", "--history", "a-file/h.sqlite"], in: repo.path)
        #expect(result.status == 2)
        #expect(result.errors.contains("\(repo.url.standardizedFileURL.path)/a-file/h.sqlite: error: history:"), "\(result.errors)")
        #expect(result.errors.contains("is not a directory"), "\(result.errors)")
        let missing = try preflight(["history", "--history", "nowhere.sqlite"], in: repo.path)
        #expect(missing.status == 2 && missing.errors.contains("nowhere.sqlite: error: history: no history database here"), "\(missing.errors)")
    }
}

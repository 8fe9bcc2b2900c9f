import Foundation
import PreflightHistory
import Testing
@testable import PreflightKit

/// The history in real SQLite files: recording, the regression gate, migrations, bad files and concurrent writers.
@Suite struct HistoryTests {
    func repository() throws -> TemporaryDirectory { try canaryRepository() }

    func gate(_ repo: TemporaryDirectory, version: String, record: Bool = true, history: String? = nil,
              policy: PolicyOverrides = PolicyOverrides()) throws -> Evaluation {
        var options = GateOptions()
        options.modelVersion = version
        options.now = ISO8601DateFormatter().date(from: "2026-11-18T11:06:40Z")!
        options.policy = policy
        options.history = HistorySettings(path: history, record: record, open: SQLiteHistoryStore.opener)
        return try Gate.record(try Gate.evaluate(repository: repo.path, options: options), history: options.history)
    }

    @Test func theFirstVersionHasNoBaselineAndLaterOnesAreComparedWithTheLastApproved() throws {
        let repo = try repository()
        let first = try gate(repo, version: "1.0.0")
        #expect(first.baseline?.baseline == nil)
        #expect(first.baseline?.note.contains("first recorded version of demo") == true)
        #expect(first.history?.recordID == 1)
        let path = repo.path + "/.preflight/history.sqlite"
        #expect(FileManager.default.fileExists(atPath: path))

        try FileManager.default.removeItem(atPath: repo.path + "/deploy/rollout.yaml")
        try repo.commitAll()
        let regression = PolicyOverrides(maxScoreDrop: 0, itemRegression: .block)
        let second = try gate(repo, version: "1.1.0", policy: regression)
        #expect(second.baseline?.baseline?.version == "1.0.0")
        #expect(second.baseline?.items.map(\.id).contains("infra-6") == true)
        #expect(second.verdict.decision == .blocked)
        #expect(Set(second.verdict.reasons.map(\.rule)) == [.maxScoreDrop, .itemRegression])

        // The blocked 1.1.0 is recorded but is not a baseline: 1.2.0 is still compared with 1.0.0.
        let third = try gate(repo, version: "1.2.0", record: false, policy: regression)
        #expect(third.baseline?.baseline?.version == "1.0.0")
        #expect(third.trend.map(\.version) == ["1.0.0", "1.1.0"])

        let store = try SQLiteHistoryStore(path: path, create: false)
        let records = try store.records(model: "demo", withItems: true)
        #expect(records.map(\.label) == ["1.0.0", "1.1.0"] && records.map(\.decision) == [.approved, .blocked])
        #expect(records[0].items.count == 28 && records[0].sections.count == 4)
        #expect(records[0].rubricHash == first.rubric.contentHash && !first.rubric.contentHash.isEmpty)
    }

    @Test func anItemRegressionCanBeWaived() throws {
        let repo = try repository()
        _ = try gate(repo, version: "1.0.0")
        try FileManager.default.removeItem(atPath: repo.path + "/deploy/rollout.yaml")
        try repo.write("readiness/waivers.yaml", """
            version: 1
            waivers:
              - { item: infra-6, reason: "canary moves to the mesh next sprint", approver: bob, date: 2026-11-17, expires: 2026-11-30 }
            """)
        try repo.commitAll()
        let evaluation = try gate(repo, version: "1.1.0", policy: PolicyOverrides(itemRegression: .block))
        #expect(evaluation.verdict.rawDecision == .blocked && evaluation.verdict.decision == .approved)
    }

    @Test func recordsAreNeverRewritten() throws {
        let repo = try repository()
        _ = try gate(repo, version: "1.0.0")
        let result = try run("/usr/bin/env", ["sqlite3", repo.path + "/.preflight/history.sqlite", "UPDATE evaluation SET final = 7"])
        #expect(result.status != 0 && result.errors.contains("never rewritten"))
    }

    @Test func anOlderDatabaseIsMigratedAndANewerOneRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/history.sqlite"
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("history/history-v1.sqlite"), to: URL(fileURLWithPath: path))
        let store = try SQLiteHistoryStore(path: path)
        let old = try #require(try store.latest(model: "fraud-detector", version: "1.2.0"))
        #expect(old.final == 1 && old.sections.count == 4 && old.items.map(\.id) == ["infra-1", "infra-7"])
        #expect(old.policy.maxWaiverDays == 30)   // a field the stored policy predates takes its default
        #expect(try store.integrityCheck() == "ok")

        _ = try run("/usr/bin/env", ["sqlite3", path, "INSERT INTO grdb_migrations VALUES ('v9-from-the-future')"])
        #expect {
            _ = try SQLiteHistoryStore(path: path)
        } throws: { error in
            error.localizedDescription.contains("written by a newer Preflight (schema v9-from-the-future)")
        }
    }

    @Test func aCorruptOrUnwritableHistoryIsAClearErrorAndFailsClosed() throws {
        let repo = try repository()
        let bogus = repo.path + "/not-a-database.sqlite"
        try repo.write("not-a-database.sqlite", String(repeating: "this is not SQLite\n", count: 300))
        let before = try Data(contentsOf: URL(fileURLWithPath: bogus))
        #expect {
            _ = try gate(repo, version: "1.0.0", history: bogus)
        } throws: { error in
            error.localizedDescription.contains("not-a-database.sqlite: error: history: not a readable history database")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: bogus)) == before)   // never damaged
        // Without recording or a regression policy, an unreadable history is only a note.
        let evaluation = try gate(repo, version: "1.0.0", record: false, history: bogus)
        #expect(evaluation.baseline?.note.contains("history not used") == true)

        let readOnly = try TemporaryDirectory()
        chmod(readOnly.path, 0o500)
        defer { chmod(readOnly.path, 0o700) }
        if getuid() != 0 {   // root writes anywhere; the chmod case is meaningful only for other users
            #expect(throws: PreflightError.self) { _ = try gate(repo, version: "1.0.0", history: readOnly.path + "/h.sqlite") }
        }
        #expect {
            _ = try gate(repo, version: "1.0.0", history: "/proc/preflight/h.sqlite")
        } throws: { error in
            error.localizedDescription.contains("/proc/preflight/h.sqlite: error: history:")
        }
    }

    /// Eight processes record 200 evaluations each into one file at the same time.
    @Test func concurrentWritersLoseNothing() throws {
        let repo = try repository()
        let report = repo.path + "/report.json"
        let json = try run(CLITests.binary, ["gate", repo.path, "--format", "json", "-o", report], environment: CLITests.fixedTime)
        #expect(json.status == 0, "\(json.errors)")
        let database = repo.path + "/shared.sqlite"
        let processes = try (0..<8).map { _ in
            try Self.start(CLITests.binary, ["history", "import", "--history", database] + Array(repeating: report, count: 200))
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let store = try SQLiteHistoryStore(path: database, create: false)
        #expect(try store.records(model: "demo", withItems: false).count == 1_600)
        #expect(try store.integrityCheck() == "ok")
    }

    /// A writer killed with SIGKILL mid-stream: every record it reported as committed is there, and the file is sound.
    @Test func aKilledWriterLeavesTheDatabaseIntact() throws {
        let repo = try repository()
        let report = repo.path + "/report.json"
        _ = try run(CLITests.binary, ["gate", repo.path, "--format", "json", "-o", report], environment: CLITests.fixedTime)
        let database = repo.path + "/killed.sqlite"
        _ = try SQLiteHistoryStore(path: database)   // created beforehand, so the kill lands among the writes
        let output = Pipe()
        defer { try? output.fileHandleForReading.close() }
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: CLITests.binary)
        writer.arguments = ["history", "import", "--history", database] + Array(repeating: report, count: 2_000)
        writer.standardOutput = output
        try writer.run()
        // Kill it at a random point once it is writing: after some records, between or during commits.
        var seen = Data()
        let target = Int.random(in: 5...60)
        while seen.filter({ $0 == 10 }).count < target {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        usleep(useconds_t.random(in: 0...20_000))
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        seen += output.fileHandleForReading.readDataToEndOfFile()
        let reported = String(decoding: seen, as: UTF8.self)
            .split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first.flatMap { Int64($0) } }
        #expect(writer.terminationReason == .uncaughtSignal)
        #expect(!reported.isEmpty)
        let store = try SQLiteHistoryStore(path: database)
        #expect(try store.integrityCheck() == "ok")
        let stored = Set(try store.records(model: "demo", withItems: true).map { $0.id! })
        #expect(Set(reported).isSubset(of: stored))
        #expect(try store.records(model: "demo", withItems: true).allSatisfy { $0.items.count == 28 && $0.sections.count == 4 })
    }

    @Test func historyTrendAndDiffCommands() throws {
        let repo = try repository()
        let database = repo.path + "/h.sqlite"
        func preflight(_ arguments: String...) throws -> RunResult {
            try run(CLITests.binary, arguments, environment: CLITests.fixedTime.merging(["PREFLIGHT_HISTORY": database]) { $1 })
        }
        #expect(try preflight("gate", repo.path, "--version", "1.0.0", "--record").status == 0)
        try FileManager.default.removeItem(atPath: repo.path + "/deploy/rollout.yaml")
        try repo.commitAll()
        #expect(try preflight("gate", repo.path, "--version", "1.1.0", "--record").status == 0)
        let table = try preflight("history", "demo")
        #expect(table.output.contains("VERSION") && table.output.contains("1.0.0") && table.output.contains("1.1.0"))
        let csv = try preflight("history", "--format", "csv").output.split(separator: "\n")
        #expect(csv.count == 3 && csv[0].hasPrefix("id,model,version,time"))
        let json = try preflight("history", "--format", "json")
        #expect((try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [Any])?.count == 2)
        let trend = try preflight("trend", "demo")
        #expect(trend.output.contains("Tests for ML Infrastructure") && trend.output.contains("▁"))
        let diff = try preflight("diff", "demo", "1.0.0", "1.1.0")
        #expect(diff.output.contains("Lost:") && diff.output.contains("infra-6 Models are canaried before serving: 1 → 0"))
        let missing = try preflight("diff", "demo", "1.0.0", "9.9.9")
        #expect(missing.status == 2 && missing.errors.contains("9.9.9"))
    }

    static func start(_ executable: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }
}

import Foundation
import GRDB
import PreflightKit

/// The history in one SQLite file (GRDB), safe for several CI jobs recording at once: WAL mode, a busy timeout and
/// a retry, each record written in one transaction, and triggers that refuse to rewrite or delete a record.
public final class SQLiteHistoryStore: HistoryStore {
    /// Opens the file for a gate run (`HistorySettings.open`): created when the run records, nil when there is no
    /// file yet and nothing to record.
    public static let opener: HistoryOpener = { path, create, timeout in
        guard create || FileManager.default.fileExists(atPath: path) else { return nil }
        return try SQLiteHistoryStore(path: path, create: create, timeout: timeout)
    }

    public let path: String
    private let pool: DatabasePool
    /// How long a write waits for another process's lock before it fails.
    private let timeout: TimeInterval

    /// Opens (creating when `create`) the database at `path`, migrating an older schema; refuses a newer one.
    /// Waiting for a lock held by another process gives up after `timeout` seconds.
    public init(path: String, create: Bool = true, timeout: TimeInterval = 30) throws {
        self.path = path
        self.timeout = timeout
        if !create, !FileManager.default.fileExists(atPath: path) {
            throw PreflightError.history(path: path, reason: "no history database here")
        }
        if create { try Self.createDirectory(of: path) }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(timeout)
            configuration.label = "preflight-history"
            // Processes opening a new or older file at once would race to migrate it: one at a time.
            // A location we cannot write to is read only, and then there is nothing to migrate or race for.
            let deadline = Date().addingTimeInterval(timeout)
            let lock = try FileLock(path: path + ".lock", until: deadline)
            defer { lock?.release() }
            pool = try Self.retrying(until: deadline) { try DatabasePool(path: path, configuration: configuration) }
            let migrator = Self.migrator
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(migrator.migrations)
            guard unknown.isEmpty else {
                throw PreflightError.history(path: path, reason: "written by a newer Preflight (schema \(unknown.sorted().joined(separator: ", "))); upgrade Preflight to read it")
            }
            try Self.retrying(until: deadline) { try migrator.migrate(pool) }
        } catch let error as PreflightError {
            throw error
        } catch {
            throw PreflightError.history(path: path, reason: Self.describe(error))
        }
    }

    /// Creates the directory that will hold the database at `path`, before recording into it.
    private static func createDirectory(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw PreflightError.history(path: path, reason: "\(directory) is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PreflightError.history(path: path, reason: "cannot create its directory \(directory): \(error.localizedDescription)")
        }
    }

    public func append(_ record: HistoryRecord) throws -> Int64 {
        try guarded {
            try Self.retrying(until: Date().addingTimeInterval(timeout)) {
                try pool.write { db in
                    try db.execute(sql: """
                        INSERT INTO evaluation (model, version, commitSHA, branch, time, rubricID, rubricHash, final, total,
                                                maxTotal, decision, rawDecision, reasons, policy, tool, attestation)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [record.model, record.version, record.commit, record.branch,
                                         record.time.timeIntervalSince1970, record.rubricID, record.rubricHash, record.final,
                                         record.total, record.maxTotal, record.decision.rawValue, record.rawDecision.rawValue,
                                         try Self.json(record.reasons), try Self.json(record.policy), record.tool, record.attestation])
                    let id = db.lastInsertedRowID
                    for (position, section) in record.sections.enumerated() {
                        try db.execute(sql: "INSERT INTO sectionScore VALUES (?, ?, ?, ?, ?, ?)",
                                       arguments: [id, section.id, position, section.title, section.points, section.maxPoints])
                    }
                    let insertItem = try db.makeStatement(sql: "INSERT INTO itemResult VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    for (position, item) in record.items.enumerated() {
                        try insertItem.execute(arguments: [id, item.id, position, item.section, item.title, item.points,
                                                           item.maxPoints, item.outcome.rawValue, item.level?.rawValue, item.evidence])
                    }
                    return id
                }
            }
        }
    }

    public func records(model: String?, withItems: Bool, last: Int?) throws -> [HistoryRecord] {
        try guarded {
            try pool.read { db in
                let filter = model == nil ? "" : "WHERE model = ?"
                let limit = last.map { "LIMIT \(max(0, $0))" } ?? ""
                let scope = "SELECT id FROM evaluation \(filter) ORDER BY time DESC, id DESC \(limit)"
                let arguments: StatementArguments = model.map { [$0] } ?? []
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM evaluation WHERE id IN (\(scope)) ORDER BY time, id",
                                            arguments: arguments)
                return try Self.assemble(rows, db, withItems: withItems, scope: scope, arguments: arguments)
            }
        }
    }

    public func lastApprovedWithoutWaivers(model: String, excludingVersion version: String?) throws -> HistoryRecord? {
        try one(sql: """
            SELECT * FROM evaluation WHERE model = ? AND rawDecision = 'approved' AND (? IS NULL OR version IS NOT ?)
            ORDER BY time DESC, id DESC LIMIT 1
            """, arguments: [model, version, version])
    }

    /// How many passed-over versions a baseline lists.
    static let passedOverLimit = 20

    public func approvedOnlyUnderWaivers(model: String, excludingVersion version: String?,
                                         after baseline: HistoryRecord?) throws -> [HistoryRecord] {
        let time = baseline?.time.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude, id = baseline?.id ?? 0
        let scope = """
            SELECT id FROM evaluation WHERE model = ? AND decision = 'approved' AND rawDecision != 'approved'
            AND (? IS NULL OR version IS NOT ?) AND (time > ? OR (time = ? AND id > ?))
            ORDER BY time DESC, id DESC LIMIT \(Self.passedOverLimit)
            """
        let arguments: StatementArguments = [model, version, version, time, time, id]
        return try guarded {
            try pool.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM evaluation WHERE id IN (\(scope)) ORDER BY time, id",
                                            arguments: arguments)
                return try Self.assemble(rows, db, withItems: false, scope: scope, arguments: arguments)
            }
        }
    }

    public func latest(model: String, version: String) throws -> HistoryRecord? {
        try one(sql: "SELECT * FROM evaluation WHERE model = ? AND version = ? ORDER BY time DESC, id DESC LIMIT 1",
                arguments: [model, version])
    }

    /// Whether the database file is sound (`PRAGMA integrity_check`).
    public func integrityCheck() throws -> String {
        try guarded { try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" } }
    }

    private func one(sql: String, arguments: StatementArguments) throws -> HistoryRecord? {
        try guarded {
            try pool.read { db in
                guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments) else { return nil }
                let id: Int64 = row["id"]
                return try Self.assemble([row], db, withItems: true, scope: "SELECT ?", arguments: [id]).first
            }
        }
    }

    /// Builds records from evaluation rows, loading the sections (and items) of every id that `scope` selects.
    private static func assemble(_ rows: [Row], _ db: Database, withItems: Bool, scope: String,
                                 arguments: StatementArguments) throws -> [HistoryRecord] {
        var sections: [Int64: [HistoryRecord.Section]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM sectionScore WHERE evaluationID IN (\(scope)) ORDER BY evaluationID, position",
                                    arguments: arguments) {
            sections[row["evaluationID"], default: []].append(
                HistoryRecord.Section(id: row["section"], title: row["title"], points: row["points"], maxPoints: row["maxPoints"]))
        }
        var items: [Int64: [HistoryRecord.Item]] = [:]
        if withItems {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM itemResult WHERE evaluationID IN (\(scope)) ORDER BY evaluationID, position",
                                        arguments: arguments) {
                items[row["evaluationID"], default: []].append(HistoryRecord.Item(
                    id: row["item"], section: row["section"], title: row["title"], points: row["points"], maxPoints: row["maxPoints"],
                    outcome: Outcome(rawValue: row["outcome"]) ?? .error, level: (row["level"] as String?).flatMap(Level.init(rawValue:)),
                    evidence: row["evidence"]))
            }
        }
        return try rows.map { row in
            let id: Int64 = row["id"]
            return HistoryRecord(
                id: id, model: row["model"], version: row["version"], commit: row["commitSHA"], branch: row["branch"],
                time: Date(timeIntervalSince1970: row["time"]), rubricID: row["rubricID"], rubricHash: row["rubricHash"],
                final: row["final"], total: row["total"], maxTotal: row["maxTotal"],
                decision: Verdict.Decision(rawValue: row["decision"]) ?? .blocked,
                rawDecision: Verdict.Decision(rawValue: row["rawDecision"]) ?? .blocked,
                reasons: try decode([String].self, row["reasons"]), policy: try decode(Policy.self, row["policy"]),
                tool: row["tool"], sections: sections[id] ?? [], items: items[id] ?? [], attestation: row["attestation"])
        }
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// Retries a write that lost a race for the lock (SQLite answers BUSY at once when waiting could deadlock),
    /// until `deadline`.
    private static func retrying<T>(until deadline: Date, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do { return try body() } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && attempt < 5 && Date() < deadline {
                attempt += 1
                usleep(useconds_t(50_000 * attempt))
            }
        }
    }

    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PreflightError { throw error } catch {
            throw PreflightError.history(path: path, reason: Self.describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if error is FileLock.Busy { return "the database is locked by another process; nothing was recorded" }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT: return "not a readable history database (\(error.message ?? "corrupt"))"
            case .SQLITE_FULL: return "the disk is full; nothing was recorded"
            case .SQLITE_BUSY, .SQLITE_LOCKED: return "the database is locked by another process; nothing was recorded"
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return "cannot write here (\(error.message ?? "read-only"))"
            default: return error.message ?? "\(error)"
            }
        }
        return "\(error)"
    }
}

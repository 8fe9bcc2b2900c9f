import Foundation
import GRDB

/// The history in one SQLite file (GRDB), safe for several CI jobs recording at once: WAL mode, a busy timeout and
/// a retry, each record written in one transaction, and triggers that refuse to rewrite or delete a record.
public final class SQLiteHistoryStore: HistoryStore {
    public static let defaultPath = ".preflight/history.sqlite"

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
        if create { try HistoryPath.prepareForRecording(path) }
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

    /// Versioned schema migrations. Never edit a released one: add the next.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "evaluation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("model", .text).notNull()
                t.column("version", .text)
                t.column("commitSHA", .text)
                t.column("branch", .text)
                t.column("time", .double).notNull()
                t.column("rubricID", .text).notNull()
                t.column("rubricHash", .text).notNull()
                t.column("final", .double).notNull()
                t.column("total", .double).notNull()
                t.column("maxTotal", .double).notNull()
                t.column("decision", .text).notNull()
                t.column("rawDecision", .text).notNull()
                t.column("reasons", .text).notNull()
                t.column("policy", .text).notNull()
                t.column("tool", .text).notNull()
            }
            try db.create(table: "sectionScore") { t in
                t.column("evaluationID", .integer).notNull().references("evaluation")
                t.column("section", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("title", .text).notNull()
                t.column("points", .double).notNull()
                t.column("maxPoints", .double).notNull()
                t.primaryKey(["evaluationID", "section"])
            }
            try db.create(table: "itemResult") { t in
                t.column("evaluationID", .integer).notNull().references("evaluation")
                t.column("item", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("section", .text).notNull()
                t.column("title", .text).notNull()
                t.column("points", .double).notNull()
                t.column("maxPoints", .double).notNull()
                t.column("outcome", .text).notNull()
                t.column("level", .text)
                t.column("evidence", .text).notNull()
                t.primaryKey(["evaluationID", "item"])
            }
        }
        migrator.registerMigration("v2-lookups-and-append-only") { db in
            try db.create(index: "evaluationByModel", on: "evaluation", columns: ["model", "time", "id"])
            try db.create(index: "approvedByModel", on: "evaluation", columns: ["model", "decision", "time", "id"])
            for table in ["evaluation", "sectionScore", "itemResult"] {
                for action in ["UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
                        BEGIN SELECT RAISE(ABORT, 'history records are never rewritten'); END
                        """)
                }
            }
        }
        return migrator
    }

    public func append(_ record: HistoryRecord) throws -> Int64 {
        try guarded {
            try Self.retrying(until: Date().addingTimeInterval(timeout)) {
                try pool.write { db in
                    try db.execute(sql: """
                        INSERT INTO evaluation (model, version, commitSHA, branch, time, rubricID, rubricHash, final, total,
                                                maxTotal, decision, rawDecision, reasons, policy, tool)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [record.model, record.version, record.commit, record.branch,
                                         record.time.timeIntervalSince1970, record.rubricID, record.rubricHash, record.final,
                                         record.total, record.maxTotal, record.decision.rawValue, record.rawDecision.rawValue,
                                         try Self.json(record.reasons), try Self.json(record.policy), record.tool])
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
                tool: row["tool"], sections: sections[id] ?? [], items: items[id] ?? [])
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

/// An exclusive advisory lock on a file, held until released.
private struct FileLock {
    let descriptor: Int32
    struct Busy: Error {}

    /// Nil when the lock file cannot be created (a read-only location); throws when another process holds the
    /// lock past `deadline`.
    init?(path: String, until deadline: Date) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw Busy()
            }
            usleep(20_000)
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

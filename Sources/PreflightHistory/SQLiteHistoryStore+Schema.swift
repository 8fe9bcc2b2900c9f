import GRDB

extension SQLiteHistoryStore {
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
        migrator.registerMigration("v3-attestation") { db in
            try db.alter(table: "evaluation") { t in t.add(column: "attestation", .text) }
        }
        return migrator
    }
}

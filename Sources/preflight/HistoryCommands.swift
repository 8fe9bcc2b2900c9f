import ArgumentParser
import Foundation
import PreflightHistory
import PreflightKit

/// Where the history commands find the database: the same resolution as `gate` (`HistoryPath.resolve`).
struct HistoryLocation: ParsableArguments {
    @Option(help: "The history database (default: PREFLIGHT_HISTORY, else REPOSITORY's preflight.yaml history, else REPOSITORY/.preflight/history.sqlite); a relative path is relative to the current directory.")
    var history: String?

    @Option(name: [.customShort("C"), .long], help: "The model repository whose history to read.")
    var repository = "."

    @Option(help: "A preflight.yaml elsewhere than the repository root, as given to gate --config.")
    var config: String?

    var path: String {
        get throws {
            let environment = ProcessInfo.processInfo.environment
            let root = URL(fileURLWithPath: repository).standardizedFileURL.resolvingSymlinksInPath()
            let configFile = config.map { URL(fileURLWithPath: $0).standardizedFileURL }
            let configured = HistoryPath.given(flag: history, environment: environment) != nil ? nil
                : try configFile.map { try ModelConfig.load(file: $0, displayName: config) }?.history ?? ModelConfig.load(in: root).history
            return HistoryPath.resolve(flag: history, environment: environment, configured: configured,
                                       configDirectory: configFile?.deletingLastPathComponent() ?? root, repositoryRoot: root)
        }
    }

    func store() throws -> SQLiteHistoryStore { try SQLiteHistoryStore(path: try path, create: false) }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Recorded evaluations: list or export them, or import JSON reports.",
        subcommands: [HistoryListCommand.self, HistoryImportCommand.self],
        defaultSubcommand: HistoryListCommand.self
    )
}

struct HistoryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "One line per recorded evaluation: version, date, commit, section scores, final score, verdict."
    )

    @Argument(help: "The model (default: every model).")
    var model: String?

    @Option(help: "How to print the records.")
    var format: RecordFormat = .table

    /// `history --format`.
    enum RecordFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var location: HistoryLocation

    func run() throws {
        let records = try location.store().records(model: model, withItems: format == .json)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(records), as: UTF8.self))
        case .csv:
            let sectionIDs = Self.sectionIDs(records)
            print((["id", "model", "version", "time", "commit", "branch", "rubric"] + sectionIDs + ["final", "total", "decision", "rawDecision"]).joined(separator: ","))
            for record in records {
                let scores = Dictionary(record.sections.map { ($0.id, Score.format($0.points)) }, uniquingKeysWith: { a, _ in a })
                let fields = ["\(record.id ?? 0)", record.model, record.version ?? "", ISO8601DateFormatter().string(from: record.time),
                              record.commit ?? "", record.branch ?? "", record.rubricID] + sectionIDs.map { scores[$0] ?? "" }
                    + [Score.format(record.final), Score.format(record.total), record.decision.rawValue, record.rawDecision.rawValue]
                print(fields.map(Self.csv).joined(separator: ","))
            }
        case .table:
            guard !records.isEmpty else { print("no records\(model.map { " for \($0)" } ?? "")"); return }
            let sectionIDs = Self.sectionIDs(records)
            var rows = [["MODEL", "VERSION", "DATE", "COMMIT"] + sectionIDs.map { $0.uppercased() } + ["FINAL", "VERDICT"]]
            for record in records {
                let scores = Dictionary(record.sections.map { ($0.id, Score.format($0.points)) }, uniquingKeysWith: { a, _ in a })
                rows.append([record.model, record.label, CalendarDate.format(record.time), String((record.commit ?? "").prefix(10))]
                            + sectionIDs.map { scores[$0] ?? "–" } + [Score.format(record.final), Self.verdict(record)])
            }
            print(Table.render(rows))
        }
    }

    /// The decision, saying when it needed waivers: such a version is never a baseline.
    static func verdict(_ record: HistoryRecord) -> String {
        record.decision == record.rawDecision ? record.decision.rawValue : "\(record.decision.rawValue) (with waivers)"
    }

    static func sectionIDs(_ records: [HistoryRecord]) -> [String] {
        var ids: [String] = []
        for record in records { for section in record.sections where !ids.contains(section.id) { ids.append(section.id) } }
        return ids
    }

    static func csv(_ field: String) -> String {
        field.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}

struct HistoryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record evaluations from JSON reports (preflight gate --format json), one transaction each.",
        discussion: "Prints 'recorded ID FILE' as each record is committed."
    )

    @Argument(help: "JSON reports.")
    var reports: [String]

    @OptionGroup var location: HistoryLocation

    func run() throws {
        let store = try SQLiteHistoryStore(path: try location.path)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for report in reports {
            let evaluation: Evaluation
            do { evaluation = try decoder.decode(Evaluation.self, from: try Data(contentsOf: URL(fileURLWithPath: report))) } catch {
                throw PreflightError.unreadable(path: report, reason: "not a Preflight JSON report: \(error.localizedDescription)")
            }
            let id = try store.append(try HistoryRecord(evaluation))
            // Written straight to the descriptor, so a reader sees each line once its record is committed.
            FileHandle.standardOutput.write(Data("recorded \(id) \(report)\n".utf8))
        }
    }
}

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Each section's score across the recorded versions of a model, as a sparkline."
    )

    @Argument(help: "The model.")
    var model: String

    @OptionGroup var location: HistoryLocation

    func run() throws {
        let records = try location.store().records(model: model, withItems: false)
        guard !records.isEmpty else { print("no records for \(model)"); return }
        print("\(model): \(records.count) evaluations, \(records.first!.label) → \(records.last!.label)")
        var rows: [[String]] = []
        for id in HistoryListCommand.sectionIDs(records) {
            let values = records.map { $0.sections.first { $0.id == id } }
            let maximum = values.compactMap { $0?.maxPoints }.max() ?? 1
            let title = values.compactMap { $0?.title }.last ?? id
            rows.append([title, Sparkline.render(values.map { $0.map { $0.points / max(maximum, 1) } }),
                         values.compactMap { $0.map { Score.format($0.points) } }.joined(separator: " ")])
        }
        let finals = records.map(\.final)
        let top = max(finals.max() ?? 1, 1)
        let title = RubricTitle.of(id: records.last!.rubricID, repository: location.repository)
        rows.append(["Final (\(title))", Sparkline.render(finals.map { $0 / top }), finals.map(Score.format).joined(separator: " ")])
        print(Table.render(rows))
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two recorded versions of a model: scores, items gained and lost, evidence."
    )

    @Argument(help: "The model.")
    var model: String
    @Argument(help: "The earlier version.")
    var from: String
    @Argument(help: "The later version.")
    var to: String

    @OptionGroup var location: HistoryLocation

    func run() throws {
        let store = try location.store()
        guard let old = try store.latest(model: model, version: from) else {
            throw PreflightError.unknownName(kind: "\(model) version", name: from, suggestion: nil)
        }
        guard let new = try store.latest(model: model, version: to) else {
            throw PreflightError.unknownName(kind: "\(model) version", name: to, suggestion: nil)
        }
        print("\(model) \(from) → \(to)")
        print("Final score  \(Score.format(old.final)) → \(Score.format(new.final)) (\(signed(new.final - old.final)))")
        print("Verdict      \(old.decision.rawValue) → \(new.decision.rawValue)")
        var rows: [[String]] = []
        for section in new.sections {
            let before = old.sections.first { $0.id == section.id }?.points ?? 0
            rows.append(["  \(section.title)", Score.format(before), "→", Score.format(section.points), signed(section.points - before)])
        }
        print(Table.render(rows))
        let before = Dictionary(old.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let changed = new.items.filter { item in
            before[item.id].map { old in old.points != item.points || old.evidence != item.evidence } ?? true
        }
        for (title, filter) in [("Gained", { (a: Double, b: Double) in b > a }), ("Lost", { (a: Double, b: Double) in b < a }),
                                ("Evidence changed", { (a: Double, b: Double) in a == b })] {
            let items = changed.filter { filter(before[$0.id]?.points ?? 0, $0.points) }
            guard !items.isEmpty else { continue }
            print("\n\(title):")
            for item in items {
                let was = before[item.id]
                print("  \(item.id) \(item.title): \(Score.format(was?.points ?? 0)) → \(Score.format(item.points))")
                if let was, was.evidence != item.evidence { print("    was: \(was.evidence)") }
                print("    now: \(item.evidence)")
            }
        }
        if changed.isEmpty { print("\nNo item changed.") }
    }

    private func signed(_ value: Double) -> String { value > 0 ? "+\(Score.format(value))" : Score.format(value) }
}

/// Eight-level block sparklines; a missing value is a space.
enum Sparkline {
    static func render(_ values: [Double?]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        return String(values.map { value in
            guard let value else { return " " }
            return blocks[min(blocks.count - 1, max(0, Int((value * Double(blocks.count - 1)).rounded())))]
        })
    }
}

/// Left-aligned columns separated by two spaces.
enum Table {
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

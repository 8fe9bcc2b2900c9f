import Foundation

/// How a gate run uses the history: where the database is, whether to record, and what it found there.
public struct HistorySettings: Sendable {
    /// The database file; nil means preflight.yaml's `history:`, else `.preflight/history.sqlite` in the repository.
    public var path: String?
    /// Record this evaluation (`--record`, or `record: true` in preflight.yaml).
    public var record = false
    /// How long to wait for another process's lock on the database.
    public var timeout: TimeInterval = 30

    public init(path: String? = nil, record: Bool = false, timeout: TimeInterval = 30) {
        self.path = path
        self.record = record
        self.timeout = timeout
    }
}

/// A point of a model's score history, for trend charts.
public struct TrendPoint: Sendable, Codable {
    public var version: String
    public var time: Date
    public var final: Double
    public var decision: Verdict.Decision
}

/// Where this evaluation was recorded.
public struct HistoryEntry: Sendable, Codable {
    public var path: String
    public var recordID: Int64?
}

/// The history side of a gate run: the baseline and trend before the verdict, the record after it.
struct HistoryAccess {
    let path: String
    /// `path` as reports show it.
    let displayPath: String
    let record: Bool
    let model: ModelIdentity?
    let store: (any HistoryStore)?
    /// Why the history is not used, when it is not.
    var note: String?

    /// Opens the history when this run needs it. Throws (failing closed) when recording or a regression policy
    /// needs a history that cannot be read; otherwise an unreadable history is only a note.
    init(context: GateContext, settings: HistorySettings) throws {
        path = settings.path ?? context.config.history.map { Self.resolve($0, in: context.configDirectory) }
            ?? context.index.root.appendingPathComponent(SQLiteHistoryStore.defaultPath).path
        displayPath = Self.display(path, context)
        record = settings.record || context.config.record
        model = context.model
        let required = record || context.policy.comparesWithBaseline
        guard model != nil else {
            if required { throw PreflightError.invalidArgument("name the model (--model or model.name in preflight.yaml) to use its history") }
            store = nil
            return
        }
        guard record || FileManager.default.fileExists(atPath: path) else {
            store = nil
            if required { note = "no history yet at \(Self.display(path, context)): only the absolute thresholds apply" }
            return
        }
        do {
            store = try SQLiteHistoryStore(path: path, create: record, timeout: settings.timeout)
        } catch {
            if required { throw error }
            store = nil
            note = "history not used: \((error as? PreflightError)?.localizedDescription ?? "\(error)")"
                .replacingOccurrences(of: path, with: Self.display(path, context))
        }
    }

    /// The comparison with the last approved version, or why there is none.
    func baseline(for scorecard: Scorecard, rubricHash: String) throws -> BaselineComparison? {
        guard let model else { return nil }
        guard let store else { return note.map(BaselineComparison.init(note:)) }
        guard let record = try store.lastApproved(model: model.name, excludingVersion: model.version) else {
            return BaselineComparison(note: "first recorded version of \(model.name): no approved baseline, only the absolute thresholds apply")
        }
        return BaselineComparison(current: scorecard, rubricHash: rubricHash, baseline: record)
    }

    /// How many earlier evaluations a report's trend shows.
    static let trendLength = 20

    /// The latest earlier evaluations of the model, oldest first.
    func trend() throws -> [TrendPoint] {
        guard let model, let store else { return [] }
        return try store.records(model: model.name, withItems: false, last: Self.trendLength).map {
            TrendPoint(version: $0.label, time: $0.time, final: $0.final, decision: $0.decision)
        }
    }

    /// Records `evaluation` when asked to; the returned entry says where.
    func recordIfAsked(_ evaluation: Evaluation) throws -> HistoryEntry? {
        guard record, let store else { return nil }
        return HistoryEntry(path: displayPath, recordID: try store.append(HistoryRecord(evaluation)))
    }

    /// The path as reports show it: relative to the repository as the user named it when it lies inside.
    static func display(_ path: String, _ context: GateContext) -> String {
        let root = context.index.root.path + "/"
        return path.hasPrefix(root) ? GateContext.display(context.path, String(path.dropFirst(root.count))) : path
    }

    private static func resolve(_ path: String, in directory: URL) -> String {
        path.hasPrefix("/") ? path : directory.appendingPathComponent(path).path
    }
}

import Foundation

/// How a gate run uses the history: where the database is, whether to record, and what it found there.
public struct HistorySettings: Sendable {
    /// The database file (`--history`); nil means `PREFLIGHT_HISTORY` in `environment`, else preflight.yaml's
    /// `history:`, else `.preflight/history.sqlite` in the repository (see `HistoryPath.resolve`).
    public var path: String?
    /// Record this evaluation (`--record`, or `record: true` in preflight.yaml).
    public var record = false
    /// How long to wait for another process's lock on the database.
    public var timeout: TimeInterval = 30
    /// The caller's environment, for `PREFLIGHT_HISTORY`; the library never reads the process's own.
    public var environment: [String: String] = [:]
    /// Opens the store at the resolved path (`SQLiteHistoryStore.opener` from PreflightHistory, for the SQLite file).
    /// Without one the history is not used, and recording or a policy that compares with a baseline is an error.
    public var open: HistoryOpener?

    public init(path: String? = nil, record: Bool = false, timeout: TimeInterval = 30, environment: [String: String] = [:],
                open: HistoryOpener? = nil) {
        self.path = path
        self.record = record
        self.timeout = timeout
        self.environment = environment
        self.open = open
    }

    /// Opens the store at `path` with `open`; an error when there is none.
    func openStore(at path: String, create: Bool) throws -> (any HistoryStore)? {
        guard let open else {
            throw PreflightError.history(path: path, reason: "no history store to open it with (HistorySettings.open)")
        }
        return try open(path, create, timeout)
    }
}

/// A point of a model's score history, for trend charts.
public struct TrendPoint: Sendable, Codable {
    public var version: String
    public var time: Date
    public var final: Double
    public var decision: Verdict.Decision
}

/// Where this evaluation is recorded: set when recording was asked for, with its id once `Gate.record` stored it.
public struct HistoryEntry: Sendable, Codable {
    /// The database as reports show it.
    public var path: String
    /// Nil until the record is stored.
    public var recordID: Int64?
    /// The database's absolute path (not part of reports).
    public var file: String?

    enum CodingKeys: String, CodingKey { case path, recordID }

    public init(path: String, recordID: Int64? = nil, file: String? = nil) {
        self.path = path
        self.recordID = recordID
        self.file = file
    }
}

/// The history side of a gate run: the baseline and trend before the verdict, read from the store while the
/// evidence is collected (the lookups need the model, not the scores). Recording is `Gate.record`, after the
/// reports are written.
struct HistoryAccess {
    let path: String
    /// `path` as reports show it.
    let displayPath: String
    let record: Bool
    let model: ModelIdentity?
    /// Whether a store was opened (and read).
    private(set) var opened = false
    /// Why the history is not used, when it is not.
    var note: String?
    /// The last version approved without waivers, and the newer ones approved only under waivers.
    private var baselineRecord: HistoryRecord?
    private var passedOver: [HistoryRecord] = []
    /// The latest earlier evaluations of the model, oldest first.
    private(set) var trend: [TrendPoint] = []

    /// Opens the history when this run needs it and reads the baseline and trend. Throws (failing closed) when
    /// recording or a regression policy needs a history that cannot be opened; otherwise an unopenable history
    /// is only a note. A history that opens but cannot be read is an error.
    init(context: GateContext, settings: HistorySettings) throws {
        path = HistoryPath.resolve(flag: settings.path, environment: settings.environment, configured: context.config.history,
                                   configDirectory: context.configDirectory, repositoryRoot: context.index.root)
        displayPath = path.hasPrefix(context.index.root.path + "/") ? Self.display(path, context)
            : HistoryPath.given(flag: settings.path, environment: settings.environment) ?? path
        record = settings.record || context.config.record
        model = context.model
        let required = record || context.policy.comparesWithBaseline
        guard let model else {
            if required { throw PreflightError.invalidArgument("name the model (--model or model.name in preflight.yaml) to use its history") }
            return
        }
        guard settings.open != nil || required else { return }
        let store: any HistoryStore
        do {
            guard let found = try settings.openStore(at: path, create: record) else {
                if record { throw PreflightError.history(path: displayPath, reason: "the history store could not be created there") }
                if required { note = "no history yet at \(displayPath): only the absolute thresholds apply" }
                return
            }
            store = found
        } catch {
            if required { throw error }
            note = "history not used: \((error as? PreflightError)?.localizedDescription ?? "\(error)")"
                .replacingOccurrences(of: path, with: displayPath)
            return
        }
        opened = true
        baselineRecord = try store.lastApprovedWithoutWaivers(model: model.name, excludingVersion: model.version)
        passedOver = try store.approvedOnlyUnderWaivers(model: model.name, excludingVersion: model.version, after: baselineRecord)
        trend = try store.records(model: model.name, withItems: false, last: Self.trendLength).map {
            TrendPoint(version: $0.label, time: $0.time, final: $0.final, decision: $0.decision)
        }
    }

    /// The comparison with the last version approved without waivers, or why there is none.
    func baseline(for scorecard: Scorecard, rubricHash: String) -> BaselineComparison? {
        guard let model else { return nil }
        guard opened else { return note.map(BaselineComparison.init(note:)) }
        guard let baselineRecord else {
            guard !passedOver.isEmpty else {
                return BaselineComparison(note: "first recorded version of \(model.name): no approved baseline, only the absolute thresholds apply")
            }
            var comparison = BaselineComparison(note: "no version of \(model.name) was approved without waivers (\(BaselineComparison.underWaivers(passedOver.map(\.label)))): no baseline, only the absolute thresholds apply")
            comparison.approvedUnderWaivers = passedOver.map(\.label)
            return comparison
        }
        return BaselineComparison(current: scorecard, rubricHash: rubricHash, baseline: baselineRecord, passedOver: passedOver)
    }

    /// How many earlier evaluations a report's trend shows.
    static let trendLength = 20

    /// Where the evaluation is to be recorded, when it is.
    var entry: HistoryEntry? {
        guard record, opened else { return nil }
        return HistoryEntry(path: displayPath, file: path)
    }

    /// The path as reports show it: relative to the repository as the user named it when it lies inside.
    static func display(_ path: String, _ context: GateContext) -> String {
        let root = context.index.root.path + "/"
        return path.hasPrefix(root) ? GateContext.display(context.path, String(path.dropFirst(root.count))) : path
    }
}

import Foundation

/// Where evaluations are recorded. The core judges through this protocol only; the SQLite store is the
/// PreflightHistory module's `SQLiteHistoryStore`, and a shared server database can implement the same protocol
/// without touching the gate.
public protocol HistoryStore: Sendable {
    /// Appends `record` in one transaction and returns its id.
    func append(_ record: HistoryRecord) throws -> Int64
    /// Records of `model` (every model when nil), oldest first, only the newest `last` when given; with their items
    /// only when asked.
    func records(model: String?, withItems: Bool, last: Int?) throws -> [HistoryRecord]
    /// The baseline of a release: the newest record of `model` that its checks alone approved (`rawDecision`, so no
    /// waiver was needed), leaving out `version` (the release being gated), with its items.
    func lastApprovedWithoutWaivers(model: String, excludingVersion version: String?) throws -> HistoryRecord?
    /// The records of `model` approved only under waivers and newer than `baseline` (all when nil), leaving out
    /// `version`, oldest first, as summaries: the versions a baseline passes over.
    func approvedOnlyUnderWaivers(model: String, excludingVersion version: String?, after baseline: HistoryRecord?) throws -> [HistoryRecord]
    /// The newest record of `model` at `version`, with its items.
    func latest(model: String, version: String) throws -> HistoryRecord?
}

extension HistoryStore {
    public func records(model: String?, withItems: Bool) throws -> [HistoryRecord] {
        try records(model: model, withItems: withItems, last: nil)
    }
}

/// Opens the history at `path` (resolved by `HistoryPath.resolve`), creating it when `create` (the run records);
/// nil when nothing is stored there yet and `create` is false. Waiting for another process's lock gives up after
/// `timeout` seconds. Throws `PreflightError.history` when the history cannot be opened.
public typealias HistoryOpener = @Sendable (_ path: String, _ create: Bool, _ timeout: TimeInterval) throws -> (any HistoryStore)?

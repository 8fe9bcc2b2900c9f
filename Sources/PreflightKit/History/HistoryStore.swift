import Foundation

/// Where evaluations are recorded. SQLite is the default; a shared server database can implement the same protocol
/// without touching the gate.
public protocol HistoryStore: Sendable {
    /// Appends `record` in one transaction and returns its id.
    func append(_ record: HistoryRecord) throws -> Int64
    /// Records of `model` (every model when nil), oldest first, only the newest `last` when given; with their items
    /// only when asked.
    func records(model: String?, withItems: Bool, last: Int?) throws -> [HistoryRecord]
    /// The newest approved record of `model`, leaving out `version` (the release being gated), with its items.
    func lastApproved(model: String, excludingVersion version: String?) throws -> HistoryRecord?
    /// The newest record of `model` at `version`, with its items.
    func latest(model: String, version: String) throws -> HistoryRecord?
}

extension HistoryStore {
    public func records(model: String?, withItems: Bool) throws -> [HistoryRecord] {
        try records(model: model, withItems: withItems, last: nil)
    }
}

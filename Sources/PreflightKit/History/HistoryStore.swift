import Foundation

/// Where evaluations are recorded. SQLite is the default; a shared server database can implement the same protocol
/// without touching the gate.
public protocol HistoryStore: Sendable {
    /// Appends `record` in one transaction and returns its id.
    func append(_ record: HistoryRecord) throws -> Int64
    /// Records of `model` (every model when nil), oldest first; with their items only when asked.
    func records(model: String?, withItems: Bool) throws -> [HistoryRecord]
    /// The newest approved record of `model`, leaving out `version` (the release being gated), with its items.
    func lastApproved(model: String, excludingVersion version: String?) throws -> HistoryRecord?
    /// The newest record of `model` at `version`, with its items.
    func latest(model: String, version: String) throws -> HistoryRecord?
}

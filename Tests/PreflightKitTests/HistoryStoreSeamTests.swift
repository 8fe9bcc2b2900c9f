import Foundation
import Testing
@testable import PreflightKit

/// A history held in memory, implementing `HistoryStore` as a server-backed store would: the core finds baselines
/// and trends through the protocol alone.
final class InMemoryHistoryStore: HistoryStore, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [HistoryRecord] = []
    /// The paths and `create` flags the gate opened it with.
    private(set) var opened: [(path: String, create: Bool)] = []

    var opener: HistoryOpener {
        { [self] path, create, _ in
            lock.withLock { opened.append((path, create)) }
            return self
        }
    }

    func append(_ record: HistoryRecord) throws -> Int64 {
        lock.withLock {
            var record = record
            record.id = Int64(stored.count + 1)
            stored.append(record)
            return record.id!
        }
    }

    func records(model: String?, withItems: Bool, last: Int?) throws -> [HistoryRecord] {
        let records = ordered { model == nil || $0.model == model }
        return Array(records.suffix(last ?? records.count)).map { withItems ? $0 : summary($0) }
    }

    func lastApprovedWithoutWaivers(model: String, excludingVersion version: String?) throws -> HistoryRecord? {
        ordered { $0.model == model && $0.rawDecision == .approved && (version == nil || $0.version != version) }.last
    }

    func approvedOnlyUnderWaivers(model: String, excludingVersion version: String?, after baseline: HistoryRecord?) throws -> [HistoryRecord] {
        ordered { record in
            record.model == model && record.decision == .approved && record.rawDecision != .approved
                && (version == nil || record.version != version)
                && baseline.map { (record.time, record.id!) > ($0.time, $0.id!) } ?? true
        }.map(summary)
    }

    func latest(model: String, version: String) throws -> HistoryRecord? {
        ordered { $0.model == model && $0.version == version }.last
    }

    private func ordered(_ filter: (HistoryRecord) -> Bool) -> [HistoryRecord] {
        lock.withLock { stored.filter(filter).sorted { ($0.time, $0.id!) < ($1.time, $1.id!) } }
    }

    private func summary(_ record: HistoryRecord) -> HistoryRecord {
        var summary = record
        summary.items = []
        return summary
    }
}

/// The gate judges through the `HistoryStore` protocol its caller passes: no SQLite in the core.
@Suite struct HistoryStoreSeamTests {
    func repository() throws -> TemporaryDirectory { try canaryRepository() }

    func options(version: String, history: HistorySettings, policy: PolicyOverrides = PolicyOverrides()) -> GateOptions {
        var options = GateOptions()
        options.modelVersion = version
        options.now = ISO8601DateFormatter().date(from: "2026-11-18T11:06:40Z")!
        options.policy = policy
        options.history = history
        return options
    }

    @Test func baselineAndTrendComeFromTheStoreTheCallerPasses() throws {
        let repo = try repository()
        let store = InMemoryHistoryStore()
        let recording = HistorySettings(record: true, open: store.opener)
        let first = try Gate.evaluate(repository: repo.path, options: options(version: "1.0.0", history: recording))
        #expect(first.baseline?.note.contains("first recorded version of demo") == true)
        #expect(try store.records(model: "demo", withItems: false).isEmpty)   // recorded only by Gate.record
        let recorded = try Gate.record(first, history: recording)
        #expect(recorded.history?.recordID == 1)

        try FileManager.default.removeItem(atPath: repo.path + "/deploy/rollout.yaml")
        try repo.commitAll()
        let regression = PolicyOverrides(maxScoreDrop: 0, itemRegression: .block)
        let reading = HistorySettings(open: store.opener)
        let second = try Gate.evaluate(repository: repo.path, options: options(version: "1.1.0", history: reading, policy: regression))
        #expect(second.baseline?.baseline?.version == "1.0.0" && second.baseline?.baseline?.id == 1)
        #expect(second.baseline?.sections.first { $0.id == "infra" }?.delta == -1)
        #expect(second.baseline?.items.map(\.id) == ["infra-6"])
        #expect(second.verdict.decision == .blocked)
        #expect(Set(second.verdict.reasons.map(\.rule)) == [.maxScoreDrop, .itemRegression])
        #expect(second.trend.map(\.version) == ["1.0.0"] && second.trend.map(\.decision) == [.approved])
        #expect(second.history == nil)   // not recording

        let resolved = repo.url.standardizedFileURL.resolvingSymlinksInPath().path + "/" + HistoryPath.defaultPath
        #expect(store.opened.map(\.path) == [resolved, resolved, resolved])
        #expect(store.opened.map(\.create) == [true, true, false])
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.preflight"))   // nothing but the store was written
    }

    @Test func anApprovalUnderWaiversIsPassedOverThroughTheProtocol() throws {
        let repo = try repository()
        let store = InMemoryHistoryStore()
        let settings = HistorySettings(record: true, open: store.opener)
        let drop = PolicyOverrides(maxScoreDrop: 0)
        _ = try Gate.record(try Gate.evaluate(repository: repo.path, options: options(version: "1.0.0", history: settings, policy: drop)),
                            history: settings)
        try FileManager.default.removeItem(atPath: repo.path + "/deploy/rollout.yaml")
        try repo.write("readiness/waivers.yaml", """
            version: 1
            waivers:
              - { policy: maxScoreDrop, reason: pilot, approver: bob, date: 2026-11-17, expires: 2026-11-30, modelVersion: 1.1.0 }
            """)
        try repo.commitAll()
        let waived = try Gate.record(try Gate.evaluate(repository: repo.path, options: options(version: "1.1.0", history: settings, policy: drop)),
                                     history: settings)
        #expect(waived.verdict.rawDecision == .blocked && waived.verdict.decision == .approved)

        let next = try Gate.evaluate(repository: repo.path, options: options(version: "1.2.0", history: HistorySettings(open: store.opener), policy: drop))
        #expect(next.baseline?.baseline?.version == "1.0.0")
        #expect(next.baseline?.approvedUnderWaivers == ["1.1.0"])
        #expect(next.verdict.decision == .blocked)
        #expect(next.trend.map(\.version) == ["1.0.0", "1.1.0"])
    }

    /// Without a store the history is not used; a run that must record or compare fails closed.
    @Test func withoutAStoreRecordingOrComparingIsAHistoryError() throws {
        let repo = try repository()
        let plain = try Gate.evaluate(repository: repo.path, options: options(version: "1.0.0", history: HistorySettings()))
        #expect(plain.baseline == nil && plain.trend.isEmpty && plain.history == nil)
        for (settings, policy) in [(HistorySettings(record: true), PolicyOverrides()), (HistorySettings(), PolicyOverrides(maxScoreDrop: 0))] {
            #expect {
                _ = try Gate.evaluate(repository: repo.path, options: options(version: "1.0.0", history: settings, policy: policy))
            } throws: { error in
                guard case .history? = error as? PreflightError else { return false }
                return true
            }
        }
        // A store that has nothing yet: the absolute thresholds apply, and the report says so.
        let empty = HistorySettings(open: { _, _, _ in nil })
        let first = try Gate.evaluate(repository: repo.path, options: options(version: "1.0.0", history: empty, policy: PolicyOverrides(maxScoreDrop: 0)))
        #expect(first.baseline?.baseline == nil && first.baseline?.note == "no history yet at \(repo.path)/.preflight/history.sqlite: only the absolute thresholds apply")
    }
}

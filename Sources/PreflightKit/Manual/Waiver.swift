import Foundation

/// A governed exception: the gate may approve although an item or a policy rule fails, until the waiver expires.
///
/// ```yaml
/// - item: infra-7                 # or  policy: minimumScore  /  policy: sectionMinimums.monitor
///   reason: Rollback drill moved to the next sprint; manual rollback runbook reviewed
///   approver: bob@example.com
///   date: 2026-11-20
///   expires: 2026-12-04           # required, at most the policy's maxWaiverDays after date
///   modelVersion: 1.4.0           # optional: only this version of the model
/// ```
public struct Waiver: LedgerEntry, Codable, Hashable {
    static let listKey = "waivers"

    public var item: String?
    /// A policy key: `minimumScore`, `sectionMinimums.<section>`, `maxScoreDrop` (every drop) or
    /// `maxScoreDrop.<section>` (see `PolicyRule`).
    public var policy: String?
    public var reason: String
    public var approver: String
    public var date: String
    public var expires: String
    public var modelVersion: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case item, policy, reason, approver, date, expires, modelVersion }

    public init(item: String? = nil, policy: String? = nil, reason: String, approver: String, date: String,
                expires: String, modelVersion: String? = nil) {
        self.item = item
        self.policy = policy
        self.reason = reason
        self.approver = approver
        self.date = date
        self.expires = expires
        self.modelVersion = modelVersion
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        item = try container.decodeIfPresent(String.self, forKey: .item)
        policy = try container.decodeIfPresent(String.self, forKey: .policy)
        guard (item == nil) != (policy == nil) else {
            throw decoder.fail("a waiver names exactly one of 'item' or 'policy'")
        }
        reason = try container.decode(String.self, forKey: .reason)
        approver = try container.decode(String.self, forKey: .approver)
        date = try container.decode(String.self, forKey: .date)
        expires = try container.decode(String.self, forKey: .expires)
        modelVersion = try container.decodeIfPresent(String.self, forKey: .modelVersion)
        for (key, value) in [(CodingKeys.reason, reason), (.approver, approver)] where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw decoder.fail("\(key.stringValue) must not be empty", key: key)
        }
    }

    /// What the waiver exempts, as written: an item id or a policy rule.
    public var target: String { item ?? policy ?? "" }

    var fields: [(key: String, value: String)] {
        [("item", item), ("policy", policy)].compactMap { key, value in value.map { (key, $0) } }
            + [("reason", reason), ("approver", approver), ("date", date), ("expires", expires)]
            + (modelVersion.map { [("modelVersion", $0)] } ?? [])
    }
}

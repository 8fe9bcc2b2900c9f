import Foundation

/// A person's signed statement that a test was run by hand, with its results documented: the manual half point.
///
/// ```yaml
/// - item: data-2
///   summary: Ablation of all 41 features; 3 removed for no gain
///   by: alice@example.com
///   date: 2026-11-02
///   document: docs/feature-ablation-2026-11.md     # a path in the repository, or an https URL
///   expires: 2027-01-31                            # optional: the rubric's validity counts from date
///   commit: 4dc6364                                # written by `preflight attest`
/// ```
public struct Attestation: LedgerEntry, Codable, Hashable {
    static let listKey = "attestations"

    public var item: String
    /// What was done and what it showed.
    public var summary: String
    public var by: String
    public var date: String
    public var document: String
    public var expires: String?
    public var commit: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case item, summary, by, date, document, expires, commit }

    public init(item: String, summary: String, by: String, date: String, document: String, expires: String? = nil,
                commit: String? = nil) {
        self.item = item
        self.summary = summary
        self.by = by
        self.date = date
        self.document = document
        self.expires = expires
        self.commit = commit
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        item = try container.decode(String.self, forKey: .item)
        summary = try container.decode(String.self, forKey: .summary)
        by = try container.decode(String.self, forKey: .by)
        date = try container.decode(String.self, forKey: .date)
        document = try container.decode(String.self, forKey: .document)
        expires = try container.decodeIfPresent(String.self, forKey: .expires)
        commit = try container.decodeIfPresent(String.self, forKey: .commit)
        for (key, value) in [(CodingKeys.summary, summary), (.by, by), (.document, document)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw decoder.fail("\(key.stringValue) must not be empty", key: key)
        }
    }

    var fields: [(key: String, value: String)] {
        [("item", item), ("summary", summary), ("by", by), ("date", date), ("document", document)]
            + [("expires", expires), ("commit", commit)].compactMap { key, value in value.map { (key, $0) } }
    }
}

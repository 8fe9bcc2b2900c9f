import Foundation

/// One test of a rubric, with the rules that earn its levels.
public struct Item: Sendable, Decodable, Identifiable {
    public var id: String
    public var title: String
    public var why: String
    public var how: String
    /// Evidence that a system runs the test automatically and repeatedly (full points).
    public var automated: Rule?
    /// Evidence that the test was run by hand with results documented (manual points).
    public var manual: Rule?
    /// What earns each level, in plain words, for reports' headlines.
    public var counts: ItemCounts?
    public var location: SourceLocation?

    enum CodingKeys: String, CodingKey, CaseIterable { case id, title, why, how, counts, automated, manual }

    /// An item made elsewhere than in a rubric file (a model's own item in preflight.yaml).
    init(id: String, title: String, why: String, how: String, automated: Rule?, manual: Rule?, counts: ItemCounts?, location: SourceLocation?) {
        (self.id, self.title, self.why, self.how) = (id, title, why, how)
        (self.automated, self.manual, self.counts, self.location) = (automated, manual, counts, location)
    }

    /// Lowercase words and digits joined by '-', like data-1.
    static func isValidID(_ id: String) -> Bool { id.range(of: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", options: .regularExpression) != nil }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        guard Self.isValidID(id) else {
            throw decoder.fail("item id '\(id)' must be lowercase words and digits joined by '-', like data-1", key: CodingKeys.id)
        }
        title = try container.decode(String.self, forKey: .title)
        why = try container.decode(String.self, forKey: .why)
        how = try container.decode(String.self, forKey: .how)
        automated = try container.decodeIfPresent(Rule.self, forKey: .automated)
        manual = try container.decodeIfPresent(Rule.self, forKey: .manual)
        counts = try container.decodeIfPresent(ItemCounts.self, forKey: .counts)
        if counts?.automated != nil && automated == nil {
            throw decoder.fail("counts.automated describes an 'automated' rule this item does not have", key: CodingKeys.counts)
        }
        if counts?.manual != nil && manual == nil {
            throw decoder.fail("counts.manual describes a 'manual' rule this item does not have", key: CodingKeys.counts)
        }
        if automated?.acceptsAttestation == true {
            throw decoder.fail("an attestation earns only the manual level: move it from 'automated' to 'manual'", key: CodingKeys.automated)
        }
        guard automated != nil || manual != nil else {
            throw decoder.fail("item '\(id)' needs an 'automated' or a 'manual' rule, or both")
        }
        location = decoder.sourceLocation
    }
}

/// What earns an item's levels, in plain words: "a CI run that validates data with Great Expectations or pandera".
/// Reports lead with these; the probes' own messages, with their patterns and globs, are the detail.
public struct ItemCounts: Sendable, Codable, Hashable {
    public var automated: String?
    public var manual: String?
    /// Whether an attestation also earns the manual level (the rubric's manual rule accepts one).
    public var attestation = false

    /// `attestation` is set by the scorer from the rubric's rules; a report's JSON keeps it.
    enum CodingKeys: String, CodingKey, CaseIterable { case automated, manual, attestation }

    public init(automated: String? = nil, manual: String? = nil) {
        self.automated = automated
        self.manual = manual
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        automated = try container.decodeIfPresent(String.self, forKey: .automated)
        manual = try container.decodeIfPresent(String.self, forKey: .manual)
        attestation = try container.decodeIfPresent(Bool.self, forKey: .attestation) ?? false
        for (key, text) in [(CodingKeys.automated, automated), (.manual, manual)] where text?.trimmingCharacters(in: .whitespaces).isEmpty == true {
            throw decoder.fail("counts.\(key.rawValue) is empty", key: key)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(automated, forKey: .automated)
        try container.encodeIfPresent(manual, forKey: .manual)
        try container.encode(attestation, forKey: .attestation)
    }
}

/// A group of items whose points are summed, such as "Monitoring".
public struct Section: Sendable, Decodable, Identifiable {
    public var id: String
    public var title: String
    public var items: [Item]

    enum CodingKeys: String, CodingKey, CaseIterable { case id, title, items }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        let failures = decoder.errorCollector?.errors.count ?? 0
        items = try container.decodeEach(Item.self, forKey: .items, collectingInto: decoder.errorCollector)
        guard !items.isEmpty || (decoder.errorCollector?.errors.count ?? 0) > failures else {
            throw decoder.fail("section '\(id)' has no items", key: CodingKeys.items)
        }
    }
}

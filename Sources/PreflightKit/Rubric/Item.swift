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
    public var location: SourceLocation?

    enum CodingKeys: String, CodingKey, CaseIterable { case id, title, why, how, automated, manual }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        guard id.range(of: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", options: .regularExpression) != nil else {
            throw decoder.fail("item id '\(id)' must be lowercase words and digits joined by '-', like data-1", key: CodingKeys.id)
        }
        title = try container.decode(String.self, forKey: .title)
        why = try container.decode(String.self, forKey: .why)
        how = try container.decode(String.self, forKey: .how)
        automated = try container.decodeIfPresent(Rule.self, forKey: .automated)
        manual = try container.decodeIfPresent(Rule.self, forKey: .manual)
        if automated?.acceptsAttestation == true {
            throw decoder.fail("an attestation earns only the manual level: move it from 'automated' to 'manual'", key: CodingKeys.automated)
        }
        guard automated != nil || manual != nil else {
            throw decoder.fail("item '\(id)' needs an 'automated' or a 'manual' rule, or both")
        }
        location = decoder.sourceLocation
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

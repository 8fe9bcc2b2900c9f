import Foundation

/// A readiness checklist: sections of items, how they score, and the default release policy.
public struct Rubric: Sendable, Decodable {
    public static let supportedVersions = [1]

    public var version: Int
    public var id: String
    public var title: String
    public var source: String?
    public var parameters: [String: Parameter]
    public var scoring: Scoring
    public var policy: Policy
    public var sections: [Section]
    /// Where the rubric was read from, for reports (a bundled name or the path given).
    public var origin = ""
    /// A fingerprint of the rubric's text and parameter values: records scored under different rubrics differ.
    public var contentHash = ""
    /// The SHA-256 of the same content (the rubric's text, its parameters, the model's item rules).
    public var contentDigest = ""

    enum CodingKeys: String, CodingKey, CaseIterable { case version, id, title, source, parameters, scoring, policy, sections }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        guard Self.supportedVersions.contains(version) else {
            throw decoder.fail("rubric version \(version) is not supported; this Preflight reads version \(Self.supportedVersions.map(String.init).joined(separator: ", "))", key: CodingKeys.version)
        }
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        parameters = try container.decodeIfPresent([String: Parameter].self, forKey: .parameters) ?? [:]
        scoring = try container.decode(Scoring.self, forKey: .scoring)
        let overrides = try container.decodeIfPresent(PolicyOverrides.self, forKey: .policy) ?? PolicyOverrides()
        policy = Policy().merged(with: overrides)
        sections = try container.decodeEach(Section.self, forKey: .sections, collectingInto: decoder.errorCollector)
        guard !decoder.hasCollectedErrors else { return }
        guard !sections.isEmpty else { throw decoder.fail("a rubric needs at least one section", key: CodingKeys.sections) }
        try checkUniqueIDs(decoder)
        try checkPolicyNames(overrides, at: decoder.codingPath + [CodingKeys.policy])
    }

    /// All items in rubric order.
    public var items: [Item] { sections.flatMap(\.items) }

    public func item(_ id: String) -> Item? { items.first { $0.id == id } }

    public func section(of itemID: String) -> Section? { sections.first { $0.items.contains { $0.id == itemID } } }

    /// Throws when a layer of policy names a section or item this rubric lacks, located at `path` + its key.
    func checkPolicyNames(_ overrides: PolicyOverrides, at path: [any CodingKey]) throws {
        let sectionIDs = sections.map(\.id), itemIDs = items.map(\.id)
        for field in PolicyField.all { try field.checkNames(in: overrides, sections: sectionIDs, items: itemIDs, at: path) }
    }

    private func checkUniqueIDs(_ decoder: any Decoder) throws {
        var seenSections: [String: Int] = [:], seenItems: [String: String] = [:]
        for (s, section) in sections.enumerated() {
            let sectionPath = decoder.codingPath + [CodingKeys.sections, AnyKey(intValue: s)]
            if seenSections[section.id] != nil {
                throw FieldError(codingPath: sectionPath + [AnyKey(stringValue: "id")], message: "duplicate section id '\(section.id)'")
            }
            seenSections[section.id] = s
            for (i, item) in section.items.enumerated() {
                if let first = seenItems[item.id] {
                    throw FieldError(codingPath: sectionPath + [AnyKey(stringValue: "items"), AnyKey(intValue: i), AnyKey(stringValue: "id")],
                                     message: "duplicate item id '\(item.id)' (first defined in section '\(first)')")
                }
                seenItems[item.id] = section.id
            }
        }
    }
}

/// A key path present in structured files (YAML, JSON, TOML), optionally with a value matching a pattern.
///
/// ```yaml
/// key: spec.strategy.canary        # `*` stands for any key or any list element
/// in: ["**/*.y*ml"]
/// matches: "^[0-9]+$"              # optional: a scalar at that path must match
/// ```
public struct KeyProbe: Sendable, Hashable, Decodable {
    public var key: KeyPath
    public var files: GlobSet
    public var matches: Pattern?

    enum CodingKeys: String, CodingKey, CaseIterable { case key, `in`, matches }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .key)
        guard let path = KeyPath(text) else {
            throw decoder.fail("'\(text)' is not a key path like spec.strategy.canary", key: CodingKeys.key)
        }
        key = path
        files = try container.decodeGlobs(forKey: .in, parameters: decoder.parameters)
        matches = try container.decodePattern(forKey: .matches)
    }
}

/// A dotted path into a structured document; `*` matches any key or element, a number an element.
public struct KeyPath: Sendable, Hashable, CustomStringConvertible {
    public let segments: [String]

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { return nil }
        segments = parts
    }

    public var description: String { segments.joined(separator: ".") }
}

/// A key path present in structured files (YAML, JSON, TOML), optionally with a value matching a pattern.
///
/// ```yaml
/// key: spec.strategy.canary        # `*` stands for any key or any list element
/// in: ["**/*.y*ml"]
/// matches: "^[0-9]+$"              # optional: a scalar at that path must match
/// ```
public struct KeyProbe: ProbeKind {
    public static let name = "key"
    public static let selector = "key"
    public static let documentation = ProbeDocumentation(
        examples: [#"key: spec.strategy.canary, in: ["**/*.yaml"], matches: "…""#],
        holdsWhen: "a key path (`*` for any key) exists in YAML (every document of a stream), JSON or TOML",
        remedy: "declare the setting in a configuration file the globs select; a file that cannot be parsed is an error")

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

    public var summary: String {
        "key \(key)\(matches.map { " matching /\($0)/" } ?? "") in \(files)"
    }

    public func declareNeeds(into plan: inout EvidencePlan) { plan.parseKeys(in: files, for: key) }
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

    /// Whether every name of at least one of `keys` (literal names, `*` left out) occurs in `text`: a file that
    /// mentions none cannot hold any of them, so it need not be parsed.
    static func mayOccur(_ keys: [[String]], in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            keys.contains { names in
                names.allSatisfy { name in
                    var name = name
                    return name.withUTF8 { LiteralPrefilter.contains(bytes, $0) }
                }
            }
        }
    }
}

/// Lines matching a pattern in the tracked files that globs select.
///
/// ```yaml
/// files: [$tests]
/// contains: "import pandera"
/// atLeast: 1          # matching lines
/// ```
public struct ContentProbe: ProbeKind {
    public static let name = "content"
    public static let selector = "files"
    public static func claims(_ keys: Set<String>) -> Bool { keys.contains("files") && keys.contains("contains") }
    public static let documentation = ProbeDocumentation(
        examples: [#"files: [$tests], contains: "import pandera""#],
        holdsWhen: "lines match a regular expression (ICU syntax, each line on its own, as grep does) in the selected files; comments, data files (CSV, parquet, …), binaries and files over 4 MiB are skipped unless `inComments: true` / `includeData: true`",
        remedy: "use the tool or practice in code the globs select; a mention in a comment or a README is not evidence")

    public var files: GlobSet
    public var contains: Pattern
    public var atLeast: Int
    /// Also search data files (CSV, parquet, …) which are skipped by default.
    public var includeData: Bool
    /// Count matches inside comments, which are ignored by default: a comment is not evidence of practice.
    public var inComments: Bool

    enum CodingKeys: String, CodingKey, CaseIterable { case files, contains, atLeast, includeData, inComments }

    public init(files: GlobSet, contains: Pattern, atLeast: Int = 1, includeData: Bool = false, inComments: Bool = false) {
        self.files = files
        self.contains = contains
        self.atLeast = atLeast
        self.includeData = includeData
        self.inComments = inComments
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        files = try container.decodeGlobs(forKey: .files, parameters: decoder.parameters)
        guard let pattern = try container.decodePattern(forKey: .contains) else {
            throw decoder.fail("contains needs a pattern", key: CodingKeys.contains)
        }
        contains = pattern
        atLeast = try container.decodeAtLeast(forKey: .atLeast, decoder)
        includeData = try container.decodeStrictBool(forKey: .includeData) ?? false
        inComments = try container.decodeStrictBool(forKey: .inComments) ?? false
    }

    /// What the content scanner has to look for; equal queries are answered once.
    public var query: ContentQuery {
        ContentQuery(files: files, pattern: contains, includeData: includeData, inComments: inComments)
    }

    public var summary: String {
        "\(atLeast > 1 ? "at least \(atLeast) " : "a ")line matching /\(contains)/ in files \(files)\(inComments ? " (comments count)" : "")"
    }

    public func declareNeeds(into plan: inout EvidencePlan) { plan.search(query) }
}

/// One content search over the repository: a pattern in the files a glob set selects.
public struct ContentQuery: Sendable, Hashable {
    public var files: GlobSet
    public var pattern: Pattern
    public var includeData: Bool
    public var inComments: Bool
}

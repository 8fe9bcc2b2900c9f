/// Tracked files matching globs (a path probe) or, with `contains`, lines in them matching a pattern (a content probe).
///
/// ```yaml
/// files: ["**/rollout*.y*ml"]
/// contains: "kind: *(Rollout|Canary)"
/// atLeast: 1          # files (path probe) or matching lines (content probe)
/// ```
public struct FileProbe: Sendable, Hashable, Decodable {
    public var files: GlobSet
    public var contains: Pattern?
    public var atLeast: Int
    /// Also search data files (CSV, parquet, …) which are skipped by default.
    public var includeData: Bool
    /// Count matches inside comments, which are ignored by default: a comment is not evidence of practice.
    public var inComments: Bool

    enum CodingKeys: String, CodingKey, CaseIterable { case files, contains, atLeast, includeData, inComments }

    public init(files: GlobSet, contains: Pattern? = nil, atLeast: Int = 1, includeData: Bool = false, inComments: Bool = false) {
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
        contains = try container.decodePattern(forKey: .contains)
        atLeast = try container.decodeIfPresent(Int.self, forKey: .atLeast) ?? 1
        guard (1...10_000).contains(atLeast) else {
            throw decoder.fail("atLeast must be between 1 and 10000, found \(atLeast)", key: CodingKeys.atLeast)
        }
        includeData = try container.decodeStrictBool(forKey: .includeData) ?? false
        inComments = try container.decodeStrictBool(forKey: .inComments) ?? false
    }

    /// What the content scanner has to look for; equal queries are answered once.
    public var contentQuery: ContentQuery? {
        contains.map { ContentQuery(files: files, pattern: $0, includeData: includeData, inComments: inComments) }
    }
}

/// One content search over the repository: a pattern in the files a glob set selects.
public struct ContentQuery: Sendable, Hashable {
    public var files: GlobSet
    public var pattern: Pattern
    public var includeData: Bool
    public var inComments: Bool
}

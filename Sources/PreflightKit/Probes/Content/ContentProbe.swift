/// Lines matching a pattern in the tracked files that globs select.
///
/// ```yaml
/// files: [$tests]
/// contains: "import pandera"
/// atLeast: 1          # matching lines
/// ```
package struct ContentProbe: ProbeKind {
    package static let name = "content"
    package static let selector = "files"
    package static func claims(_ keys: Set<String>) -> Bool { keys.contains("files") && keys.contains("contains") }
    package static let documentation = ProbeDocumentation(
        examples: [#"files: [$tests], contains: "import pandera""#],
        holdsWhen: "lines match a regular expression (ICU syntax, each line on its own, as grep does) in the selected files; comments, data files (CSV, parquet, …), binaries and files over 4 MiB are skipped unless `inComments: true` / `includeData: true`",
        remedy: "use the tool or practice in code the globs select; a mention in a comment or a README is not evidence")

    package var files: GlobSet
    package var contains: Pattern
    package var atLeast: Int
    /// Also search data files (CSV, parquet, …) which are skipped by default.
    package var includeData: Bool
    /// Count matches inside comments, which are ignored by default: a comment is not evidence of practice.
    package var inComments: Bool

    enum CodingKeys: String, CodingKey, CaseIterable { case files, contains, atLeast, includeData, inComments }

    package init(files: GlobSet, contains: Pattern, atLeast: Int = 1, includeData: Bool = false, inComments: Bool = false) {
        self.files = files
        self.contains = contains
        self.atLeast = atLeast
        self.includeData = includeData
        self.inComments = inComments
    }

    package init(from decoder: any Decoder) throws {
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
    package var query: ContentQuery {
        ContentQuery(files: files, pattern: contains, includeData: includeData, inComments: inComments)
    }

    package var summary: String {
        "\(atLeast > 1 ? "at least \(atLeast) " : "a ")line matching /\(contains)/ in files \(files)\(inComments ? " (comments count)" : "")"
    }

    package func declareNeeds(into plan: inout EvidencePlan) { plan.search(query) }
}

/// One content search over the repository: a pattern in the files a glob set selects.
package struct ContentQuery: Sendable, Hashable {
    package var files: GlobSet
    package var pattern: Pattern
    package var includeData: Bool
    package var inComments: Bool
}

/// Tracked files matching globs.
///
/// ```yaml
/// files: ["**/rollout*.y*ml"]
/// atLeast: 2          # default 1
/// ```
package struct FilesProbe: ProbeKind {
    package static let name = "files"
    package static let selector = "files"
    package static func claims(_ keys: Set<String>) -> Bool { keys.contains("files") && !keys.contains("contains") }
    package static let documentation = ProbeDocumentation(
        examples: [#"files: ["**/rollout*.y*ml"]"#],
        holdsWhen: "tracked files match (`atLeast: N`, default 1)",
        remedy: "commit the file the item looks for, at a path the globs select")

    package var files: GlobSet
    package var atLeast: Int

    enum CodingKeys: String, CodingKey, CaseIterable { case files, atLeast }

    package init(files: GlobSet, atLeast: Int = 1) {
        self.files = files
        self.atLeast = atLeast
    }

    package init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(ContentProbe.CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        files = try container.decodeGlobs(forKey: .files, parameters: decoder.parameters)
        atLeast = try container.decodeAtLeast(forKey: .atLeast, decoder)
        let present = Set(try decoder.presentKeys().map(\.stringValue))
        if let stray = [ContentProbe.CodingKeys.includeData, .inComments].first(where: { present.contains($0.stringValue) }) {
            throw decoder.fail("\(stray.stringValue) applies to a content probe: add contains", key: stray)
        }
    }

    package var summary: String {
        "\(atLeast > 1 ? "at least \(atLeast) " : "a ")tracked file matching \(files)"
    }

    package func declareNeeds(into plan: inout EvidencePlan) { plan.listFiles(files) }
}

extension KeyedDecodingContainer {
    /// `atLeast`, 1 by default, between 1 and 10000.
    func decodeAtLeast(forKey key: Key, _ decoder: any Decoder) throws -> Int {
        let atLeast = try decodeIfPresent(Int.self, forKey: key) ?? 1
        guard (1...10_000).contains(atLeast) else {
            throw decoder.fail("atLeast must be between 1 and 10000, found \(atLeast)", key: key)
        }
        return atLeast
    }
}

import Foundation

/// Some tracked file matching `files` was changed by a commit within `within` (the staleness probe).
///
/// ```yaml
/// changed: { files: ["models/**"], within: 90d }
/// ```
public struct ChangeProbe: ProbeKind {
    public static let name = "changed"
    public static let selector = "changed"
    public static let documentation = ProbeDocumentation(
        examples: [#"changed: { files: ["models/**"], within: 90d }"#],
        holdsWhen: "a matching file was committed within the window; in a shallow clone a file last seen at the boundary commit is *not available*",
        remedy: "retrain, re-validate or review the files on schedule and commit the result; a gate needs the full git history to tell")

    public var files: GlobSet
    public var within: TimeInterval

    enum CodingKeys: String, CodingKey, CaseIterable { case files, within }

    public init(from decoder: any Decoder) throws {
        let inner = try decoder.container(keyedBy: AnyKey.self).superDecoder(forKey: AnyKey(stringValue: "changed"))
        try decoder.rejectUnknownKeys(Only.self)
        try inner.rejectUnknownKeys(CodingKeys.self)
        let container = try inner.container(keyedBy: CodingKeys.self)
        files = try container.decodeGlobs(forKey: .files, parameters: decoder.parameters)
        guard let within = try container.decodeDuration(forKey: .within) else {
            throw inner.fail("missing required key 'within'")
        }
        self.within = within
    }

    private enum Only: String, CodingKey, CaseIterable { case changed }

    public var summary: String { "a file matching \(files) changed within \(Durations.render(within))" }

    public func declareNeeds(into plan: inout EvidencePlan) {
        plan.listFiles(files)
        plan.ask(GitHistorySource.self, .init(within))
    }
}

import Foundation

/// Some tracked file matching `files` was changed by a commit within `within` (the staleness probe).
///
/// ```yaml
/// changed: { files: ["models/**"], within: 90d }
/// ```
package struct ChangeProbe: ProbeKind {
    package static let name = "changed"
    package static let selector = "changed"
    package static let documentation = ProbeDocumentation(
        examples: [#"changed: { files: ["models/**"], within: 90d }"#],
        holdsWhen: "a matching file was committed within the window; in a shallow clone a file last seen at the boundary commit is *not available*",
        remedy: "retrain, re-validate or review the files on schedule and commit the result; a gate needs the full git history to tell")

    package var files: GlobSet
    package var within: TimeInterval

    enum CodingKeys: String, CodingKey, CaseIterable { case files, within }

    package init(from decoder: any Decoder) throws {
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

    package var summary: String { "a file matching \(files) changed within \(Durations.render(within))" }

    package func declareNeeds(into plan: inout EvidencePlan) {
        plan.listFiles(files)
        plan.ask(GitHistorySource.self, .init(within))
    }
}

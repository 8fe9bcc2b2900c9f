/// Every tracked file matching the globs has an owner in CODEOWNERS (and at least one file matches).
///
/// ```yaml
/// owners: ["src/model/**"]
/// ```
package struct OwnersProbe: ProbeKind {
    package static let name = "owners"
    package static let selector = "owners"
    package static let documentation = ProbeDocumentation(
        examples: [#"owners: ["src/**"]"#],
        holdsWhen: "CODEOWNERS gives every matching file an owner",
        remedy: "add CODEOWNERS lines that name an owner for every matching file")

    package var files: GlobSet

    enum CodingKeys: String, CodingKey, CaseIterable { case owners }

    package init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        files = try decoder.container(keyedBy: CodingKeys.self).decodeGlobs(forKey: .owners, parameters: decoder.parameters)
    }

    package var summary: String { "CODEOWNERS names an owner for every file matching \(files)" }

    package func declareNeeds(into plan: inout EvidencePlan) { plan.checkOwners(files) }
}

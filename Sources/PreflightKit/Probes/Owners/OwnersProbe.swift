/// Every tracked file matching the globs has an owner in CODEOWNERS (and at least one file matches).
///
/// ```yaml
/// owners: ["src/model/**"]
/// ```
public struct OwnersProbe: ProbeKind {
    public static let name = "owners"
    public static let selector = "owners"
    public static let documentation = ProbeDocumentation(
        examples: [#"owners: ["src/**"]"#],
        holdsWhen: "CODEOWNERS gives every matching file an owner",
        remedy: "add CODEOWNERS lines that name an owner for every matching file")

    public var files: GlobSet

    enum CodingKeys: String, CodingKey, CaseIterable { case owners }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        files = try decoder.container(keyedBy: CodingKeys.self).decodeGlobs(forKey: .owners, parameters: decoder.parameters)
    }

    public var summary: String { "CODEOWNERS names an owner for every file matching \(files)" }

    public func declareNeeds(into plan: inout EvidencePlan) { plan.checkOwners(files) }
}

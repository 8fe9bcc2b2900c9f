/// A key path present in structured files (YAML, JSON, TOML, Terraform HCL), optionally with a value matching a
/// pattern. A Terraform block is its type, then a key per label, then its body: `resource.TYPE.NAME.attribute`.
///
/// ```yaml
/// key: spec.strategy.canary        # `*` stands for any key or any list element
/// in: ["**/*.y*ml"]
/// matches: "^[0-9]+$"              # optional: a scalar at that path must match
/// deployed: true                    # optional: only in files a CI pipeline deploys (kubectl, helm, terraform, …)
/// ```
package struct KeyProbe: ProbeKind {
    package static let name = "key"
    package static let selector = "key"
    package static let documentation = ProbeDocumentation(
        examples: [#"key: spec.strategy.canary, in: ["**/*.yaml"], matches: "…""#],
        holdsWhen: "a key path (`*` for any key) exists in YAML (every document of a stream), JSON, TOML or Terraform HCL (a block is its type, its labels, its body: `resource.TYPE.NAME.attribute`); with `deployed: true`, in a file a CI pipeline deploys (`kubectl apply -f`, `-k`, `kustomize build`, `helm install|upgrade` of a local chart, `terraform apply`, `aws cloudformation deploy`, `sam deploy`)",
        remedy: "declare the setting in a configuration file the globs select; a file that cannot be parsed is an error")

    package var key: KeyPath
    package var files: GlobSet
    package var matches: Pattern?
    /// Whether only files a CI pipeline deploys count.
    package var deployed = false

    enum CodingKeys: String, CodingKey, CaseIterable { case key, `in`, matches, deployed }

    package init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .key)
        guard let path = KeyPath(text) else {
            throw decoder.fail("'\(text)' is not a key path like spec.strategy.canary", key: CodingKeys.key)
        }
        key = path
        files = try container.decodeGlobs(forKey: .in, parameters: decoder.parameters)
        matches = try container.decodePattern(forKey: .matches)
        deployed = try container.decodeStrictBool(forKey: .deployed) ?? false
    }

    package var summary: String {
        "key \(key)\(matches.map { " matching /\($0)/" } ?? "") in \(files)\(deployed ? " that a CI pipeline deploys" : "")"
    }

    package func declareNeeds(into plan: inout EvidencePlan) {
        plan.parseKeys(in: files, for: key)
        if deployed { plan.readDeployments() }
    }
}

/// A dotted path into a structured document; `*` matches any key or element, a number an element.
package struct KeyPath: Sendable, Hashable, CustomStringConvertible {
    package let segments: [String]

    package init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { return nil }
        segments = parts
    }

    package var description: String { segments.joined(separator: ".") }

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

/// A question about the repository's CI pipelines; every condition given must hold for one pipeline.
///
/// ```yaml
/// ci: { step: "pytest", pullRequest: true }
/// ci: { step: "great_expectations|gx checkpoint", scheduled: true, system: github-actions }
/// ```
package struct CIProbe: ProbeKind {
    package static let name = "ci"
    package static let selector = "ci"
    package static let documentation = ProbeDocumentation(
        examples: [#"ci: { step: "pytest", pullRequest: true, scheduled: true, system: gitlab }"#],
        holdsWhen: "one pipeline meets every condition",
        remedy: "run the check in a CI pipeline (on pull requests, or on a schedule, as the item asks)")

    /// A pattern one step (command, action, task or image) must match.
    package var step: Pattern?
    package var scheduled: Bool?
    package var pullRequest: Bool?
    package var system: CISystem?

    enum CodingKeys: String, CodingKey, CaseIterable { case step, scheduled, pullRequest, system }

    package init(step: Pattern? = nil, scheduled: Bool? = nil, pullRequest: Bool? = nil, system: CISystem? = nil) {
        self.step = step
        self.scheduled = scheduled
        self.pullRequest = pullRequest
        self.system = system
    }

    package init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: AnyKey.self)
        let inner = try outer.superDecoder(forKey: AnyKey(stringValue: "ci"))
        try decoder.rejectUnknownKeys(OnlyCI.self)
        try inner.rejectUnknownKeys(CodingKeys.self)
        let container = try inner.container(keyedBy: CodingKeys.self)
        step = try container.decodePattern(forKey: .step)
        scheduled = try container.decodeStrictBool(forKey: .scheduled)
        pullRequest = try container.decodeStrictBool(forKey: .pullRequest)
        if let name = try container.decodeIfPresent(String.self, forKey: .system) {
            guard let known = CISystem.named(name) else {
                let names = CISystem.allCases.map(\.rawValue)
                let hint = Suggestion.closest(to: name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
                throw inner.fail("unknown CI system '\(name)'\(hint); known: \(names.joined(separator: ", "))", key: CodingKeys.system)
            }
            system = known
        }
        guard step != nil || scheduled != nil || pullRequest != nil else {
            throw inner.fail("a ci probe needs at least one of step, scheduled, pullRequest")
        }
    }

    private enum OnlyCI: String, CodingKey, CaseIterable { case ci }

    /// The conditions, in words: "runs a step matching /pytest/, on pull requests".
    var conditions: [String] {
        var parts: [String] = []
        if let step { parts.append("runs a step matching /\(step)/") }
        if let scheduled { parts.append(scheduled ? "on a schedule" : "not on a schedule") }
        if let pullRequest { parts.append(pullRequest ? "on pull requests" : "not on pull requests") }
        return parts
    }

    package var summary: String { "a \(system?.rawValue ?? "CI") pipeline that \(conditions.joined(separator: ", "))" }

    package func declareNeeds(into plan: inout EvidencePlan) { plan.readPipelines() }
}

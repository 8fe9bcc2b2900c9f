/// One kind of probe: a question a rubric can ask of the evidence. A kind is one unit: its definition and decoding,
/// its documentation, the evidence it needs and its judge live side by side in `Probes/<Kind>/`, and it is
/// registered once, in `ProbeKinds.all`. Nothing else switches over kinds.
package protocol ProbeKind: Sendable, Hashable, Decodable {
    /// The name reports give the kind (`files`, `content`, `key`, …). Never changes once released.
    static var name: String { get }
    /// The rubric key that introduces the kind (`files`, `key`, `ci`, …).
    static var selector: String { get }
    /// Whether a rule mapping written with these keys is of this kind; by default, whether it has `selector`.
    static func claims(_ keys: Set<String>) -> Bool
    /// What it checks, what counts as evidence, and how to fix a miss: for `preflight explain`, `preflight probes`
    /// and the README.
    static var documentation: ProbeDocumentation { get }
    /// Whether it records work done by hand: it may then earn only the manual level and cannot be negated.
    static var isManualRecord: Bool { get }

    /// One sentence saying what this probe looks for.
    var summary: String { get }
    /// Declares what the evidence collection must gather for this probe.
    func declareNeeds(into plan: inout EvidencePlan)
    /// Judges the gathered evidence. Pure: no I/O, nothing gathered here.
    func judge(_ judge: RuleEvaluator) -> Finding
}

extension ProbeKind {
    package static func claims(_ keys: Set<String>) -> Bool { keys.contains(selector) }
    package static var isManualRecord: Bool { false }
}

/// A probe kind's documentation, written once beside its code.
package struct ProbeDocumentation: Sendable {
    /// Rubric snippets, each one probe as written in YAML.
    package var examples: [String]
    /// When the probe holds, in one or two sentences.
    package var holdsWhen: String
    /// What a team does when it does not hold.
    package var remedy: String

    package init(examples: [String], holdsWhen: String, remedy: String) {
        self.examples = examples
        self.holdsWhen = holdsWhen
        self.remedy = remedy
    }
}

/// The registry: every probe kind, in the order their selectors are listed to rubric writers.
package enum ProbeKinds {
    package static let all: [any ProbeKind.Type] = [
        FilesProbe.self,
        ContentProbe.self,
        ImportsProbe.self,
        CallsProbe.self,
        KeyProbe.self,
        AlertsProbe.self,
        CIProbe.self,
        ChangeProbe.self,
        OwnersProbe.self,
        PrometheusProbe.self,
        PlanProbe.self,
        ReportProbe.self,
        AttestationProbe.self,
    ]

    /// The rubric keys that introduce a probe, each once.
    static var selectors: [String] {
        var seen: [String] = []
        for kind in all where !seen.contains(kind.selector) { seen.append(kind.selector) }
        return seen
    }

}

/// The closed set of results a rule or an item can have. Only `satisfied` earns points.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    case satisfied
    case unsatisfied
    /// The source was there but had no data to decide on.
    case notAvailable = "not-available"
    /// The team declared the item not applicable (preflight.yaml `skip`).
    case notApplicable = "not-applicable"
    /// The source could not be read or understood: never a pass.
    case error
}

/// One piece of proof a reviewer can check by hand: a file and line, and what was found there.
public struct Proof: Sendable, Hashable, Codable, CustomStringConvertible {
    public var path: String?
    public var line: Int?
    public var text: String?

    public init(path: String? = nil, line: Int? = nil, text: String? = nil) {
        self.path = path
        self.line = line
        self.text = text
    }

    public var description: String {
        let place = [path, line.map(String.init)].compactMap { $0 }.joined(separator: ":")
        switch (place.isEmpty, text) {
        case (false, let text?): return "\(place): \(text)"
        case (false, nil): return place
        case (true, let text?): return text
        case (true, nil): return ""
        }
    }
}

/// The result of evaluating one rule, with its proof and, for all/any/not, its parts.
public struct Finding: Sendable, Codable {
    public var outcome: Outcome
    /// The probe kind (a name in `ProbeKinds.all`, such as `files` or `content`) or `all`/`any`/`not`.
    public var probe: String
    public var message: String
    public var proofs: [Proof]
    public var children: [Finding]
    /// Where the rule is written in the rubric.
    public var location: SourceLocation?

    public init(outcome: Outcome, probe: String, message: String, proofs: [Proof] = [], children: [Finding] = [],
                location: SourceLocation? = nil) {
        self.outcome = outcome
        self.probe = probe
        self.message = message
        self.proofs = proofs
        self.children = children
        self.location = location
    }

    /// Proofs of the satisfied parts of this finding, depth first.
    public var satisfiedProofs: [Proof] {
        guard outcome == .satisfied else { return [] }
        return proofs + children.flatMap(\.satisfiedProofs)
    }

    /// Messages of the leaves that ended in `outcome`, depth first, each once (two probes of one source that could
    /// not be asked say the same).
    public func leafMessages(with outcome: Outcome) -> [String] {
        var seen = Set<String>()
        return allLeafMessages(with: outcome).filter { seen.insert($0).inserted }
    }

    private func allLeafMessages(with outcome: Outcome) -> [String] {
        if children.isEmpty { return self.outcome == outcome ? [message] : [] }
        return children.flatMap { $0.allLeafMessages(with: outcome) }
    }
}

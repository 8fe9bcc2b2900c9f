/// An evidence rule: probes combined with `all`, `any` and `not`.
public indirect enum Rule: Sendable, Decodable {
    case all([Rule])
    case any([Rule])
    case not(Rule)
    case probe(Probe, SourceLocation?)

    private enum Combinator: String, CodingKey, CaseIterable { case all, any, not }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.presentKeys().map(\.stringValue)
        let combinators = Combinator.allCases.filter { keys.contains($0.rawValue) }
        if let combinator = combinators.first {
            try decoder.rejectUnknownKeys(Combinator.self)
            guard combinators.count == 1 else {
                throw decoder.fail("a rule has one of all, any or not, found \(combinators.map(\.rawValue).joined(separator: " and "))")
            }
            let container = try decoder.container(keyedBy: Combinator.self)
            switch combinator {
            case .all, .any:
                let rules = try container.decode([Rule].self, forKey: combinator)
                guard !rules.isEmpty else { throw decoder.fail("'\(combinator.rawValue)' needs at least one rule", key: combinator) }
                self = combinator == .all ? .all(rules) : .any(rules)
            case .not:
                let inner = try container.decode(Rule.self, forKey: .not)
                if case .probe(let probe, _) = inner, probe.isManualRecord {
                    throw decoder.fail("'not' cannot wrap an attestation: absence of evidence is not evidence", key: Combinator.not)
                }
                self = .not(inner)
            }
            return
        }
        self = .probe(try Probe(from: decoder), decoder.sourceLocation)
    }

    /// Every probe in this rule, depth first.
    public var probes: [Probe] {
        switch self {
        case .all(let rules), .any(let rules): return rules.flatMap(\.probes)
        case .not(let rule): return rule.probes
        case .probe(let probe, _): return [probe]
        }
    }

    /// Whether an attestation can satisfy some part of this rule.
    public var acceptsAttestation: Bool {
        probes.contains(where: \.isManualRecord)
    }
}

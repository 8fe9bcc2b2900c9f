/// A leaf of a rule: one question asked of the evidence, of one of the kinds in `ProbeKinds.all`.
public struct Probe: Sendable, Hashable, Decodable {
    /// The probe itself.
    package let base: any ProbeKind

    package init(_ base: some ProbeKind) { self.base = base }

    /// The probe kind as reports name it (`files`, `content`, `key`, …).
    public var kind: String { type(of: base).name }

    /// One sentence saying what the probe looks for.
    public var summary: String { base.summary }

    /// The probe as `Kind`, when it is of that kind.
    package func `as`<Kind: ProbeKind>(_: Kind.Type) -> Kind? { base as? Kind }

    /// Whether it records work done by hand (an attestation).
    public var isManualRecord: Bool { type(of: base).isManualRecord }

    public init(from decoder: any Decoder) throws {
        let keys = Set(try decoder.presentKeys().map(\.stringValue))
        let kinds = ProbeKinds.all.filter { $0.claims(keys) }
        guard kinds.count == 1, let kind = kinds.first else {
            let selectors = ProbeKinds.selectors
            if kinds.count > 1 {
                let found = selectors.filter(keys.contains)
                throw decoder.fail("a probe has one kind, found \(found.joined(separator: " and ")); combine them with all/any")
            }
            let guess = keys.sorted().lazy.compactMap { Suggestion.closest(to: $0, in: selectors + ["all", "any", "not"]) }.first
            let hint = guess.map { " (did you mean '\($0)'?)" } ?? ""
            throw decoder.fail("a rule needs one of all, any, not, \(selectors.joined(separator: ", "))\(hint)")
        }
        base = try kind.init(from: decoder)
    }

    public static func == (lhs: Probe, rhs: Probe) -> Bool { AnyHashable(lhs.base) == AnyHashable(rhs.base) }

    public func hash(into hasher: inout Hasher) { hasher.combine(AnyHashable(base)) }
}

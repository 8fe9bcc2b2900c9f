/// The repository's attestation ledger, read and checked (documents included) while the files are read.
public struct AttestationsSource: EvidenceSource {
    /// The one thing to ask: the ledger.
    public enum Request: Hashable, Sendable { case ledger }

    public let load: @Sendable () -> AttestationLedger

    /// A source that reads the ledger with `load`.
    public init(_ load: @escaping @Sendable () -> AttestationLedger) { self.load = load }

    public var display: String { "attestations" }

    public func answer(_ requests: [Request]) -> [Request: AttestationLedger] {
        requests.isEmpty ? [:] : [.ledger: load()]
    }
}

/// The repository's waiver ledger, read and checked while the files are read; the verdict uses it.
public struct WaiversSource: EvidenceSource {
    public enum Request: Hashable, Sendable { case ledger }

    public let load: @Sendable () -> WaiverLedger

    public init(_ load: @escaping @Sendable () -> WaiverLedger) { self.load = load }

    public var display: String { "waivers" }

    public func answer(_ requests: [Request]) -> [Request: WaiverLedger] {
        requests.isEmpty ? [:] : [.ledger: load()]
    }
}

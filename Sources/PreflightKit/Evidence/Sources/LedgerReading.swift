/// A ledger of the repository (attestations, waivers), read and checked while the files are read.
public struct LedgerReading<Ledger: Sendable>: EvidenceSource {
    /// The one thing to ask: the ledger.
    public enum Request: Hashable, Sendable { case ledger }

    public let display: String
    public let load: @Sendable () -> Ledger

    /// A source that reads the ledger with `load`.
    public init(_ display: String, _ load: @escaping @Sendable () -> Ledger) {
        self.display = display
        self.load = load
    }

    public func answer(_ requests: [Request]) -> [Request: Ledger] {
        requests.isEmpty ? [:] : [.ledger: load()]
    }
}

/// The attestations, which attestation probes judge.
public typealias AttestationsSource = LedgerReading<AttestationLedger>
/// The waivers, which the verdict applies.
public typealias WaiversSource = LedgerReading<WaiverLedger>

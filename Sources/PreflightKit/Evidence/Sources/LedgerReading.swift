/// A ledger of the repository (attestations, waivers), read and checked while the files are read.
package struct LedgerReading<Ledger: Sendable>: EvidenceSource {
    /// The one thing to ask: the ledger.
    package enum Request: Hashable, Sendable { case ledger }

    package let display: String
    package let load: @Sendable () -> Ledger

    /// A source that reads the ledger with `load`.
    package init(_ display: String, _ load: @escaping @Sendable () -> Ledger) {
        self.display = display
        self.load = load
    }

    package func answer(_ requests: [Request]) -> [Request: Ledger] {
        requests.isEmpty ? [:] : [.ledger: load()]
    }
}

/// The attestations, which attestation probes judge.
package typealias AttestationsSource = LedgerReading<AttestationLedger>
/// The waivers, which the verdict applies.
package typealias WaiversSource = LedgerReading<WaiverLedger>

import Foundation

/// The attestations and waivers the gate read, with their states, for reviewers.
public struct ManualRecords: Sendable, Codable {
    public var attestationsFile: String
    public var attestations: [AttestationLedger.Entry]
    public var waiversFile: String
    public var waivers: [WaiverLedger.Entry]
    /// Malformed entries and unusable files, as located messages: none of them counted.
    public var problems: [String]

    init(attestations: AttestationLedger, waivers: WaiverLedger) {
        attestationsFile = attestations.file
        self.attestations = attestations.entries
        waiversFile = waivers.file
        self.waivers = waivers.entries
        problems = ([attestations.failure, waivers.failure].compactMap { $0?.localizedDescription })
            + attestations.problems.map(\.message) + waivers.problems.map(\.message)
    }
}

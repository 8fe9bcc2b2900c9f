/// A valid manual attestation for the item earns its manual level (`attestation: true`).
package struct AttestationProbe: ProbeKind {
    package static let name = "attestation"
    package static let selector = "attestation"
    package static let isManualRecord = true
    package static let documentation = ProbeDocumentation(
        examples: ["attestation: true"],
        holdsWhen: "a valid attestation names the item (only in `manual` rules: it never earns the automated level)",
        remedy: "do the test by hand, document the result in the repository, and record it with `preflight attest`")

    enum CodingKeys: String, CodingKey, CaseIterable { case attestation }

    package init() {}

    package init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        guard try decoder.container(keyedBy: CodingKeys.self).decodeStrictBool(forKey: .attestation) == true else {
            throw decoder.fail("attestation takes the value true", key: CodingKeys.attestation)
        }
    }

    package var summary: String { "a signed attestation that the test was run by hand, with its results documented" }

    package func declareNeeds(into plan: inout EvidencePlan) { plan.ask(AttestationsSource.self, .ledger) }
}

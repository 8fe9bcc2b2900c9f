import PreflightKit

extension ItemResult {
    /// The item's result in plain words, from what the rubric says earns each level: "Automated: a CI run that
    /// validates data with Great Expectations." or "Not found: …; by hand: …". Nil when the rubric does not say;
    /// reports then lead with the probes' own messages.
    var headline: String? {
        guard let counts, skipReason == nil else { return nil }
        let byHand = counts.manual.map { counts.attestation ? "\($0), or an attestation" : $0 } ?? (counts.attestation ? "an attestation" : nil)
        switch level {
        case .automated?:
            return counts.automated.map { "Automated: \($0)." }
        case .manual?:
            let done = counts.manual.map { "Done by hand: \($0)." } ?? "Done by hand, attested."
            return counts.automated.map { "\(done) Not automated: \($0)." } ?? done
        case nil:
            let parts = [counts.automated.map { "Not found: \($0)" }, byHand.map { "nor by hand: \($0)" }].compactMap { $0 }
            return parts.isEmpty ? nil : parts.joined(separator: "; ") + "."
        }
    }
}

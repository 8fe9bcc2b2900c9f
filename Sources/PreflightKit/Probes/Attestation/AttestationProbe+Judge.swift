extension AttestationProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        guard let item = judge.item, let ledger = judge.evidence.answers(from: AttestationsSource.self)?[.ledger] else {
            return judge.notGathered(Self.self)
        }
        if let failure = ledger.failure {
            return Finding(outcome: .error, probe: Self.name, message: "attestations unusable: \(failure.localizedDescription)")
        }
        let mine = ledger.entries.filter { $0.attestation.item == item }
        if let valid = mine.filter({ $0.state == .valid }).max(by: { $0.expires < $1.expires }) {
            let attestation = valid.attestation
            return Finding(outcome: .satisfied, probe: Self.name,
                           message: "attested by \(attestation.by) on \(CalendarDate.format(valid.date)), valid until \(CalendarDate.format(valid.expires)): \(attestation.summary)",
                           proofs: [Proof(path: valid.location.file, line: valid.location.line, text: "document: \(attestation.document)")])
        }
        let malformed = ledger.problems.filter { $0.subject == item }
        if !malformed.isEmpty {
            return Finding(outcome: .error, probe: Self.name,
                           message: "malformed attestation, not counted: \(malformed.map(\.message).joined(separator: "; "))")
        }
        if !mine.isEmpty {
            let reasons = mine.map { "by \($0.attestation.by) at \($0.location): \($0.problem ?? "")" }
            return Finding(outcome: .unsatisfied, probe: Self.name,
                           message: "no valid attestation: \(reasons.joined(separator: "; "))",
                           proofs: mine.map { Proof(path: $0.location.file, line: $0.location.line, text: $0.problem) })
        }
        return Finding(outcome: .unsatisfied, probe: Self.name, message: "no attestation for \(item) in \(ledger.file)")
    }
}

import Foundation

/// Reading and appending the repository's attestations and waivers.
extension GateContext {
    public func attestations() -> AttestationLedger {
        AttestationLedger.load(path: config.attestations, displayName: Self.display(path, config.attestations),
                               reader: reader, tracked: index.tracks(config.attestations), rubric: rubric, now: now)
    }

    public func waivers() -> WaiverLedger {
        WaiverLedger.load(path: config.waivers, displayName: Self.display(path, config.waivers), reader: reader,
                          tracked: index.tracks(config.waivers), rubric: rubric, policy: policy, modelVersion: model?.version, now: now)
    }

    /// Who is making an entry, from git config (`user.email`, else `user.name`), for entries made without a name.
    public func gitIdentity() -> String? {
        guard index.isGit else { return nil }
        for key in ["user.email", "user.name"] {
            if let value = try? Git(directory: index.root).text(["config", key]), !value.isEmpty { return value }
        }
        return nil
    }

    /// Appends `attestation` to the ledger after checking it; refuses one that would not count today.
    @discardableResult
    public func record(_ attestation: Attestation) throws -> AttestationLedger.Entry {
        let (new, position) = try appended(attestation, to: config.attestations)
        let ledger = AttestationLedger(new, rubric: rubric, reader: reader, now: now)
        if let problem = ledger.problems.first(where: { $0.index == position }) { throw problem.error }
        guard let entry = ledger.entries.first(where: { $0.index == position }) else {
            throw PreflightError.invalidArgument("the attestation was not accepted")
        }
        if let problem = entry.problem { throw PreflightError.invalidArgument("the attestation would not count: \(problem)") }
        try LedgerWriter.write(new.document.text, to: config.attestations, root: index.root, displayName: new.document.file)
        return entry
    }

    /// Appends `waiver` to the ledger after checking it; refuses one that is malformed or already expired.
    @discardableResult
    public func record(_ waiver: Waiver) throws -> WaiverLedger.Entry {
        let (new, position) = try appended(waiver, to: config.waivers)
        let ledger = WaiverLedger(new, rubric: rubric, policy: policy, modelVersion: model?.version, now: now)
        if let problem = ledger.problems.first(where: { $0.index == position }) { throw problem.error }
        guard let entry = ledger.entries.first(where: { $0.index == position }), entry.state != .expired else {
            throw PreflightError.invalidArgument("the waiver is already expired")
        }
        try LedgerWriter.write(new.document.text, to: config.waivers, root: index.root, displayName: new.document.file)
        return entry
    }

    /// The ledger at `path` with `entry` appended, parsed and verified, and the new entry's index.
    private func appended<Entry: LedgerEntry & Equatable>(_ entry: Entry, to path: String) throws -> (LedgerFile<Entry>, Int) {
        let display = Self.display(self.path, path)
        let old: LedgerFile<Entry>?
        switch LedgerSource.parse(Entry.self, path, displayName: display, reader: reader, tracked: index.tracks(path)) {
        case .success(let parsed): old = parsed
        case .failure(let error): throw error
        }
        let text = try LedgerWriter.appending(entry, to: old?.document.text, file: display)
        let new = try LedgerFile<Entry>(text: text, file: display)
        return (new, try LedgerWriter.verify(new, old: old, entry: entry))
    }
}

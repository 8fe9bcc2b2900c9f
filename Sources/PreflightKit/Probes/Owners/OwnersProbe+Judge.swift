extension OwnersProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let evidence = judge.evidence
        let owners: CodeOwners
        switch evidence.codeOwners {
        case .success(let read)?: owners = read
        case .failure(let failure)?:
            return Finding(outcome: failure.outcome, probe: Self.name, message: "cannot read CODEOWNERS: \(failure)")
        case nil:
            return Finding(outcome: .unsatisfied, probe: Self.name,
                           message: "no CODEOWNERS file (looked in \(CodeOwners.locations.joined(separator: ", ")))")
        }
        guard let files = evidence.paths[self.files], let unowned = evidence.unowned[self.files] else { return judge.notGathered(Self.self) }
        guard !files.isEmpty else {
            return Finding(outcome: .unsatisfied, probe: Self.name, message: "no tracked file matches \(self.files)")
        }
        if !unowned.isEmpty {
            let (shown, more) = judge.limited(unowned)
            return Finding(outcome: .unsatisfied, probe: Self.name,
                           message: "\(unowned.count) of \(files.count) files matching \(self.files) have no owner in \(owners.path)\(more)",
                           proofs: shown.map { Proof(path: $0) })
        }
        let sample = owners.owners(of: files[0]).joined(separator: " ")
        return Finding(outcome: .satisfied, probe: Self.name,
                       message: "all \(files.count) files matching \(self.files) have owners in \(owners.path)",
                       proofs: [Proof(path: owners.path, text: "\(files[0]) → \(sample)")])
    }
}

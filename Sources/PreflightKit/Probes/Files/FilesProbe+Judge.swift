extension FilesProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        guard let matched = judge.evidence.paths[files] else { return judge.notGathered(Self.self) }
        let (shown, more) = judge.limited(matched)
        let proofs = shown.map { Proof(path: $0) }
        guard matched.count >= atLeast else {
            let found = matched.isEmpty ? "no tracked file matches" : "only \(matched.count) of \(atLeast) files match"
            return Finding(outcome: .unsatisfied, probe: Self.name, message: "\(found) \(files)", proofs: proofs)
        }
        return Finding(outcome: .satisfied, probe: Self.name,
                       message: "\(matched.count) file\(matched.count == 1 ? " matches" : "s match") \(files)\(more)", proofs: proofs)
    }
}

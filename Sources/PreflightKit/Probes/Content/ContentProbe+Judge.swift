extension ContentProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        guard let result = judge.evidence.content[query] else { return judge.notGathered(Self.self) }
        let shown = Array(result.matches.prefix(judge.proofLimit))
        let more = result.matchCount > shown.count ? " (\(result.matchCount - shown.count) more)" : ""
        let proofs = shown.map { Proof(path: $0.path, line: $0.line, text: $0.text) }
        let described = "/\(contains)/ in \(files)"
        if result.matchCount >= atLeast {
            return Finding(outcome: .satisfied, probe: Self.name,
                           message: "\(result.matchCount) line\(result.matchCount == 1 ? " matches" : "s match") \(described)\(more)",
                           proofs: proofs)
        }
        if !result.failures.isEmpty {
            let (failed, moreFailed) = judge.limited(result.failures.keys.sorted())
            let list = failed.map { "\($0) (\(result.failures[$0]!))" }.joined(separator: ", ")
            return Finding(outcome: judge.outcome(of: Array(result.failures.values)), probe: Self.name,
                           message: "could not read files that \(files) selects: \(list)\(moreFailed)", proofs: proofs)
        }
        let skipped = result.skipped.isEmpty ? "" : ", \(result.skipped.count) skipped as data, binary or too large"
        let found = result.matchCount == 0 ? "no line matches" : "only \(result.matchCount) of \(atLeast) lines match"
        return Finding(outcome: .unsatisfied, probe: Self.name,
                       message: "\(found) \(described) (\(result.filesSearched) files searched\(skipped))", proofs: proofs)
    }
}

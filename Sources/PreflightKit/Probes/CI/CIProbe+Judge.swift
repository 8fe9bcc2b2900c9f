extension CIProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let evidence = judge.evidence
        let pipelines = evidence.pipelines.filter { system == nil || $0.system == system }
        var wanted: [String] = []
        if let step { wanted.append("runs a step matching /\(step)/") }
        if let scheduled { wanted.append(scheduled ? "runs on a schedule" : "is not scheduled") }
        if let pullRequest { wanted.append(pullRequest ? "runs on pull requests" : "does not run on pull requests") }
        let kind = "\(system?.rawValue ?? "CI") pipeline that \(wanted.joined(separator: " and "))"
        for pipeline in pipelines {
            if let proofs = match(pipeline) {
                return Finding(outcome: .satisfied, probe: Self.name, message: "\(pipeline.path) (\(pipeline.system.rawValue)) is a \(kind)",
                               proofs: proofs)
            }
        }
        let failures = evidence.pipelineFailures.keys.sorted()
        if !failures.isEmpty {
            let list = judge.limited(failures).shown.map { "\($0) (\(evidence.pipelineFailures[$0]!))" }.joined(separator: ", ")
            return Finding(outcome: judge.outcome(of: Array(evidence.pipelineFailures.values)), probe: Self.name,
                           message: "no \(kind) found, and could not read \(list)")
        }
        let message = pipelines.isEmpty ? "no CI pipeline found; wanted a \(kind)"
            : "none of \(pipelines.count) pipelines (\(judge.limited(pipelines.map(\.path)).shown.joined(separator: ", "))) is a \(kind)"
        // What could not be followed may be why: said, but never a gate error.
        let unfollowed = step == nil ? [] : pipelines.flatMap(\.unfollowed).map(\.description)
        let note = unfollowed.isEmpty ? "" : "; \(judge.limited(unfollowed).shown.joined(separator: "; "))"
        return Finding(outcome: .unsatisfied, probe: Self.name, message: message + note)
    }

    private func match(_ pipeline: CIPipeline) -> [Proof]? {
        var proofs: [Proof] = []
        if let scheduled {
            guard pipeline.isScheduled == scheduled else { return nil }
            if let line = pipeline.scheduleLine { proofs.append(Proof(path: pipeline.path, line: line, text: "schedule")) }
        }
        if let pullRequest {
            guard pipeline.runsOnPullRequests == pullRequest else { return nil }
            if let line = pipeline.pullRequestLine { proofs.append(Proof(path: pipeline.path, line: line, text: "pull request trigger")) }
        }
        if let pattern = step {
            guard let run = pipeline.runs.first(where: { $0.role == .runs && pattern.matches($0.text) }) else { return nil }
            proofs.insert(contentsOf: run.chain, at: 0)
        }
        return proofs.isEmpty ? [Proof(path: pipeline.path)] : proofs
    }
}

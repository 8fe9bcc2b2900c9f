import Foundation

/// CI, history and ownership probes.
extension RuleEvaluator {
    func evaluateCI(_ probe: CIProbe) -> Finding {
        let pipelines = evidence.pipelines.filter { probe.system == nil || $0.system == probe.system }
        var conditions: [String] = []
        if let step = probe.step { conditions.append("runs a step matching /\(step)/") }
        if let scheduled = probe.scheduled { conditions.append(scheduled ? "runs on a schedule" : "is not scheduled") }
        if let pullRequest = probe.pullRequest { conditions.append(pullRequest ? "runs on pull requests" : "does not run on pull requests") }
        let wanted = "a \(probe.system?.rawValue ?? "CI") pipeline that \(conditions.joined(separator: " and "))"
        for pipeline in pipelines {
            if let proofs = match(pipeline, probe) {
                return Finding(outcome: .satisfied, probe: "ci", message: "\(pipeline.path) (\(pipeline.system.rawValue)) is \(wanted)",
                               proofs: proofs)
            }
        }
        let failures = evidence.pipelineFailures.keys.sorted()
        if !failures.isEmpty {
            let list = limited(failures).shown.map { "\($0) (\(evidence.pipelineFailures[$0]!))" }.joined(separator: ", ")
            return Finding(outcome: .error, probe: "ci", message: "no \(wanted) found, and could not read \(list)")
        }
        let message = pipelines.isEmpty ? "no CI pipeline found; wanted \(wanted)"
            : "none of \(pipelines.count) pipelines (\(limited(pipelines.map(\.path)).shown.joined(separator: ", "))) is \(wanted)"
        return Finding(outcome: .unsatisfied, probe: "ci", message: message)
    }

    private func match(_ pipeline: CIPipeline, _ probe: CIProbe) -> [Proof]? {
        var proofs: [Proof] = []
        if let scheduled = probe.scheduled {
            guard pipeline.isScheduled == scheduled else { return nil }
            if let line = pipeline.scheduleLine { proofs.append(Proof(path: pipeline.path, line: line, text: "schedule")) }
        }
        if let pullRequest = probe.pullRequest {
            guard pipeline.runsOnPullRequests == pullRequest else { return nil }
            if let line = pipeline.pullRequestLine { proofs.append(Proof(path: pipeline.path, line: line, text: "pull request trigger")) }
        }
        if let pattern = probe.step {
            guard let step = pipeline.steps.first(where: { pattern.matches($0.text) }) else { return nil }
            proofs.insert(Proof(path: pipeline.path, line: step.line, text: step.text), at: 0)
        }
        return proofs.isEmpty ? [Proof(path: pipeline.path)] : proofs
    }

    func evaluateChange(_ probe: ChangeProbe) -> Finding {
        let window = Durations.render(probe.within)
        guard let history = evidence.history else {
            let reason = evidence.historyFailure ?? "no history gathered"
            let outcome: Outcome = evidence.repository.isGit ? .error : .notAvailable
            return Finding(outcome: outcome, probe: "changed", message: "cannot tell when \(probe.files) changed: \(reason)")
        }
        let files = evidence.paths[probe.files] ?? evidence.repository.files.filter(probe.files.matches)
        guard !files.isEmpty else {
            return Finding(outcome: .unsatisfied, probe: "changed", message: "no tracked file matches \(probe.files)")
        }
        let since = evidence.now.addingTimeInterval(-probe.within)
        let recent = files.compactMap { file in history.lastChange[file].map { (file, $0) } }.filter { $0.1 >= since }.sorted { $0.1 > $1.1 }
        guard let newest = recent.first else {
            if let hidden = files.first(where: { (history.atShallowBoundary[$0] ?? .distantPast) >= since }) {
                return Finding(outcome: .notAvailable, probe: "changed",
                               message: "cannot tell whether \(probe.files) changed in the last \(window): \(hidden): \(GitHistory.shallowReason)")
            }
            return Finding(outcome: .unsatisfied, probe: "changed",
                           message: "none of \(files.count) files matching \(probe.files) changed in the last \(window)")
        }
        let age = Int(evidence.now.timeIntervalSince(newest.1) / 86_400)
        return Finding(outcome: .satisfied, probe: "changed",
                       message: "\(newest.0) changed \(age) day\(age == 1 ? "" : "s") ago, within \(window)",
                       proofs: [Proof(path: newest.0, text: "last commit \(ISO8601DateFormatter().string(from: newest.1))")])
    }

    func evaluateOwners(_ probe: OwnersProbe) -> Finding {
        guard let owners = evidence.codeOwners else {
            if let failure = evidence.codeOwnersFailure {
                return Finding(outcome: .error, probe: "owners", message: "cannot read CODEOWNERS: \(failure)")
            }
            return Finding(outcome: .unsatisfied, probe: "owners",
                           message: "no CODEOWNERS file (looked in \(CodeOwners.locations.joined(separator: ", ")))")
        }
        let files = evidence.paths[probe.files] ?? evidence.repository.files.filter(probe.files.matches)
        guard !files.isEmpty else {
            return Finding(outcome: .unsatisfied, probe: "owners", message: "no tracked file matches \(probe.files)")
        }
        let unowned = evidence.unowned[probe.files] ?? files.filter { owners.owners(of: $0).isEmpty }
        if !unowned.isEmpty {
            let (shown, more) = limited(unowned)
            return Finding(outcome: .unsatisfied, probe: "owners",
                           message: "\(unowned.count) of \(files.count) files matching \(probe.files) have no owner in \(owners.path)\(more)",
                           proofs: shown.map { Proof(path: $0) })
        }
        let sample = owners.owners(of: files[0]).joined(separator: " ")
        return Finding(outcome: .satisfied, probe: "owners",
                       message: "all \(files.count) files matching \(probe.files) have owners in \(owners.path)",
                       proofs: [Proof(path: owners.path, text: "\(files[0]) → \(sample)")])
    }
}

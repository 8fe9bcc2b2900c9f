extension KeyProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let evidence = judge.evidence
        guard let selected = evidence.documentPaths[files] else { return judge.notGathered(Self.self) }
        var paths = selected.filter { evidence.documents[$0] != nil }
        var deployedBy: [String: RunCommand] = [:]
        if deployed {
            guard let targets = evidence.deployments else { return judge.notGathered(Self.self) }
            for path in paths { deployedBy[path] = targets.first { $0.covers(path) }?.command }
            paths = paths.filter { deployedBy[$0] != nil }
        }
        var proofs: [Proof] = [], failures: [EvidenceFailure] = []
        for path in paths {
            switch evidence.documents[path]! {
            case .failure(let failure):
                failures.append(failure.about(path))
            case .success(let documents):
                for node in documents.flatMap({ $0.nodes(at: key.segments[...]) }) {
                    if let pattern = matches {
                        for scalar in node.scalars where pattern.matches(scalar.text) {
                            proofs.append(Proof(path: path, line: scalar.line, text: "\(key) = \(scalar.text.prefix(120))"))
                        }
                    } else {
                        let value = node.string.flatMap { $0.isEmpty ? nil : " = \($0.prefix(120))" } ?? ""
                        proofs.append(Proof(path: path, line: node.line, text: "\(key)\(value)"))
                    }
                }
            }
        }
        let condition = matches.map { " matching /\($0)/" } ?? ""
        if !proofs.isEmpty {
            let found = Set(proofs.compactMap(\.path)).count
            var (shown, more) = judge.limited(proofs)
            var how = ""
            if let path = proofs.first?.path, let command = deployedBy[path] {
                shown = command.chain + shown
                how = ", deployed by \(command.chain.first?.path ?? "CI"): \(command.text)"
            }
            return Finding(outcome: .satisfied, probe: Self.name,
                           message: "\(key)\(condition) found in \(found) of \(paths.count) files\(more)\(how)",
                           proofs: shown)
        }
        if !failures.isEmpty {
            let list = judge.limited(failures).shown.map { "\($0.subject ?? "") (\($0.reason))" }
            return Finding(outcome: judge.outcome(of: failures), probe: Self.name, message: "could not parse \(list.joined(separator: ", "))")
        }
        let which = deployed ? " that a CI pipeline deploys" : ""
        let scope = paths.isEmpty ? "no structured file matching \(files)\(which)" : "none of \(paths.count) files matching \(files)\(which) has it"
        return Finding(outcome: .unsatisfied, probe: Self.name, message: "\(key)\(condition): \(scope)")
    }
}

/// Path, content and key probes.
extension RuleEvaluator {
    func evaluatePaths(_ probe: FileProbe) -> Finding {
        let matched = evidence.paths[probe.files] ?? evidence.repository.files.filter(probe.files.matches)
        let (shown, more) = limited(matched)
        let proofs = shown.map { Proof(path: $0) }
        guard matched.count >= probe.atLeast else {
            let found = matched.isEmpty ? "no tracked file matches" : "only \(matched.count) of \(probe.atLeast) files match"
            return Finding(outcome: .unsatisfied, probe: "files", message: "\(found) \(probe.files)", proofs: proofs)
        }
        return Finding(outcome: .satisfied, probe: "files",
                       message: "\(matched.count) file\(matched.count == 1 ? " matches" : "s match") \(probe.files)\(more)", proofs: proofs)
    }

    func evaluateContent(_ probe: FileProbe) -> Finding {
        guard let query = probe.contentQuery, let result = evidence.content[query] else {
            return Finding(outcome: .error, probe: "content", message: "internal: content query was not gathered")
        }
        let shown = Array(result.matches.prefix(proofLimit))
        let more = result.matchCount > shown.count ? " (\(result.matchCount - shown.count) more)" : ""
        let proofs = shown.map { Proof(path: $0.path, line: $0.line, text: $0.text) }
        let described = "/\(query.pattern)/ in \(query.files)"
        if result.matchCount >= probe.atLeast {
            return Finding(outcome: .satisfied, probe: "content",
                           message: "\(result.matchCount) line\(result.matchCount == 1 ? " matches" : "s match") \(described)\(more)",
                           proofs: proofs)
        }
        if !result.failures.isEmpty {
            let (failed, moreFailed) = limited(result.failures.keys.sorted())
            let list = failed.map { "\($0) (\(result.failures[$0]!))" }.joined(separator: ", ")
            return Finding(outcome: .error, probe: "content",
                           message: "could not read files that \(query.files) selects: \(list)\(moreFailed)", proofs: proofs)
        }
        let skipped = result.skipped.isEmpty ? "" : ", \(result.skipped.count) skipped as data, binary or too large"
        let found = result.matchCount == 0 ? "no line matches" : "only \(result.matchCount) of \(probe.atLeast) lines match"
        return Finding(outcome: .unsatisfied, probe: "content",
                       message: "\(found) \(described) (\(result.filesSearched) files searched\(skipped))", proofs: proofs)
    }

    func evaluateKey(_ probe: KeyProbe) -> Finding {
        let paths = (evidence.documentPaths[probe.files] ?? evidence.documents.keys.filter(probe.files.matches).sorted())
            .filter { evidence.documents[$0] != nil }
        var proofs: [Proof] = [], failures: [String] = []
        for path in paths {
            switch evidence.documents[path]! {
            case .failed(let reason):
                failures.append("\(path) (\(reason))")
            case .parsed(let documents):
                for node in documents.flatMap({ $0.nodes(at: probe.key.segments[...]) }) {
                    if let pattern = probe.matches {
                        for scalar in node.scalars where pattern.matches(scalar.text) {
                            proofs.append(Proof(path: path, line: scalar.line, text: "\(probe.key) = \(scalar.text.prefix(120))"))
                        }
                    } else {
                        let value = node.string.map { " = \($0.prefix(120))" } ?? ""
                        proofs.append(Proof(path: path, line: node.line, text: "\(probe.key)\(value)"))
                    }
                }
            }
        }
        let condition = probe.matches.map { " matching /\($0)/" } ?? ""
        if !proofs.isEmpty {
            let (shown, more) = limited(proofs)
            return Finding(outcome: .satisfied, probe: "key",
                           message: "\(probe.key)\(condition) found in \(Set(proofs.compactMap(\.path)).count) of \(paths.count) files\(more)",
                           proofs: shown)
        }
        if !failures.isEmpty {
            return Finding(outcome: .error, probe: "key", message: "could not parse \(limited(failures).shown.joined(separator: ", "))")
        }
        let scope = paths.isEmpty ? "no structured file matches \(probe.files)" : "none of \(paths.count) files matching \(probe.files) has it"
        return Finding(outcome: .unsatisfied, probe: "key", message: "\(probe.key)\(condition): \(scope)")
    }
}

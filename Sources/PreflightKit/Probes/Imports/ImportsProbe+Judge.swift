extension ImportsProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let evidence = judge.evidence
        guard let paths = evidence.importPaths[files] else { return judge.notGathered(Self.self) }
        var proofs: [Proof] = []
        for path in paths {
            for entry in evidence.imports[path] ?? [] where modules.contains(where: entry.isOf) {
                proofs.append(Proof(path: path, line: entry.line, text: entry.written))
            }
        }
        let wanted = modules.joined(separator: ", ")
        if !proofs.isEmpty {
            let files = Set(proofs.compactMap(\.path)).count
            let (shown, more) = judge.limited(proofs)
            return Finding(outcome: .satisfied, probe: Self.name,
                           message: "\(files) file\(files == 1 ? "" : "s") import\(files == 1 ? "s" : "") \(wanted)\(more)", proofs: shown)
        }
        let unread = evidence.importFailures.filter { files.matches($0.key) }.sorted { $0.key < $1.key }
        if !unread.isEmpty {
            let list = judge.limited(unread.map { "\($0.key) (\($0.value))" }).shown.joined(separator: ", ")
            return Finding(outcome: judge.outcome(of: unread.map(\.value)), probe: Self.name,
                           message: "no file imports \(wanted), and could not read \(list)")
        }
        return Finding(outcome: .unsatisfied, probe: Self.name,
                       message: "none of \(paths.count) Python files and notebooks in \(files) imports \(wanted)")
    }
}

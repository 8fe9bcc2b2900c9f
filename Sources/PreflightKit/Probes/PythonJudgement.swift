/// The finding of a probe over Python facts (imports, calls): shared so that both say alike what they read.
struct PythonJudgement {
    let probe: String
    let files: GlobSet
    /// What was looked for, as a verb and its object: ("import", "shap, lime"), ("call", "mlflow.evaluate").
    let verb: String
    let object: String
    /// Whether only files a CI run reaches count (see `PythonReach`).
    var reached = false

    /// Satisfied with the proofs `proofs` gives of each selected file; otherwise unsatisfied, or undecided when a file
    /// that may hold the answer could not be read.
    func judge(_ judge: RuleEvaluator, proofs: (PythonSummary) -> [(line: Int, text: String)]) -> Finding {
        let evidence = judge.evidence
        guard let selected = evidence.pythonPaths[files] else {
            return Finding(outcome: .error, probe: probe, message: "internal: the evidence for this \(probe) probe was not gathered")
        }
        var found: [Proof] = []
        var partly: [String] = []
        var route: [Proof] = []
        let paths = reached ? selected.filter { evidence.pythonReach?.reached[$0] != nil } : selected
        for path in paths {
            guard let summary = evidence.python[path] else { continue }
            let here = proofs(summary).map { Proof(path: path, line: $0.line, text: $0.text) }
            // The way CI gets to the file, without the entry file's own mark when it is the file itself.
            if route.isEmpty, !here.isEmpty, reached { route = (evidence.pythonReach?.reached[path] ?? []).filter { $0 != Proof(path: path) } }
            found += here
            if !summary.problems.isEmpty { partly.append("\(path) (\(summary.problems[0]))") }
        }
        if !found.isEmpty {
            let count = Set(found.compactMap(\.path)).count
            let (shown, more) = judge.limited(found)
            let files = count == 1 ? "1 Python file or notebook \(verb)s" : "\(count) Python files or notebooks \(verb)"
            let how = reached ? ", in code CI runs (\(route.first?.path ?? "CI"))" : ""
            return Finding(outcome: .satisfied, probe: probe, message: "\(files) \(object)\(more)\(how)", proofs: route + shown)
        }
        let unread = evidence.pythonFailures.filter { files.matches($0.key) }.sorted { $0.key < $1.key }
        if !unread.isEmpty {
            let list = judge.limited(unread.map { "\($0.key) (\($0.value))" }).shown.joined(separator: ", ")
            return Finding(outcome: judge.outcome(of: unread.map(\.value)), probe: probe,
                           message: "no Python file or notebook seen to \(verb) \(object), and could not read \(list)")
        }
        let part = partly.isEmpty ? "" : "; read in part: \(judge.limited(partly).shown.joined(separator: ", "))"
        let which = reached ? " that CI runs" : ""
        let stopped = evidence.pythonReach?.problems.first.map { "; \($0)" } ?? ""
        return Finding(outcome: .unsatisfied, probe: probe,
                       message: "none of \(paths.count) Python files and notebooks in \(files)\(which) seen to \(verb) \(object)\(part)\(reached ? stopped : "")")
    }
}

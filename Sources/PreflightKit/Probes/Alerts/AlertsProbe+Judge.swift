extension AlertsProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let evidence = judge.evidence
        guard let paths = evidence.ruleFilePaths[files] else { return judge.notGathered(Self.self) }
        var rules: [(path: String, rule: RuleDefinition)] = [], failures: [EvidenceFailure] = [], templates = 0
        for path in paths {
            switch evidence.ruleFiles[path] {
            case .success(let file)?:
                rules += file.rules.map { (path, $0) }
                if file.readAsTemplate && !file.rules.isEmpty { templates += 1 }
            case .failure(let failure)?: failures.append(failure.about(path))
            case nil: break
            }
        }
        let recorded = RecordedSeries(rules.filter { $0.rule.kind == .recording }.map { ($0.rule.name, $0.rule.expression) })
        let alerting = rules.filter { $0.rule.kind == .alerting }
        var watching: [(phrase: String, proof: Proof)] = []
        var readMetrics: [String] = [], seen = Set<String>()
        for (path, rule) in alerting {
            let reading = recorded.reading(rule.expression)
            for metric in reading.metrics where seen.insert(metric).inserted { readMetrics.append(metric) }
            let matched = measure.matched(reading)
            guard !matched.isEmpty else { continue }
            let how = measure.explain(reading, matched: matched) + (rule.duration.map { ", for \($0)" } ?? "")
            let place = "\(path)\(rule.line.map { ":\($0)" } ?? "")"
            watching.append(("\(rule.name) (\(how)) in \(place)", Proof(path: path, line: rule.line, text: "alert \(rule.name): \(how)")))
        }
        if !watching.isEmpty {
            let shown = judge.limited(watching).shown
            let count = watching.count
            return Finding(outcome: .satisfied, probe: Self.name,
                           message: "\(count) alerting rule\(count == 1 ? "" : "s") \(count == 1 ? "watches" : "watch") the metrics asked: \(shown.prefix(3).map(\.phrase).joined(separator: "; "))\(count > 3 ? "; and \(count - 3) more" : "")",
                           proofs: shown.map(\.proof))
        }
        let ruleFiles = Set(rules.map(\.path)).count
        let templateNote = templates == 0 ? "" : " (\(templates) read as Helm templates)"
        let metrics = readMetrics.isEmpty ? "" : " (metrics: \(readMetrics.prefix(8).joined(separator: ", "))\(readMetrics.count > 8 ? ", and \(readMetrics.count - 8) more" : ""))"
        let scope = "read \(ruleFiles) rule file\(ruleFiles == 1 ? "" : "s")\(templateNote) with \(alerting.count) alerting rule\(alerting.count == 1 ? "" : "s")\(metrics)"
        if !failures.isEmpty {
            let list = judge.limited(failures).shown.map { "\($0.subject ?? "") (\($0.reason))" }
            return Finding(outcome: judge.outcome(of: failures), probe: Self.name,
                           message: "No alerting rule \(measure), and could not read \(list.joined(separator: ", ")); \(scope)")
        }
        return Finding(outcome: .unsatisfied, probe: Self.name, message: "No alerting rule \(measure) — \(scope) in \(files)")
    }
}

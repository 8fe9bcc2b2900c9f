import Foundation

/// Probes over result files of validation and monitoring tools.
extension ReportProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let evidence = judge.evidence, probe = self
        guard let paths = evidence.reportPaths[probe.files] else { return judge.notGathered(ReportProbe.self) }
        guard !paths.isEmpty else {
            return Finding(outcome: .unsatisfied, probe: Self.name, message: "no tracked file matches \(probe.files)")
        }
        // Every selected file must be readable in its format: a broken report is never passed over in silence.
        var reports: [(path: String, report: ParsedReport, made: Date?, source: String, unknown: ReportFile.UnknownDate?)] = []
        for path in paths {
            guard let parsed = evidence.reportFiles[path]?.parsed[probe.format], let file = evidence.reportFiles[path] else {
                return judge.notGathered(ReportProbe.self)
            }
            switch parsed {
            case .failure(let failure):
                return Finding(outcome: failure.outcome, probe: Self.name, message: "\(path): \(failure.reason)", proofs: [Proof(path: path)])
            case .success(let report):
                // A date the repository could not give is never replaced by a guess: when the age or the newest
                // report matters, the probe cannot be judged.
                if report.timestamp == nil, let failure = file.dateFailure, probe.maxAge != nil || paths.count > 1 {
                    return Finding(outcome: failure.outcome, probe: Self.name,
                                   message: "\(path): cannot tell when it was made: \(failure.reason)", proofs: [Proof(path: path)])
                }
                let (made, source): (Date?, String) = report.timestamp.map { ($0, "its own timestamp") }
                    ?? file.committed.map { ($0, "its last commit") } ?? (file.modified, "its file time")
                reports.append((path, report, made, source, report.timestamp == nil ? file.unknownDate : nil))
            }
        }
        guard let newest = reports.max(by: { ($0.made ?? .distantPast) < ($1.made ?? .distantPast) }) else {
            return Finding(outcome: .error, probe: Self.name, message: "internal: report files were not read")
        }
        // A report the shallow history leaves undated may be newer than the one picked.
        if let hidden = reports.first(where: { $0.path != newest.path && ($0.unknown?.notAfter ?? .distantPast) > (newest.made ?? .distantPast) }),
           let unknown = hidden.unknown {
            return Finding(outcome: .notAvailable, probe: Self.name, message: "cannot tell which report matching \(probe.files) is newest: "
                           + "\(hidden.path): \(unknown.reason)", proofs: [Proof(path: hidden.path)])
        }
        let dated = newest.made.map { " (\(CalendarDate.format($0)), from \(newest.source))" } ?? ""
        let what = "\(newest.path): \(newest.report.kind)\(dated)"
        if let maxAge = probe.maxAge {
            guard let made = newest.made else {
                let why = newest.unknown.map { ": \($0.reason)" } ?? ""
                return Finding(outcome: .notAvailable, probe: Self.name, message: "\(what): no way to tell its age\(why)", proofs: [Proof(path: newest.path)])
            }
            let age = evidence.now.timeIntervalSince(made)
            guard age <= maxAge else {
                return Finding(outcome: .unsatisfied, probe: Self.name,
                               message: "\(what) is \(Durations.age(age)) old, older than \(Durations.render(maxAge))", proofs: [Proof(path: newest.path)])
            }
        }
        switch probe.check {
        case .passed:
            guard let passed = newest.report.passed else {
                return Finding(outcome: .error, probe: Self.name,
                               message: "\(what) gives no pass or fail verdict; check a value with a bound instead", proofs: [Proof(path: newest.path)])
            }
            let (shown, more) = judge.limited(newest.report.failures)
            let proofs = [Proof(path: newest.path)] + shown.map { Proof(path: newest.path, text: $0) }
            if passed { return Finding(outcome: .satisfied, probe: Self.name, message: "\(what) passed", proofs: proofs) }
            let detail = newest.report.failures.isEmpty ? "nothing was checked" : "\(newest.report.failures.count) failed\(more)"
            return Finding(outcome: .unsatisfied, probe: Self.name, message: "\(what) did not pass: \(detail)", proofs: proofs)
        case let .value(path, condition):
            let values = newest.report.tree.nodes(at: path.segments[...]).compactMap { $0.string.flatMap(Double.init) }
            guard !values.isEmpty else {
                return Finding(outcome: .notAvailable, probe: Self.name, message: "\(what) has no number at \(path)", proofs: [Proof(path: newest.path)])
            }
            let failing = values.filter { $0.isNaN || !condition.holds($0) }
            let proofs = [Proof(path: newest.path, text: "\(path) = \(values.prefix(judge.proofLimit).map(RuleEvaluator.format).joined(separator: ", "))")]
            if failing.isEmpty {
                return Finding(outcome: .satisfied, probe: Self.name, message: "\(what): \(path) is \(condition)", proofs: proofs)
            }
            return Finding(outcome: .unsatisfied, probe: Self.name, message: "\(what): \(path) is not \(condition)", proofs: proofs)
        }
    }
}

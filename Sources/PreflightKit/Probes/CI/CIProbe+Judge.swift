extension CIProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let evidence = judge.evidence
        let pipelines = evidence.pipelines.filter { system == nil || $0.system == system }
        var wanted: [String] = []
        if let step { wanted.append("runs a command matching /\(step)/\(failureCondition)") }
        if let collects { wanted.append("runs tests in \(collects)\(collectedCondition)") }
        if let scheduled { wanted.append(scheduled ? "runs on a schedule" : "is not scheduled") }
        if let pullRequest { wanted.append(pullRequest ? "runs on pull requests" : "does not run on pull requests") }
        let kind = "\(system?.rawValue ?? "CI") pipeline that \(wanted.joined(separator: " and "))"
        var rejected = Set<String>()
        for pipeline in pipelines {
            if let (proofs, said) = match(pipeline, evidence, rejected: &rejected) {
                let template = pipeline.generatedPath.map { " (a template: in the project it generates, \($0))" } ?? ""
                return Finding(outcome: .satisfied, probe: Self.name,
                               message: "\(pipeline.path)\(template) \(said.joined(separator: ", "))", proofs: proofs)
            }
        }
        let failures = evidence.pipelineFailures.keys.sorted()
        if !failures.isEmpty {
            let list = judge.limited(failures).shown.map { "\($0) (\(evidence.pipelineFailures[$0]!))" }.joined(separator: ", ")
            return Finding(outcome: judge.outcome(of: Array(evidence.pipelineFailures.values)), probe: Self.name,
                           message: "no \(kind) found, and could not read \(list)")
        }
        // Collected test files that could not be read may hold the line asked for: the gate cannot know.
        if let query = containsQuery, let result = evidence.content[query] {
            let collected = Set(pipelines.flatMap { $0.runs.flatMap { $0.collected ?? [] } })
            let unread = result.failures.filter { collected.contains($0.key) }.sorted { $0.key < $1.key }
            if !unread.isEmpty {
                let list = judge.limited(unread.map { "\($0.key) (\($0.value))" }).shown.joined(separator: ", ")
                return Finding(outcome: judge.outcome(of: unread.map(\.value)), probe: Self.name,
                               message: "no \(kind) found, and could not read the collected \(list)")
            }
        }
        let message = pipelines.isEmpty ? "no CI pipeline found; wanted a \(kind)"
            : "none of \(pipelines.count) pipelines (\(judge.limited(pipelines.map(\.path)).shown.joined(separator: ", "))) is a \(kind)"
        // What could not be followed may be why: said, but never a gate error.
        let unfollowed = step == nil && collects == nil ? [] : pipelines.flatMap(\.unfollowed).map(\.description)
        let note = unfollowed.isEmpty ? "" : "; \(judge.limited(unfollowed).shown.joined(separator: "; "))"
        return Finding(outcome: .unsatisfied, probe: Self.name, message: message + note)
    }

    /// The proofs that `pipeline` meets every condition, and what it does in words ("runs python -m pytest tests
    /// through Makefile", "runs on pull requests"); nil when it misses one. `rejected` holds the collected files
    /// already found not to be tests asked for.
    private func match(_ pipeline: CIPipeline, _ evidence: Evidence, rejected: inout Set<String>) -> ([Proof], [String])? {
        var proofs: [Proof] = []
        var said: [String] = []
        if let step {
            guard let run = pipeline.runs.first(where: { run in
                run.role == .runs && !run.followed && onFailure.map { run.onFailure == $0 } != false && step.matches(run.matchText)
            }) else { return nil }
            proofs += run.chain
            said.append("runs \(run.text)\(Self.through(run.chain))\(run.onFailure ? " when an earlier step failed" : "")")
        }
        if let collects {
            guard let (chain, file) = collectedTests(pipeline, collects, evidence, rejected: &rejected) else { return nil }
            proofs += chain
            said.append("runs the tests of \(file)\(Self.through(chain.dropLast()))")
        }
        // A trigger of a pipeline that runs nothing (every job disabled) is no practice.
        if scheduled == true || pullRequest == true, pipeline.runs.isEmpty { return nil }
        if let scheduled {
            guard pipeline.isScheduled == scheduled else { return nil }
            if let line = pipeline.scheduleLine { proofs.append(Proof(path: pipeline.path, line: line, text: "schedule")) }
            said.append(scheduled ? "on a schedule" : "not on a schedule")
        }
        if let pullRequest {
            guard pipeline.runsOnPullRequests == pullRequest else { return nil }
            if let line = pipeline.pullRequestLine { proofs.append(Proof(path: pipeline.path, line: line, text: "pull request trigger")) }
            said.append(pullRequest ? "on pull requests" : "not on pull requests")
        }
        return (proofs.isEmpty ? [Proof(path: pipeline.path)] : proofs, said)
    }

    /// " through Makefile, scripts/ci.sh" for the files a chain passes after the pipeline; "" for none.
    private static func through(_ chain: some Collection<Proof>) -> String {
        var files: [String] = []
        for path in chain.dropFirst().compactMap(\.path) where files.last != path { files.append(path) }
        return files.isEmpty ? "" : " through \(files.joined(separator: ", "))"
    }

    /// The chain to a test run that collects a file `collects` selects (with a line `contains` matches, an import of
    /// `imports`, a test calling `calls`, when given), ending with that file or line, and the file. A file that is not
    /// such a test in one run is not in another: it joins `rejected` and is not looked at again (matrix jobs collect
    /// the same thousand files each).
    private func collectedTests(_ pipeline: CIPipeline, _ collects: GlobSet, _ evidence: Evidence,
                                rejected: inout Set<String>) -> ([Proof], String)? {
        let lines = containsQuery.map { query in Dictionary(grouping: evidence.content[query]?.matches ?? [], by: \.path) }
        let matcher = calls.map(PythonNameMatcher.init)
        let also = alsoCalls.map(PythonNameMatcher.init)
        for run in pipeline.runs {
            for file in run.collected ?? [] where !rejected.contains(file) {
                guard collects.matches(file), let proofs = proofs(of: file, lines, matcher, also, evidence) else {
                    rejected.insert(file)
                    continue
                }
                return (run.chain + (proofs.isEmpty ? [Proof(path: file)] : proofs), file)
            }
        }
        return nil
    }

    /// What in a collected `file` meets the probe's `contains`, `imports` and `calls`; nil when one is not met.
    private func proofs(of file: String, _ lines: [String: [LineMatch]]?, _ matcher: PythonNameMatcher?, _ also: PythonNameMatcher?,
                        _ evidence: Evidence) -> [Proof]? {
        var proofs: [Proof] = []
        if let lines {
            guard let line = lines[file]?.first else { return nil }
            proofs.append(Proof(path: file, line: line.line, text: line.text))
        }
        if let imports {
            guard let entry = evidence.python[file]?.imports.first(where: { entry in imports.contains(where: entry.isOf) }) else { return nil }
            proofs.append(Proof(path: file, line: entry.line, text: entry.written))
        }
        if let matcher {
            guard let (test, name, other) = Self.test(in: evidence.python[file], calling: matcher, also: also) else { return nil }
            let and = other.map { " and \($0)(…)" } ?? ""
            proofs.append(Proof(path: file, line: test.line, text: "\(test.name) calls \(name)(…)\(and) and asserts"))
        }
        return proofs
    }

    /// The first test function that asserts and calls one of `names` (and one of `also`), with the names it calls.
    private static func test(in summary: PythonSummary?, calling names: PythonNameMatcher,
                             also: PythonNameMatcher?) -> (PythonSummary.TestFunction, String, String?)? {
        for test in summary?.tests ?? [] where test.asserts > 0 {
            guard let name = test.calls.first(where: names.matches) else { continue }
            guard let also else { return (test, name, nil) }
            if let other = test.calls.first(where: also.matches) { return (test, name, other) }
        }
        return nil
    }
}

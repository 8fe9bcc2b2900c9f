import Foundation

/// The engine: everything `preflight gate` does, as a library call.
public enum Gate {
    /// Evaluates the repository at `path`. Throws only when no decision can be made (bad input, unreadable repository).
    public static func evaluate(repository path: String, options: GateOptions = GateOptions()) throws -> Evaluation {
        let context = try GateContext(repository: path, options: options)
        let rubric = context.rubric, index = context.index
        // The history is read while the evidence is collected; its errors surface after scoring, as before.
        let reading = Background { Result { try HistoryAccess(context: context, settings: options.history) } }
        let probes = rubric.items.flatMap { [$0.automated, $0.manual].compactMap { $0 } }.flatMap(\.probes)
        var plan = EvidencePlan(probes)
        plan.ask(AttestationsSource.self, .ledger)
        plan.ask(WaiversSource.self, .ledger)
        // The monitoring plan's live check asks the same Prometheus, in the same concurrent round.
        let planRules = plan.monitoringPlan && context.sources.prometheus != nil ? context.monitoringPlan.map(PlanRules.init) : nil
        for request in planRules.map(PlanCheck.requests) ?? [] { plan.ask(PrometheusQueries.self, request) }
        var evidence = EvidenceCollector(index: index, now: options.now, maxFileBytes: options.maxFileBytes,
                                         sources: context.sources(environment: options.environment)).collect(plan)
        guard let attestations = evidence.answers(from: AttestationsSource.self)?[.ledger],
              let waivers = evidence.answers(from: WaiversSource.self)?[.ledger] else {
            throw PreflightError.unreadable(path: context.config.attestations, reason: "internal: the ledgers were not read")
        }
        evidence.monitoringPlan = context.monitoringPlan
        if let planRules, let plan = context.monitoringPlan, let answers = evidence.answers(from: PrometheusQueries.self) {
            // The server's evaluation times are real ones: compared with the real clock, not a report's fixed date.
            evidence.planCheck = PlanCheck(plan: plan, rules: planRules, answers: answers.answers, now: Date())
        }
        let skips = context.config.items.compactMapValues(\.skip)
        let scorecard = Scorer(rubric: rubric, skips: skips).score(RuleEvaluator(evidence: evidence))
        let history = try reading.wait().get()
        let baseline = history.baseline(for: scorecard, rubricHash: rubric.contentHash)
        return Evaluation(
            tool: "preflight \(Preflight.version)", generatedAt: options.now,
            model: context.model, config: context.config.file,
            configLines: Dictionary(uniqueKeysWithValues: rubric.items.compactMap { item in
                context.config.line(configuring: item.id).map { (item.id, $0) }
            }),
            rubric: .init(id: rubric.id, title: rubric.title, version: rubric.version, origin: rubric.origin, source: rubric.source,
                          contentHash: rubric.contentHash, contentDigest: rubric.contentDigest.isEmpty ? nil : rubric.contentDigest),
            repository: .init(path: path, name: index.root.lastPathComponent, commit: index.commit, branch: index.branch, filesIndexed: index.files.count, git: index.isGit),
            policy: context.policy, scorecard: scorecard,
            verdict: Verdict(scorecard: scorecard, policy: context.policy, waivers: waivers.inForce, baseline: baseline),
            manual: ManualRecords(attestations: attestations, waivers: waivers),
            baseline: baseline, trend: history.trend, history: history.entry,
            notes: evidence.notes.sorted())
    }

    /// Records `evaluation` in its history when its run asked to (`evaluation.history` says where), opening the
    /// store with `settings` (those the run was evaluated with), and returns it with the record's id. Call it last,
    /// once every report is written, so that a run that ends without a decision records nothing.
    /// `attestation`: the digest of the signed statement written for this evaluation, kept with its record.
    public static func record(_ evaluation: Evaluation, history settings: HistorySettings, attestation: String? = nil) throws -> Evaluation {
        guard let entry = evaluation.history, entry.recordID == nil else { return evaluation }
        guard let file = entry.file else {
            throw PreflightError.history(path: entry.path, reason: "this evaluation does not say where its history is")
        }
        guard let store = try settings.openStore(at: file, create: true) else {
            throw PreflightError.history(path: entry.path, reason: "the history store could not be created")
        }
        var recorded = evaluation
        var record = try HistoryRecord(evaluation)
        record.attestation = attestation
        recorded.history?.recordID = try store.append(record)
        return recorded
    }
}

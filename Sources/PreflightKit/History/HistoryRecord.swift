import Foundation

/// One recorded evaluation of a model version: enough to show its scores, compare it with another, and serve as the
/// baseline of the next release. Records are appended, never rewritten.
public struct HistoryRecord: Sendable, Codable {
    public struct Section: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var points: Double
        public var maxPoints: Double

        public init(id: String, title: String, points: Double, maxPoints: Double) {
            self.id = id
            self.title = title
            self.points = points
            self.maxPoints = maxPoints
        }
    }

    public struct Item: Sendable, Codable, Hashable {
        public var id: String
        public var section: String
        public var title: String
        public var points: Double
        public var maxPoints: Double
        public var outcome: Outcome
        public var level: Level?
        /// What earned the points, or what was missing, in one line.
        public var evidence: String

        public init(id: String, section: String, title: String, points: Double, maxPoints: Double, outcome: Outcome,
                    level: Level?, evidence: String) {
            self.id = id
            self.section = section
            self.title = title
            self.points = points
            self.maxPoints = maxPoints
            self.outcome = outcome
            self.level = level
            self.evidence = evidence
        }
    }

    /// Assigned by the store.
    public var id: Int64?
    public var model: String
    public var version: String?
    public var commit: String?
    public var branch: String?
    /// The evaluation time (the injected clock, so reproducible runs record reproducible times).
    public var time: Date
    public var rubricID: String
    public var rubricHash: String
    public var final: Double
    public var total: Double
    public var maxTotal: Double
    public var decision: Verdict.Decision
    public var rawDecision: Verdict.Decision
    public var reasons: [String]
    public var policy: Policy
    public var tool: String
    public var sections: [Section]
    /// Empty when loaded as a summary.
    public var items: [Item]
    /// The sha256 of the signed readiness statement written for this evaluation (`gate --attest`), when one was.
    public var attestation: String?

    /// The record of `evaluation`; it must name its model.
    public init(_ evaluation: Evaluation) throws {
        guard let model = evaluation.model else {
            throw PreflightError.invalidArgument("name the model (--model or model.name in preflight.yaml) to record its history")
        }
        self.model = model.name
        version = model.version
        commit = evaluation.repository.commit
        branch = evaluation.repository.branch
        time = evaluation.generatedAt
        rubricID = evaluation.rubric.id
        rubricHash = evaluation.rubric.contentHash
        final = evaluation.scorecard.final
        total = evaluation.scorecard.total
        maxTotal = evaluation.scorecard.maxTotal
        decision = evaluation.verdict.decision
        rawDecision = evaluation.verdict.rawDecision
        reasons = evaluation.verdict.reasons.map(\.message)
        policy = evaluation.policy
        tool = evaluation.tool
        sections = evaluation.scorecard.sections.map { Section(id: $0.id, title: $0.title, points: $0.points, maxPoints: $0.maxPoints) }
        items = evaluation.scorecard.items.map { item in
            Item(id: item.id, section: item.section, title: item.title, points: item.points, maxPoints: item.maxPoints,
                 outcome: item.outcome, level: item.level, evidence: item.evidenceSummary)
        }
    }

    public init(id: Int64?, model: String, version: String?, commit: String?, branch: String?, time: Date, rubricID: String,
         rubricHash: String, final: Double, total: Double, maxTotal: Double, decision: Verdict.Decision,
         rawDecision: Verdict.Decision, reasons: [String], policy: Policy, tool: String, sections: [Section], items: [Item],
         attestation: String? = nil) {
        self.id = id
        self.model = model
        self.version = version
        self.commit = commit
        self.branch = branch
        self.time = time
        self.rubricID = rubricID
        self.rubricHash = rubricHash
        self.final = final
        self.total = total
        self.maxTotal = maxTotal
        self.decision = decision
        self.rawDecision = rawDecision
        self.reasons = reasons
        self.policy = policy
        self.tool = tool
        self.sections = sections
        self.items = items
        self.attestation = attestation
    }

    /// The version as shown in tables: `1.4.0`, or `#12` for a record without one.
    public var label: String { version ?? "#\(id ?? 0)" }
}

extension ItemResult {
    /// One line: the message of the finding that earned the level, or of what was missing.
    public var evidenceSummary: String {
        if let reason = skipReason { return "not applicable: \(reason)" }
        if let level, let finding = level == .automated ? automated : manual {
            return finding.satisfiedLeafMessage
        }
        let messages = [automated, manual].compactMap { $0 }.flatMap { $0.leafMessages(with: $0.outcome) }
        return messages.prefix(2).joined(separator: "; ")
    }
}

extension Finding {
    /// The message of the first satisfied leaf: the evidence that earned the level.
    public var satisfiedLeafMessage: String {
        guard !children.isEmpty else { return message }
        return children.first { $0.outcome == .satisfied }?.satisfiedLeafMessage ?? message
    }
}

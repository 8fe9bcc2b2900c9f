import Foundation

/// This evaluation against the baseline: the last version of the same model approved without waivers (its raw
/// decision), so that an approval that needed waivers never sets the bar for the next release.
public struct BaselineComparison: Sendable, Codable {
    public struct Baseline: Sendable, Codable {
        public var id: Int64?
        public var version: String
        public var commit: String?
        public var time: Date
        public var final: Double
        /// Why this record is the baseline.
        public var reason: String?
    }

    public struct SectionDelta: Sendable, Codable {
        public var id: String
        public var title: String
        public var before: Double
        public var now: Double
        public var delta: Double
    }

    public struct ItemChange: Sendable, Codable {
        public var id: String
        public var title: String
        public var before: Double
        public var now: Double
        public var evidenceBefore: String
        public var evidenceNow: String
    }

    /// Nil for the first version of a model: only the absolute thresholds apply.
    public var baseline: Baseline?
    public var finalDelta: Double?
    public var sections: [SectionDelta] = []
    /// Items whose points changed, in rubric order.
    public var items: [ItemChange] = []
    /// Newer versions approved only under waivers, passed over as baselines, oldest first; nil when none.
    public var approvedUnderWaivers: [String]?
    /// What a reader should know: the baseline used and why, or why there is none.
    public var note: String

    /// Why a record is the baseline.
    public static let reason = "the last version approved without waivers"

    /// No baseline: the first version of `model`, or no usable history.
    public init(note: String) { self.note = note }

    public init(current: Scorecard, rubricHash: String, baseline record: HistoryRecord, passedOver: [HistoryRecord] = []) {
        baseline = Baseline(id: record.id, version: record.label, commit: record.commit, time: record.time, final: record.final,
                            reason: Self.reason)
        approvedUnderWaivers = passedOver.isEmpty ? nil : passedOver.map(\.label)
        finalDelta = current.final - record.final
        let before = Dictionary(record.sections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        sections = current.sections.compactMap { section in
            guard let old = before[section.id] else { return nil }
            return SectionDelta(id: section.id, title: section.title, before: old.points, now: section.points,
                                delta: section.points - old.points)
        }
        let oldItems = Dictionary(record.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        items = current.items.compactMap { item in
            guard let old = oldItems[item.id], old.points != item.points else { return nil }
            return ItemChange(id: item.id, title: item.title, before: old.points, now: item.points,
                              evidenceBefore: old.evidence, evidenceNow: item.evidenceSummary)
        }
        let sameRubric = record.rubricHash == rubricHash ? "" : " (scored under a different rubric or parameters)"
        let skipped = approvedUnderWaivers.map { "; \(Self.underWaivers($0))" } ?? ""
        note = "compared with \(record.label), \(Self.reason), recorded \(CalendarDate.format(record.time))\(sameRubric)\(skipped)"
    }

    /// "1.4.0 was approved only under waivers", for one version or several.
    static func underWaivers(_ versions: [String]) -> String {
        let list = versions.count <= 1 ? versions.joined() : versions.dropLast().joined(separator: ", ") + " and " + versions.last!
        return "\(list) \(versions.count == 1 ? "was" : "were") approved only under waivers"
    }

    /// The regression checks `policy` asks for.
    func checks(_ policy: Policy) -> [PolicyCheck] {
        guard baseline != nil else { return [] }
        var checks: [PolicyCheck] = []
        if let limit = policy.maxScoreDrop, let finalDelta, let baseline {
            let passed = -finalDelta <= limit
            checks.append(PolicyCheck(rule: .maxScoreDrop, passed: passed,
                                      message: "final score \(Score.format(baseline.final)) → \(Score.format(baseline.final + finalDelta)) against \(baseline.version) (\(Self.signed(finalDelta)); at most \(Score.format(limit)) may be lost)"))
            for section in sections where -section.delta > limit {
                checks.append(PolicyCheck(rule: .maxScoreDrop, passed: false,
                                          message: "\(section.title) dropped \(Score.format(section.before)) → \(Score.format(section.now)) against \(baseline.version)",
                                          section: section.id))
            }
        }
        if policy.itemRegression == .block, let baseline {
            for item in items where item.now < item.before {
                checks.append(PolicyCheck(rule: .itemRegression, passed: false,
                                          message: "\(item.id) (\(item.title)) earned \(Score.format(item.before)) in \(baseline.version), \(Score.format(item.now)) now: \(item.evidenceNow)",
                                          item: item.id))
            }
        }
        return checks
    }

    public static func signed(_ value: Double) -> String { value > 0 ? "+\(Score.format(value))" : Score.format(value) }
}

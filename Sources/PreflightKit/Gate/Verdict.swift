import Foundation

/// One requirement of the policy, checked.
public struct PolicyCheck: Sendable, Codable {
    /// What a waiver for a failed check names: its item, or a policy key. Mirrors a waiver's `item` / `policy`.
    public struct WaiverTarget: Sendable, Codable, Hashable {
        public var item: String?
        public var policy: String?

        /// The command that records such a waiver, without its reason, approver and expiry.
        public var command: String { item.map { "preflight waive \($0)" } ?? "preflight waive --policy \(policy ?? "")" }
    }

    public var rule: PolicyRule
    public var passed: Bool
    public var message: String
    public var item: String?
    public var section: String?
    /// The waiver that exempts this failed check, if one is in force.
    public var waivedBy: String?
    /// For a failed check, what a waiver must name to exempt it; nil when nothing may (an `unwaivable` item).
    public var waivableBy: WaiverTarget?

    init(rule: PolicyRule, passed: Bool, message: String, item: String? = nil, section: String? = nil) {
        self.rule = rule
        self.passed = passed
        self.message = message
        self.item = item
        self.section = section
    }

    /// The rule as a waiver names it: `minimumScore`, `sectionMinimums.monitor`; nil for a rule waived through its item.
    public var policyKey: String? { rule.key(section: section) }

    /// Whether the check lets the release through: passed, or failed under a waiver.
    public var cleared: Bool { passed || waivedBy != nil }

    /// What would waive this check under `policy`: its item unless the policy forbids it, else its policy key.
    func waiverTarget(_ policy: Policy) -> WaiverTarget? {
        if let item { return policy.unwaivable.contains(item) ? nil : WaiverTarget(item: item) }
        return policyKey.map { WaiverTarget(policy: $0) }
    }
}

/// The gate's decision and every check behind it.
public struct Verdict: Sendable, Codable {
    public enum Decision: String, Sendable, Codable {
        case approved
        case blocked
    }

    /// The decision with the waivers in force.
    public var decision: Decision
    /// The decision the checks alone give, before any waiver.
    public var rawDecision: Decision
    public var checks: [PolicyCheck]

    /// The failed checks no waiver covers: why a release is blocked.
    public var reasons: [PolicyCheck] { checks.filter { !$0.cleared } }
    /// The failed checks a waiver covers.
    public var waived: [PolicyCheck] { checks.filter { !$0.passed && $0.waivedBy != nil } }

    /// Applies `policy` to `scorecard`; `waivers` in force may exempt failed checks.
    public init(scorecard: Scorecard, policy: Policy, waivers: [WaiverLedger.Entry] = [],
                baseline: BaselineComparison? = nil) {
        var checks: [PolicyCheck] = []
        if let minimum = policy.minimumScore {
            let weakest = scorecard.weakestSection.map { " (weakest section: \($0.title), \(Score.format($0.points)))" } ?? ""
            let passed = scorecard.final >= minimum
            checks.append(PolicyCheck(rule: .minimumScore, passed: passed,
                                      message: "final score \(Score.format(scorecard.final)) \(passed ? "meets" : "is below") the minimum \(Score.format(minimum))\(passed ? "" : weakest)"))
        }
        for section in scorecard.sections {
            guard let minimum = policy.sectionMinimums[section.id] else { continue }
            let passed = section.points >= minimum
            checks.append(PolicyCheck(rule: .sectionMinimums, passed: passed,
                                      message: "\(section.title) scores \(Score.format(section.points)), \(passed ? "meeting" : "below") its minimum \(Score.format(minimum))",
                                      section: section.id))
        }
        let items = Dictionary(uniqueKeysWithValues: scorecard.items.map { ($0.id, $0) })
        for id in policy.required {
            guard let item = items[id] else { continue }
            let passed = item.points > 0
            let detail = passed ? "earns \(Score.format(item.points))" : item.skipReason.map { "is skipped (\($0))" } ?? "earns nothing"
            checks.append(PolicyCheck(rule: .required, passed: passed, message: "required item \(id) (\(item.title)) \(detail)", item: id))
        }
        // Each problem is judged by its own outcome: missing data by onUnavailable, an error by onError, even when the
        // item as a whole earned a lower level.
        for item in scorecard.items {
            for (rule, outcome, setting, what) in [(PolicyRule.onUnavailable, Outcome.notAvailable, policy.onUnavailable, "lacks data"),
                                                   (.onError, .error, policy.onError, "could not be fully evaluated")] {
                let messages = item.problems.filter { $0.outcome == outcome }.map(\.message)
                guard !messages.isEmpty else { continue }
                checks.append(PolicyCheck(rule: rule, passed: setting == .ignore,
                                          message: "\(item.id) \(what): \(messages.joined(separator: "; "))\(setting == .ignore ? " (ignored by policy)" : "")",
                                          item: item.id))
            }
        }
        checks += baseline?.checks(policy) ?? []
        for index in checks.indices where !checks[index].passed {
            checks[index].waivableBy = checks[index].waiverTarget(policy)
            checks[index].waivedBy = waivers.first { $0.state == .inForce && $0.covers(checks[index]) }?.summary
        }
        self.checks = checks
        rawDecision = checks.allSatisfy(\.passed) ? .approved : .blocked
        decision = checks.allSatisfy(\.cleared) ? .approved : .blocked
    }
}

/// Score formatting shared by every report: whole numbers without decimals, halves with one.
public enum Score {
    public static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

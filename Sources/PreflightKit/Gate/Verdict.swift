import Foundation

/// One requirement of the policy, checked.
public struct PolicyCheck: Sendable, Codable {
    public var rule: String
    public var passed: Bool
    public var message: String
    public var item: String?
}

/// The gate's decision and every check behind it.
public struct Verdict: Sendable, Codable {
    public enum Decision: String, Sendable, Codable {
        case approved
        case blocked
    }

    public var decision: Decision
    public var checks: [PolicyCheck]

    /// The failed checks: why a release is blocked.
    public var reasons: [PolicyCheck] { checks.filter { !$0.passed } }

    /// Applies `policy` to `scorecard`.
    public init(scorecard: Scorecard, policy: Policy) {
        var checks: [PolicyCheck] = []
        if let minimum = policy.minimumScore {
            let weakest = scorecard.weakestSection.map { " (weakest section: \($0.title), \(Score.format($0.points)))" } ?? ""
            let passed = scorecard.final >= minimum
            checks.append(PolicyCheck(rule: "minimumScore", passed: passed,
                                      message: "final score \(Score.format(scorecard.final)) \(passed ? "meets" : "is below") the minimum \(Score.format(minimum))\(passed ? "" : weakest)"))
        }
        for section in scorecard.sections {
            guard let minimum = policy.sectionMinimums[section.id] else { continue }
            let passed = section.points >= minimum
            checks.append(PolicyCheck(rule: "sectionMinimums", passed: passed,
                                      message: "\(section.title) scores \(Score.format(section.points)), \(passed ? "meeting" : "below") its minimum \(Score.format(minimum))"))
        }
        let items = Dictionary(uniqueKeysWithValues: scorecard.items.map { ($0.id, $0) })
        for id in policy.required {
            guard let item = items[id] else { continue }
            let passed = item.points > 0
            let detail = passed ? "earns \(Score.format(item.points))" : item.skipReason.map { "is skipped (\($0))" } ?? "earns nothing"
            checks.append(PolicyCheck(rule: "required", passed: passed, message: "required item \(id) (\(item.title)) \(detail)", item: id))
        }
        for item in scorecard.items where !item.problems.isEmpty {
            let unavailableOnly = item.outcome == .notAvailable
            let setting = unavailableOnly ? policy.onUnavailable : policy.onError
            let what = unavailableOnly ? "lacks data" : "could not be fully evaluated"
            checks.append(PolicyCheck(rule: unavailableOnly ? "onUnavailable" : "onError", passed: setting == .ignore,
                                      message: "\(item.id) \(what): \(item.problems.joined(separator: "; "))\(setting == .ignore ? " (ignored by policy)" : "")",
                                      item: item.id))
        }
        self.checks = checks
        decision = checks.allSatisfy(\.passed) ? .approved : .blocked
    }
}

/// Score formatting shared by every report: whole numbers without decimals, halves with one.
public enum Score {
    public static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

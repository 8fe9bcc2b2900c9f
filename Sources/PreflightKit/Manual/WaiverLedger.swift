import Foundation

/// The waivers of a repository, checked against the rubric, the policy, the model version and the clock.
///
/// Only waivers in force exempt anything. Expired waivers and waivers for another model version are reported and
/// ignored; malformed ones (unknown targets, expiry beyond the policy's limit, forbidden items) are errors.
public struct WaiverLedger: Sendable {
    public static let defaultPath = "readiness/waivers.yaml"

    public enum State: String, Sendable, Codable {
        case inForce = "in-force"
        case expired
        case otherVersion = "other-version"
    }

    public struct Entry: Sendable, Codable {
        public var waiver: Waiver
        public var date: Date
        public var expires: Date
        public var state: State
        public var location: SourceLocation
        /// The entry's position in its list.
        public var index: Int

        /// A short statement for reports: who approved it, until when, and why.
        public var summary: String {
            "waived by \(waiver.approver) until \(CalendarDate.format(expires)) (\(location)): \(waiver.reason)"
        }

        /// The waiver's state as every report words it.
        public var status: String {
            switch state {
            case .inForce: return "in force until \(CalendarDate.format(expires))"
            case .expired: return "expired on \(CalendarDate.format(expires)), ignored"
            case .otherVersion: return "for model version \(waiver.modelVersion ?? ""), not this one"
            }
        }

        /// Whether this waiver exempts `check`.
        func covers(_ check: PolicyCheck) -> Bool {
            if let item = waiver.item { return check.item == item }
            return waiver.policy.map { check.rule.isCovered(byKey: $0, section: check.section) } ?? false
        }
    }

    public var file: String
    public var entries: [Entry] = []
    public var problems: [LedgerProblem] = []
    /// Why the whole file could not be used; no waiver then applies.
    public var failure: PreflightError?

    public init(file: String) { self.file = file }

    public var inForce: [Entry] { entries.filter { $0.state == .inForce } }

    /// Reads and checks the ledger at `path` (relative to the repository root).
    package static func load(path: String, displayName: String, reader: RepositoryReader, tracked: Bool = false,
                            rubric: Rubric, policy: Policy, modelVersion: String?, now: Date) -> WaiverLedger {
        switch LedgerSource.parse(Waiver.self, path, displayName: displayName, reader: reader, tracked: tracked) {
        case .success(let parsed?): return WaiverLedger(parsed, rubric: rubric, policy: policy, modelVersion: modelVersion, now: now)
        case .success(nil): return WaiverLedger(file: displayName)
        case .failure(let error):
            var ledger = WaiverLedger(file: displayName)
            ledger.failure = error
            return ledger
        }
    }

    /// Checks parsed entries: malformed ones become problems, the others get their state.
    init(_ parsed: LedgerFile<Waiver>, rubric: Rubric, policy: Policy, modelVersion: String?, now: Date) {
        var ledger = WaiverLedger(file: parsed.document.file)
        ledger.problems = parsed.rejected.map {
            LedgerProblem(subject: parsed.rawField(at: $0.index, "item") ?? parsed.rawField(at: $0.index, "policy"), index: $0.index,
                          error: $0.error)
        }
        let itemIDs = rubric.items.map(\.id)
        let policyKeys = PolicyRule.waivableKeys(sections: rubric.sections.map(\.id))
        var seen: [String: Int] = [:]
        for (index, waiver) in parsed.entries {
            func reject(_ field: String?, _ message: String) {
                ledger.problems.append(LedgerProblem(subject: waiver.target, index: index, error: parsed.error(at: index, field: field, message)))
            }
            if let item = waiver.item, !itemIDs.contains(item) {
                let hint = Suggestion.closest(to: item, in: itemIDs).map { " (did you mean '\($0)'?)" } ?? ""
                reject("item", "unknown item '\(item)'\(hint)"); continue
            }
            if let key = waiver.policy, !policyKeys.contains(key) {
                let hint: String
                if let rule = PolicyRule(rawValue: String(key.prefix { $0 != "." })), !rule.isWaivable {
                    hint = " (\(rule.rawValue) checks are waived through their item: preflight waive ITEM)"
                } else {
                    hint = Suggestion.closest(to: key, in: policyKeys).map { " (did you mean '\($0)'?)" } ?? ""
                }
                reject("policy", "unknown policy rule '\(key)'\(hint); waivable rules: \(policyKeys.joined(separator: ", "))"); continue
            }
            if let item = waiver.item, policy.unwaivable.contains(item) {
                reject("item", "the policy forbids waivers for '\(item)'"); continue
            }
            let (date, dateProblem) = LedgerChecks.dateProblem(waiver.date, field: "date", now: now)
            guard let date else { reject("date", dateProblem!); continue }
            guard let expires = CalendarDate.parse(waiver.expires) else {
                reject("expires", "'\(waiver.expires)' is not a date like 2026-11-23"); continue
            }
            guard expires > date else { reject("expires", "expires \(waiver.expires) is not after the date \(waiver.date)"); continue }
            let limit = TimeInterval(policy.maxWaiverDays) * 86_400
            guard expires.timeIntervalSince(date) <= limit else {
                reject("expires", "expires \(waiver.expires) is more than the policy's limit of \(policy.maxWaiverDays) days after \(waiver.date)")
                continue
            }
            let identity = "\(waiver.target)|\(waiver.modelVersion ?? "*")"
            if let first = seen[identity] {
                reject(nil, "duplicate of the waiver at \(parsed.location(of: first)): same target and model version"); continue
            }
            seen[identity] = index
            let state: State = expires <= now ? .expired
                : waiver.modelVersion.map { $0 != modelVersion } == true ? .otherVersion : .inForce
            ledger.entries.append(Entry(waiver: waiver, date: date, expires: expires, state: state,
                                        location: parsed.location(of: index), index: index))
        }
        self = ledger
    }
}

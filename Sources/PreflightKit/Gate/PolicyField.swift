/// One key of the policy, described once. Decoding (strict for a rubric's and preflight.yaml's `policy:`, lenient for
/// stored records), merging, the name checks against a rubric, the `gate` flags and README's table of policy keys are
/// all derived from `PolicyField.all`.
///
/// Adding a key: its stored field in `Policy` and `PolicyOverrides` (the default is the stored field's initial value),
/// one entry in `all`, and — when it drives a check — a `PolicyRule` case and the check in `Verdict`.
public struct PolicyField: Sendable {
    /// What a key takes. The kind fixes how a value is read, its bounds, its flag syntax and how a later layer merges it.
    public enum Kind: String, Sendable, CaseIterable {
        /// A score from 0 to 1000, unset by default; a later layer replaces it.
        case score
        /// Section ids mapped to scores from 0 to 1000; a later layer replaces the sections it names.
        case sectionScores
        /// Item ids of the rubric, one or a list; a later layer adds to them.
        case items
        /// `block` or `ignore`; a later layer replaces it.
        case failure
        /// Whole days from 0 to 366; a later layer replaces it.
        case days
    }

    /// How a failed check of the rule a key drives is waived.
    public enum Waiving: Sendable {
        /// The key drives no check of its own (it limits waivers).
        case noCheck
        /// Its checks name an item and are waived with the item (`preflight waive ITEM`).
        case throughItem
        /// `preflight waive --policy KEY` waives the whole rule.
        case byKey
        /// `preflight waive --policy KEY.<section>` waives one section's check.
        case bySection
        /// Both: the bare key covers every check of the rule, `KEY.<section>` one section's.
        case byKeyOrSection
    }

    /// Where a field's value lives in `Policy` and in `PolicyOverrides`; the case is the field's kind.
    enum Slot: Sendable {
        case score(WritableKeyPath<Policy, Double?> & Sendable, WritableKeyPath<PolicyOverrides, Double?> & Sendable)
        case sectionScores(WritableKeyPath<Policy, [String: Double]> & Sendable,
                           WritableKeyPath<PolicyOverrides, [String: Double]?> & Sendable)
        case items(WritableKeyPath<Policy, [String]> & Sendable, WritableKeyPath<PolicyOverrides, [String]?> & Sendable)
        case failure(WritableKeyPath<Policy, Policy.Failure> & Sendable,
                     WritableKeyPath<PolicyOverrides, Policy.Failure?> & Sendable)
        case days(WritableKeyPath<Policy, Int> & Sendable, WritableKeyPath<PolicyOverrides, Int?> & Sendable)
    }

    /// The key in YAML and JSON; for a field that drives a check, also its `PolicyRule`'s raw value.
    public let key: String
    /// What the key does, for README and the flag's help.
    public let summary: String
    public let waiving: Waiving
    /// The `gate` flag that sets the key (`min-score` for `--min-score`), if it has one.
    public let flag: String?
    let slot: Slot

    public var kind: Kind {
        switch slot {
        case .score: .score
        case .sectionScores: .sectionScores
        case .items: .items
        case .failure: .failure
        case .days: .days
        }
    }

    /// Whether the key drives a check (and so has a `PolicyRule`).
    public var drivesCheck: Bool { if case .noCheck = waiving { false } else { true } }
}

extension PolicyField {
    public static let minimumScore = PolicyField(
        key: "minimumScore", summary: "Block when the final score is below this.",
        waiving: .byKey, flag: "min-score", slot: .score(\.minimumScore, \.minimumScore))
    public static let sectionMinimums = PolicyField(
        key: "sectionMinimums", summary: "Block when a section scores below its minimum.",
        waiving: .bySection, flag: "min-section", slot: .sectionScores(\.sectionMinimums, \.sectionMinimums))
    public static let required = PolicyField(
        key: "required", summary: "Block unless each of these items earns points.",
        waiving: .throughItem, flag: "require", slot: .items(\.required, \.required))
    public static let onError = PolicyField(
        key: "onError", summary: "What an item that could not be evaluated (an error) does.",
        waiving: .throughItem, flag: "on-error", slot: .failure(\.onError, \.onError))
    public static let onUnavailable = PolicyField(
        key: "onUnavailable", summary: "What an item without data (not available) does.",
        waiving: .throughItem, flag: "on-unavailable", slot: .failure(\.onUnavailable, \.onUnavailable))
    public static let maxWaiverDays = PolicyField(
        key: "maxWaiverDays", summary: "The longest a waiver may run, from its date to its expiry.",
        waiving: .noCheck, flag: nil, slot: .days(\.maxWaiverDays, \.maxWaiverDays))
    public static let unwaivable = PolicyField(
        key: "unwaivable", summary: "Items no waiver may exempt (rollback, say).",
        waiving: .noCheck, flag: nil, slot: .items(\.unwaivable, \.unwaivable))
    public static let maxScoreDrop = PolicyField(
        key: "maxScoreDrop",
        summary: "Block when the final or a section score dropped by more than this against the baseline (the last version approved without waivers).",
        waiving: .byKeyOrSection, flag: "max-score-drop", slot: .score(\.maxScoreDrop, \.maxScoreDrop))
    public static let itemRegression = PolicyField(
        key: "itemRegression",
        summary: "What an item earning fewer points than in the baseline (the last version approved without waivers) does.",
        waiving: .throughItem, flag: "item-regression", slot: .failure(\.itemRegression, \.itemRegression))

    /// Every policy key, in the order reports and records list them.
    public static let all: [PolicyField] = [
        minimumScore, sectionMinimums, required, onError, onUnavailable, maxWaiverDays, unwaivable, maxScoreDrop, itemRegression,
    ]

    public static var keys: [String] { all.map(\.key) }

    /// The field a key names.
    public static func named(_ key: String) -> PolicyField? { all.first { $0.key == key } }
}

/// Every requirement the policy can check; a `PolicyCheck` names one. The raw values are the JSON spelling and the
/// policy keys (`PolicyField`) that configure them.
///
/// A failed check is waived by a policy key (`preflight waive --policy KEY`) or through the item it names
/// (`preflight waive ITEM`), as its field's `waiving` says; README's table of policy keys lists them.
public enum PolicyRule: String, Sendable, Codable, CaseIterable {
    case minimumScore
    case sectionMinimums
    case required
    case onError
    case onUnavailable
    case maxScoreDrop
    case itemRegression

    /// Whether a `waive --policy` waiver can name this rule; the others are waived through their item.
    public var isWaivable: Bool { hasWholeRuleKey || hasSectionKeys }

    /// The policy keys a waiver may name for this rule in a rubric with these sections.
    public func waivableKeys(sections: [String]) -> [String] {
        (hasWholeRuleKey ? [rawValue] : []) + (hasSectionKeys ? sections.map { "\(rawValue).\($0)" } : [])
    }

    /// Every policy key a waiver may name in a rubric with these sections, in rule order.
    public static func waivableKeys(sections: [String]) -> [String] {
        allCases.flatMap { $0.waivableKeys(sections: sections) }
    }

    /// The key that waives a failed check of this rule about `section` (nil for rules waived through an item).
    func key(section: String?) -> String? {
        guard isWaivable else { return nil }
        return section.map { "\(rawValue).\($0)" } ?? rawValue
    }

    /// Whether a waiver naming policy key `key` exempts a check of this rule about `section`. The bare
    /// `maxScoreDrop` covers the final drop and every section's drop, so that a waiver in force never leaves a
    /// drop of the rule it names blocking.
    func isCovered(byKey key: String, section: String?) -> Bool {
        if hasWholeRuleKey, key == rawValue { return true }
        guard hasSectionKeys, let section else { return false }
        return key == "\(rawValue).\(section)"
    }

    /// The policy key this rule checks; its `waiving` says how a failed check is waived.
    public var field: PolicyField {
        guard let field = PolicyField.named(rawValue) else { preconditionFailure("policy rule \(rawValue) has no PolicyField") }
        return field
    }

    /// `waive --policy RULE` names the whole rule.
    private var hasWholeRuleKey: Bool { field.waiving.hasWholeKey }
    /// `waive --policy RULE.<section>` names one section of it.
    private var hasSectionKeys: Bool { field.waiving.hasSectionKeys }
}

extension PolicyField.Waiving {
    /// `waive --policy KEY` waives every check of the rule.
    var hasWholeKey: Bool { self == .byKey || self == .byKeyOrSection }
    /// `waive --policy KEY.<section>` waives one section's check.
    var hasSectionKeys: Bool { self == .bySection || self == .byKeyOrSection }
}

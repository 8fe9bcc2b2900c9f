/// README's table of policy keys, generated from `PolicyField.all`.
extension PolicyField {
    /// The table of every policy key: what it does, its value, default, merging, flag and how its checks are waived.
    public static var markdownTable: String {
        var lines = [
            "| key | what it does | value | default | a later layer | `gate` flag | a failed check is waived |",
            "|---|---|---|---|---|---|---|",
        ]
        for field in all {
            let flag = field.flag.map { flag in
                "`--\(flag)\(field.kind.flagValueName.map { " <\($0)>" } ?? "")`" + (field.kind.isRepeatable ? ", repeatable" : "")
            } ?? "—"
            lines.append("| `\(field.key)` | \(field.summary) | \(field.kind.valueDescription) | \(field.defaultDescription) | \(field.kind.merging) | \(flag) | \(field.waiverDescription) |")
        }
        return lines.joined(separator: "\n")
    }

    /// The default, as README shows it.
    var defaultDescription: String {
        let defaults = Policy()
        switch slot {
        case .score(let stored, _): return defaults[keyPath: stored].map(Score.format) ?? "none"
        case .sectionScores(let stored, _):
            let scores = defaults[keyPath: stored]
            return scores.isEmpty ? "none" : scores.sorted { $0.key < $1.key }.map { "\($0.key): \(Score.format($0.value))" }.joined(separator: ", ")
        case .items(let stored, _):
            let items = defaults[keyPath: stored]
            return items.isEmpty ? "none" : items.joined(separator: ", ")
        case .failure(let stored, _): return "`\(defaults[keyPath: stored].rawValue)`"
        case .days(let stored, _): return "\(defaults[keyPath: stored])"
        }
    }

    var waiverDescription: String {
        switch waiving {
        case .noCheck: "— (no check of its own)"
        case .throughItem: "with its item: `preflight waive ITEM` (unless `unwaivable`)"
        case .byKey: "`preflight waive --policy \(key)`"
        case .bySection: "`preflight waive --policy \(key).<section>`"
        case .byKeyOrSection: "`preflight waive --policy \(key)` (every drop) or `\(key).<section>` (one section's)"
        }
    }
}

extension PolicyField.Kind {
    /// What the value is, as README shows it.
    public var valueDescription: String {
        switch self {
        case .score: "a score, 0 to 1000"
        case .sectionScores: "section ids → scores, 0 to 1000"
        case .items: "an item id or a list of them"
        case .failure: "`block` or `ignore`"
        case .days: "whole days, 0 to 366"
        }
    }

    /// What a later layer (rubric → preflight.yaml → flags) does to an earlier one's value.
    public var merging: String {
        switch self {
        case .score, .failure, .days: "replaces it"
        case .sectionScores: "replaces the sections it names"
        case .items: "adds to the list"
        }
    }

    /// The flag's value placeholder in `--help`; nil where ArgumentParser lists the values.
    public var flagValueName: String? {
        switch self {
        case .score: "score"
        case .sectionScores: "section=score"
        case .items: "item-id"
        case .failure: nil
        case .days: "days"
        }
    }

    /// Whether the flag may be given several times, each adding one value.
    public var isRepeatable: Bool { self == .sectionScores || self == .items }
}

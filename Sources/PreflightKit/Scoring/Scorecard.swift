/// The level an item reached.
public enum Level: String, Sendable, Codable {
    case automated
    case manual
}

/// How one item fared.
public struct ItemResult: Sendable, Codable, Identifiable {
    public var id: String
    public var title: String
    public var section: String
    public var outcome: Outcome
    public var level: Level?
    public var points: Double
    public var maxPoints: Double
    public var automated: Finding?
    public var manual: Finding?
    /// Why the team marked it not applicable.
    public var skipReason: String?
    /// Errors or missing data met while evaluating it, even when a lower level was still earned.
    public var problems: [ItemProblem]
    /// Why the test matters and how to satisfy it, from the rubric.
    public var why: String
    public var how: String
    /// What earns each level, in plain words, when the rubric says.
    public var counts: ItemCounts?
    public var location: SourceLocation?

    /// The problems' messages, as reports list them.
    public var problemMessages: [String] { problems.map(\.message) }
}

/// An error or missing data met while evaluating an item: its outcome says which policy setting applies
/// (`onError` or `onUnavailable`).
public struct ItemProblem: Sendable, Codable, Hashable {
    /// `.error` or `.notAvailable`.
    public var outcome: Outcome
    public var message: String

    public init(outcome: Outcome, message: String) {
        self.outcome = outcome
        self.message = message
    }
}

extension ItemResult {
    /// JSON keeps `problems` as the list of messages it always was and adds `problemDetails` with each outcome
    /// (only when there are problems).
    enum CodingKeys: String, CodingKey {
        case id, title, section, outcome, level, points, maxPoints, automated, manual, skipReason, problems, problemDetails
        case why, how, counts, location
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        section = try container.decode(String.self, forKey: .section)
        outcome = try container.decode(Outcome.self, forKey: .outcome)
        level = try container.decodeIfPresent(Level.self, forKey: .level)
        points = try container.decode(Double.self, forKey: .points)
        maxPoints = try container.decode(Double.self, forKey: .maxPoints)
        automated = try container.decodeIfPresent(Finding.self, forKey: .automated)
        manual = try container.decodeIfPresent(Finding.self, forKey: .manual)
        skipReason = try container.decodeIfPresent(String.self, forKey: .skipReason)
        // A report written before problems had outcomes: each counts as an error, the stricter reading.
        problems = try container.decodeIfPresent([ItemProblem].self, forKey: .problemDetails)
            ?? container.decode([String].self, forKey: .problems).map { ItemProblem(outcome: .error, message: $0) }
        why = try container.decode(String.self, forKey: .why)
        how = try container.decode(String.self, forKey: .how)
        counts = try container.decodeIfPresent(ItemCounts.self, forKey: .counts)
        location = try container.decodeIfPresent(SourceLocation.self, forKey: .location)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(section, forKey: .section)
        try container.encode(outcome, forKey: .outcome)
        try container.encodeIfPresent(level, forKey: .level)
        try container.encode(points, forKey: .points)
        try container.encode(maxPoints, forKey: .maxPoints)
        try container.encodeIfPresent(automated, forKey: .automated)
        try container.encodeIfPresent(manual, forKey: .manual)
        try container.encodeIfPresent(skipReason, forKey: .skipReason)
        try container.encode(problemMessages, forKey: .problems)
        if !problems.isEmpty { try container.encode(problems, forKey: .problemDetails) }
        try container.encode(why, forKey: .why)
        try container.encode(how, forKey: .how)
        try container.encodeIfPresent(counts, forKey: .counts)
        try container.encodeIfPresent(location, forKey: .location)
    }
}

/// A section's sum.
public struct SectionScore: Sendable, Codable, Identifiable {
    public var id: String
    public var title: String
    public var points: Double
    public var maxPoints: Double
    public var items: [ItemResult]
}

/// Where a value falls on a band table.
public struct BandPlacement: Sendable, Codable, Hashable {
    public var index: Int
    public var count: Int
    public var label: String
    public var danger: String?
    /// Every band of the table in order, so a report can draw the whole scale.
    public var bands: [BandStep]
}

/// One band of a scale, as reports draw it.
public struct BandStep: Sendable, Codable, Hashable {
    /// The band's upper edge as written (`≤ 2`, `< 10`), or nil for the last, open band.
    public var edge: String?
    public var label: String
    public var danger: String?
}

/// All scores of one evaluation.
public struct Scorecard: Sendable, Codable {
    public var sections: [SectionScore]
    /// The ML Test Score: the minimum of the section sums (or their sum, as the rubric says).
    public var final: Double
    public var finalBand: BandPlacement
    /// Points earned over the whole rubric, placed on the science-project-to-production scale.
    public var total: Double
    public var maxTotal: Double
    public var production: BandPlacement

    public var items: [ItemResult] { sections.flatMap(\.items) }
    /// The section that sets a minimum-based final score.
    public var weakestSection: SectionScore? { sections.min { $0.points < $1.points } }
}

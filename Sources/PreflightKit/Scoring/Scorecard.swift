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
    public var problems: [String]
    /// Why the test matters and how to satisfy it, from the rubric.
    public var why: String
    public var how: String
    public var location: SourceLocation?
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

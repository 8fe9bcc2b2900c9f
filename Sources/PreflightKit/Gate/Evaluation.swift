import Foundation

/// The complete result of one gate run: what was evaluated, with what, the scores, and the verdict.
public struct Evaluation: Sendable, Codable {
    public static let schemaVersion = 1

    public struct RubricInfo: Sendable, Codable {
        public var id: String
        public var title: String
        public var version: Int
        public var origin: String
        public var source: String?
        public var contentHash: String
        /// The SHA-256 of the rubric's content (see `Rubric.contentDigest`).
        public var contentDigest: String?
    }

    public struct RepositoryInfo: Sendable, Codable {
        /// The path as the user gave it (reports never print absolute paths of the machine they ran on).
        public var path: String
        /// The repository directory's own name, for titles when the model has none.
        public var name: String
        public var commit: String?
        public var branch: String?
        public var filesIndexed: Int
        public var git: Bool
    }

    public var schemaVersion = Evaluation.schemaVersion
    public var tool: String
    public var generatedAt: Date
    public var model: ModelIdentity?
    public var config: String?
    /// For each item, the line of the configuration file that configures it (for code-review annotations).
    public var configLines: [String: Int]
    public var rubric: RubricInfo
    public var repository: RepositoryInfo
    public var policy: Policy
    public var scorecard: Scorecard
    public var verdict: Verdict
    public var manual: ManualRecords
    /// This release against its baseline, the last version of the model approved without waivers, when there is a history.
    public var baseline: BaselineComparison?
    /// Earlier evaluations of the model, oldest first.
    public var trend: [TrendPoint]
    /// Where this evaluation is recorded, when the run asked for it (the id once `Gate.record` stored it).
    public var history: HistoryEntry?
    public var notes: [String]
}

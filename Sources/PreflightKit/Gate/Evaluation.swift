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
    }

    public struct RepositoryInfo: Sendable, Codable {
        /// The path as the user gave it (reports never print absolute paths of the machine they ran on).
        public var path: String
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
    public var rubric: RubricInfo
    public var repository: RepositoryInfo
    public var policy: Policy
    public var scorecard: Scorecard
    public var verdict: Verdict
    public var notes: [String]
}

/// Options of one gate run; every field has the default a user gets from `preflight gate .`.
public struct GateOptions: Sendable {
    /// A bundled rubric name or a path; wins over preflight.yaml.
    public var rubric: String?
    /// A preflight.yaml elsewhere than the repository root.
    public var configPath: String?
    /// Flag overrides, applied last.
    public var policy = PolicyOverrides()
    public var model: ModelIdentity?
    public var now = Date()
    public var maxFileBytes = 4 << 20

    public init() {}
}

/// The engine: everything `preflight gate` does, as a library call.
public enum Gate {
    /// Evaluates the repository at `path`. Throws only when no decision can be made (bad input, unreadable repository).
    public static func evaluate(repository path: String, options: GateOptions = GateOptions()) throws -> Evaluation {
        let index = try RepositoryIndex.build(at: path)
        let config = try options.configPath.map { try ModelConfig.load(file: URL(fileURLWithPath: $0), displayName: $0) }
            ?? ModelConfig.load(in: index.root, displayName: (path as NSString).appendingPathComponent(ModelConfig.fileName))
        let configDirectory = options.configPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? index.root
        let reference = options.rubric ?? config.rubric ?? RubricLoader.defaultName
        let rubric = try RubricLoader.load(reference, relativeTo: options.rubric == nil ? configDirectory : nil,
                                           parameters: config.parameters)
        try config.check(against: rubric)
        let policy = rubric.policy.merged(with: config.policy).merged(with: options.policy)
        try rubric.checkPolicyNamesForFlags(policy)

        let probes = rubric.items.flatMap { [$0.automated, $0.manual].compactMap { $0 } }.flatMap(\.probes)
        let evidence = EvidenceCollector(index: index, now: options.now, maxFileBytes: options.maxFileBytes).collect(for: probes)
        let skips = config.items.compactMapValues(\.skip)
        let scorecard = Scorer(rubric: rubric, skips: skips).score(RuleEvaluator(evidence: evidence))
        return Evaluation(
            tool: "preflight \(Preflight.version)", generatedAt: options.now,
            model: options.model ?? config.model, config: config.file,
            rubric: .init(id: rubric.id, title: rubric.title, version: rubric.version, origin: rubric.origin, source: rubric.source),
            repository: .init(path: path, commit: index.commit, branch: index.branch, filesIndexed: index.files.count, git: index.isGit),
            policy: policy, scorecard: scorecard, verdict: Verdict(scorecard: scorecard, policy: policy),
            notes: evidence.notes.sorted())
    }
}

extension Rubric {
    /// Flags name sections and items too; they have no file position, so their errors are plain.
    func checkPolicyNamesForFlags(_ policy: Policy) throws {
        do {
            try checkPolicyNames(policy, at: [])
        } catch let error as FieldError {
            throw PreflightError.invalidArgument("policy flag: \(error.message)")
        }
    }
}

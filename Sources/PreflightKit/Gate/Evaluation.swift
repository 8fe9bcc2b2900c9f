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

/// The attestations and waivers the gate read, with their states, for reviewers.
public struct ManualRecords: Sendable, Codable {
    public var attestationsFile: String
    public var attestations: [AttestationLedger.Entry]
    public var waiversFile: String
    public var waivers: [WaiverLedger.Entry]
    /// Malformed entries and unusable files, as located messages: none of them counted.
    public var problems: [String]

    init(attestations: AttestationLedger, waivers: WaiverLedger) {
        attestationsFile = attestations.file
        self.attestations = attestations.entries
        waiversFile = waivers.file
        self.waivers = waivers.entries
        problems = ([attestations.failure, waivers.failure].compactMap { $0?.localizedDescription })
            + attestations.problems.map(\.message) + waivers.problems.map(\.message)
    }
}

/// Options of one gate run; every field has the default a user gets from `preflight gate .`.
public struct GateOptions: Sendable {
    /// A bundled rubric name or a path; wins over preflight.yaml.
    public var rubric: String?
    /// A preflight.yaml elsewhere than the repository root.
    public var configPath: String?
    /// Flag overrides, applied last.
    public var policy = PolicyOverrides()
    /// The model's name and version, overriding preflight.yaml.
    public var modelName: String?
    public var modelVersion: String?
    public var now = Date()
    public var maxFileBytes = 4 << 20
    public var history = HistorySettings()
    /// A Prometheus base URL replacing preflight.yaml's `sources.prometheus.url`.
    public var prometheusURL: URL?
    /// Where credentials that sources name are read: the caller's environment (the CLI passes the process's); the
    /// library never reads the process's own.
    public var environment: [String: String] = [:]

    public init() {}
}

/// What a gate run works from: the repository's index, its configuration, the rubric and the policy in force.
public struct GateContext: Sendable {
    /// The repository path as the user gave it.
    public var path: String
    public var index: RepositoryIndex
    public var config: ModelConfig
    public var rubric: Rubric
    public var policy: Policy
    public var model: ModelIdentity?
    public var now: Date
    package var reader: RepositoryReader
    /// The live sources, from preflight.yaml and the flags.
    public var sources: SourcesConfig
    /// Where preflight.yaml is; paths in it are relative to it.
    public var configDirectory: URL

    /// Reads the repository's index, preflight.yaml and rubric, and merges the policy; throws on bad input.
    public init(repository path: String, options: GateOptions = GateOptions()) throws {
        self.path = path
        // Listing the repository (git) and reading the rubric (YAML) are independent: do both at once.
        let indexing = Background { Result { try RepositoryIndex.build(at: path) } }
        let root = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        config = try options.configPath.map { try ModelConfig.load(file: URL(fileURLWithPath: $0), displayName: $0) }
            ?? ModelConfig.load(in: root, displayName: Self.display(path, ModelConfig.fileName))
        configDirectory = options.configPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? root
        let reference = options.rubric ?? config.rubric ?? RubricLoader.defaultName
        // A rubric that preflight.yaml names by path is part of the repository; one given by flag is the user's choice.
        if options.rubric == nil, options.configPath == nil, let named = config.rubric, !RubricLoader.bundledNames.contains(named),
           case let candidate = URL(fileURLWithPath: named, relativeTo: configDirectory).standardizedFileURL.path,
           FileManager.default.fileExists(atPath: candidate),
           !Confinement.resolves(candidate, inside: root.path) {
            throw PreflightError.refusedInput(file: Self.display(path, ModelConfig.fileName),
                                              reason: "rubric '\(named)' lies outside the repository")
        }
        rubric = try RubricLoader.load(reference, relativeTo: options.rubric == nil ? configDirectory : nil,
                                       parameters: config.parameters)
        try config.check(against: rubric)
        policy = rubric.policy.merged(with: config.policy).merged(with: options.policy)
        try rubric.checkPolicyNamesForFlags(options.policy)
        index = try indexing.wait().get()
        if options.modelName != nil || options.modelVersion != nil || config.model != nil {
            let name = options.modelName ?? config.model?.name ?? index.root.lastPathComponent
            model = ModelIdentity(name: name, version: options.modelVersion ?? config.model?.version)
        }
        now = options.now
        reader = RepositoryReader(root: index.root, maxBytes: options.maxFileBytes)
        sources = config.sources
        if let url = options.prometheusURL {
            if sources.prometheus == nil { sources.prometheus = PrometheusSource(url: url) } else { sources.prometheus?.url = url }
        }
    }

    /// The sources outside the files a gate asks: the ledgers, and the live ones preflight.yaml configures.
    package func sources(environment: [String: String]) -> [any EvidenceSource] {
        [AttestationsSource("attestations") { attestations() }, WaiversSource("waivers") { waivers() }] + sources.live(environment: environment)
    }

    /// A repository file as reports name it: under the path the user gave, never the machine's absolute path.
    public static func display(_ repository: String, _ file: String) -> String {
        repository == "." ? file : (repository as NSString).appendingPathComponent(file)
    }
}

/// The engine: everything `preflight gate` does, as a library call.
public enum Gate {
    /// Evaluates the repository at `path`. Throws only when no decision can be made (bad input, unreadable repository).
    public static func evaluate(repository path: String, options: GateOptions = GateOptions()) throws -> Evaluation {
        let context = try GateContext(repository: path, options: options)
        let rubric = context.rubric, index = context.index
        // The history is read while the evidence is collected; its errors surface after scoring, as before.
        let reading = Background { Result { try HistoryAccess(context: context, settings: options.history) } }
        let probes = rubric.items.flatMap { [$0.automated, $0.manual].compactMap { $0 } }.flatMap(\.probes)
        var plan = EvidencePlan(probes)
        plan.ask(AttestationsSource.self, .ledger)
        plan.ask(WaiversSource.self, .ledger)
        let evidence = EvidenceCollector(index: index, now: options.now, maxFileBytes: options.maxFileBytes,
                                         sources: context.sources(environment: options.environment)).collect(plan)
        guard let attestations = evidence.answers(from: AttestationsSource.self)?[.ledger],
              let waivers = evidence.answers(from: WaiversSource.self)?[.ledger] else {
            throw PreflightError.unreadable(path: context.config.attestations, reason: "internal: the ledgers were not read")
        }
        let skips = context.config.items.compactMapValues(\.skip)
        let scorecard = Scorer(rubric: rubric, skips: skips).score(RuleEvaluator(evidence: evidence))
        let history = try reading.wait().get()
        let baseline = history.baseline(for: scorecard, rubricHash: rubric.contentHash)
        return Evaluation(
            tool: "preflight \(Preflight.version)", generatedAt: options.now,
            model: context.model, config: context.config.file,
            configLines: Dictionary(uniqueKeysWithValues: rubric.items.compactMap { item in
                context.config.line(configuring: item.id).map { (item.id, $0) }
            }),
            rubric: .init(id: rubric.id, title: rubric.title, version: rubric.version, origin: rubric.origin, source: rubric.source,
                          contentHash: rubric.contentHash),
            repository: .init(path: path, name: index.root.lastPathComponent, commit: index.commit, branch: index.branch, filesIndexed: index.files.count, git: index.isGit),
            policy: context.policy, scorecard: scorecard,
            verdict: Verdict(scorecard: scorecard, policy: context.policy, waivers: waivers.inForce, baseline: baseline),
            manual: ManualRecords(attestations: attestations, waivers: waivers),
            baseline: baseline, trend: history.trend, history: history.entry,
            notes: evidence.notes.sorted())
    }

    /// Records `evaluation` in its history when its run asked to (`evaluation.history` says where), opening the
    /// store with `settings` (those the run was evaluated with), and returns it with the record's id. Call it last,
    /// once every report is written, so that a run that ends without a decision records nothing.
    public static func record(_ evaluation: Evaluation, history settings: HistorySettings) throws -> Evaluation {
        guard let entry = evaluation.history, entry.recordID == nil else { return evaluation }
        guard let file = entry.file else {
            throw PreflightError.history(path: entry.path, reason: "this evaluation does not say where its history is")
        }
        guard let store = try settings.openStore(at: file, create: true) else {
            throw PreflightError.history(path: entry.path, reason: "the history store could not be created")
        }
        var recorded = evaluation
        recorded.history?.recordID = try store.append(HistoryRecord(evaluation))
        return recorded
    }
}

extension Rubric {
    /// Flags name sections and items too; they have no file position, so their errors are plain.
    func checkPolicyNamesForFlags(_ policy: PolicyOverrides) throws {
        do {
            try checkPolicyNames(policy, at: [])
        } catch let error as FieldError {
            throw PreflightError.invalidArgument("policy flag: \(error.message)")
        }
    }
}

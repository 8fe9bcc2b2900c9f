import Foundation

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
    /// What healthy means in production: preflight.yaml's `monitoring:`, or monitoring.yaml beside it.
    public var monitoringPlan: MonitoringPlan?

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
        // The model's own item rules and items first: the policy may require them.
        rubric = try rubric.applying(config)
        try config.check(against: rubric)
        let planFile = Self.display(path, MonitoringPlan.fileName)
        monitoringPlan = try MonitoringPlan.load(in: configDirectory, config: config, displayName: planFile)
        if config.monitoring == nil, let monitoringPlan { try monitoringPlan.checkCovers(against: rubric, file: planFile) }
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

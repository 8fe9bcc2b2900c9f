/// One CI system: where it keeps its pipelines and how to read one. A system is one file in `CI/Readers/`,
/// registered in `PipelineReaders.all`.
protocol PipelineReader: Sendable {
    static var system: CISystem { get }
    /// Where the system keeps its pipeline files; nil when its pipelines are found only by content.
    static var locations: GlobSet? { get }
    /// Whether a pipeline file is read as text rather than parsed as YAML or JSON (a Jenkinsfile).
    static var readsText: Bool { get }
    /// The pipelines of a file at one of `locations`.
    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline]
    /// A cheap test of any YAML file's text: could it hold a pipeline of this system, recognised by content?
    static func mayHold(_ text: String) -> Bool
    /// The pipeline a parsed YAML document anywhere in the repository holds, recognised by its content.
    static func detect(path: String, document: DataNode) -> CIPipeline?
}

extension PipelineReader {
    static var readsText: Bool { false }
    static func mayHold(_ text: String) -> Bool { false }
    static func detect(path: String, document: DataNode) -> CIPipeline? { nil }

    /// Shared by readers that read each YAML document of a file as one pipeline.
    static func globs(_ patterns: [String]) -> GlobSet { try! GlobSet(patterns) }
}

/// The registry: every CI system Preflight reads. Content detection tries them in this order.
enum PipelineReaders {
    static let all: [any PipelineReader.Type] = [
        GitHubActions.self, GitLabCI.self, AzurePipelines.self, Jenkinsfile.self, CircleCI.self, CloudBuild.self,
        CodeBuild.self, BitbucketPipelines.self, Tekton.self, ArgoWorkflows.self, KubernetesCronJobs.self, DatabricksJobs.self,
    ]

    /// The systems with pipeline files at known places, with those places, in registry order.
    static let located: [(CISystem, GlobSet)] = all.compactMap { reader in reader.locations.map { (reader.system, $0) } }

    /// YAML files that may hold a pipeline recognised by its content wherever it is.
    static let contentCandidates = try! GlobSet(["*.yaml", "*.yml"])

    static func reader(for system: CISystem) -> (any PipelineReader.Type)? { all.first { $0.system == system } }

    /// Cheap test before parsing an arbitrary YAML file as a pipeline.
    static func mayHoldPipeline(_ text: String) -> Bool { all.contains { $0.mayHold(text) } }

    /// The pipelines of a file at a system's known place.
    static func parse(system: CISystem, path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        reader(for: system)?.parse(path: path, text: text, documents: documents) ?? []
    }

    /// Pipelines recognised by content in a YAML file anywhere.
    static func detect(path: String, documents: [DataNode]) -> [CIPipeline] {
        documents.compactMap { document in all.lazy.compactMap { $0.detect(path: path, document: document) }.first }
    }
}

/// A CI system whose pipelines Preflight reads, by the name rubrics use (`system: gitlab`).
public struct CISystem: RawRepresentable, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Every system, in registry order.
    public static var allCases: [CISystem] { PipelineReaders.all.map { $0.system } }

    /// The system named `name`, if Preflight reads it.
    public static func named(_ name: String) -> CISystem? { allCases.first { $0.rawValue == name } }

    public var description: String { rawValue }
}

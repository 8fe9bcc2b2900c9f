import Foundation

/// Everything the probes may look at, gathered once. Probes read it; they never touch the disk or the network.
public struct Evidence: Sendable {
    /// A structured file, parsed, or the reason it could not be.
    public enum Document: Sendable {
        case parsed([DataNode])
        case failed(String)
    }

    public var repository: RepositoryIndex
    /// The evaluation time: staleness and ages are measured from it.
    public var now: Date
    /// Tracked files selected by each path-only probe's globs, in index order.
    public var paths: [GlobSet: [String]] = [:]
    public var content: [ContentQuery: ContentResult] = [:]
    /// Structured files that key probes selected, by path.
    public var documents: [String: Document] = [:]
    /// The paths in `documents` each key probe's glob set selects, in index order.
    public var documentPaths: [GlobSet: [String]] = [:]
    public var pipelines: [CIPipeline] = []
    /// CI definition files that could not be read or parsed, by path.
    public var pipelineFailures: [String: String] = [:]
    public var history: GitHistory?
    /// Why `history` is missing when a probe needed it.
    public var historyFailure: String?
    public var codeOwners: CodeOwners?
    public var codeOwnersFailure: String?
    /// For each owners probe's glob set, the files it selects that CODEOWNERS gives no owner, in index order.
    public var unowned: [GlobSet: [String]] = [:]
    /// Answers of the live Prometheus by request; nil when no source is configured.
    public var prometheus: [PrometheusRequest: PrometheusAnswer]?
    /// The Prometheus source, as reports show it (never with credentials).
    public var prometheusSource: String?
    /// Report files that report probes selected, by path, and the paths each probe's glob set selects.
    public var reportFiles: [String: ReportFile] = [:]
    public var reportPaths: [GlobSet: [String]] = [:]
    /// The repository's attestations, checked; nil when they were not read.
    public var attestations: AttestationLedger?
    /// Things left out while gathering, said to the user (skipped symlinks, unreadable files).
    public var notes: [String] = []

    public init(repository: RepositoryIndex, now: Date) {
        self.repository = repository
        self.now = now
    }
}

/// A result file written by a validation or monitoring tool: its text, and when it was made as far as the
/// repository knows (its last commit, its file time).
public struct ReportFile: Sendable {
    public struct Unreadable: Error, Sendable {
        public var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Why the repository cannot date the file: its last commit, as git shows it, is a shallow clone's boundary, so
    /// the real one is at or before `notAfter`; its file time is then a checkout's, no date either.
    public struct UnknownDate: Sendable {
        public var reason: String
        public var notAfter: Date
    }

    public var contents: Result<String, Unreadable>
    public var committed: Date?
    public var modified: Date?
    /// Set instead of `committed` and `modified` when neither can be known.
    public var unknownDate: UnknownDate?
}

import Foundation

/// Everything the probes may look at, gathered once. Judges read it; they never touch the disk or the network, and
/// what was not gathered is an internal error, never recomputed.
public struct Evidence: Sendable {
    /// A structured file, parsed, or why it could not be.
    public typealias Document = Result<[DataNode], EvidenceFailure>

    /// The evaluation time: staleness and ages are measured from it.
    public var now: Date
    /// Tracked files selected by each listed glob set, in index order.
    public var paths: [GlobSet: [String]] = [:]
    public var content: [ContentQuery: ContentResult] = [:]
    /// Structured files that key probes selected, by path.
    public var documents: [String: Document] = [:]
    /// The paths in `documents` each key probe's glob set selects, in index order.
    public var documentPaths: [GlobSet: [String]] = [:]
    public var pipelines: [CIPipeline] = []
    /// CI definition files that could not be read or parsed, by path.
    public var pipelineFailures: [String: EvidenceFailure] = [:]
    /// The CODEOWNERS file, or why it could not be read; nil when the repository has none.
    public var codeOwners: Result<CodeOwners, EvidenceFailure>?
    /// For each owners probe's glob set, the files it selects that CODEOWNERS gives no owner, in index order.
    public var unowned: [GlobSet: [String]] = [:]
    /// Result files that report probes selected, by path, and the paths each probe's glob set selects.
    public var reportFiles: [String: ReportFile] = [:]
    public var reportPaths: [GlobSet: [String]] = [:]
    /// What each source outside the files answered, by source type.
    var sourceAnswers: [ObjectIdentifier: any Sendable] = [:]
    /// Things left out while gathering, said to the user (skipped symlinks, unreadable files).
    public var notes: [String] = []

    public init(now: Date) { self.now = now }

    /// What `Source` answered, or nil when the gate has no such source or asked it nothing.
    public func answers<Source: EvidenceSource>(from source: Source.Type) -> SourceAnswers<Source>? {
        sourceAnswers[ObjectIdentifier(source)] as? SourceAnswers<Source>
    }

    /// Records what `Source` answered (for tests and sources run elsewhere).
    public mutating func record<Source: EvidenceSource>(_ answers: SourceAnswers<Source>) {
        sourceAnswers[ObjectIdentifier(Source.self)] = answers
    }
}

/// A result file written by a validation or monitoring tool, parsed in each format a probe asked for, and when it
/// was made as far as the repository knows (its last commit, its file time).
public struct ReportFile: Sendable {
    /// Why the repository cannot date the file: its last commit, as git shows it, is a shallow clone's boundary, so
    /// the real one is at or before `notAfter`; its file time is then a checkout's, no date either.
    public struct UnknownDate: Sendable {
        public var reason: String
        public var notAfter: Date
    }

    /// The file in each format asked, or why it cannot be read so.
    var parsed: [ReportProbe.Format: Result<ParsedReport, EvidenceFailure>] = [:]
    public var committed: Date?
    public var modified: Date?
    /// Set instead of `committed` and `modified` when neither can be known.
    public var unknownDate: UnknownDate?
}

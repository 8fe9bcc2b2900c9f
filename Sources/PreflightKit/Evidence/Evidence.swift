import Foundation

/// Everything the probes may look at, gathered once. Judges read it; they never touch the disk or the network, and
/// what was not gathered is an internal error, never recomputed.
package struct Evidence: Sendable {
    /// A structured file, parsed, or why it could not be.
    package typealias Document = Result<[DataNode], EvidenceFailure>

    /// The evaluation time: staleness and ages are measured from it.
    package var now: Date
    /// The repository's monitoring plan, and how it holds on the live Prometheus (nil without a server).
    package var monitoringPlan: MonitoringPlan?
    package var planCheck: PlanCheck?
    /// Tracked files selected by each listed glob set, in index order.
    package var paths: [GlobSet: [String]] = [:]
    package var content: [ContentQuery: ContentResult] = [:]
    /// Structured files that key probes selected, by path.
    package var documents: [String: Document] = [:]
    /// The paths in `documents` each key probe's glob set selects, in index order.
    package var documentPaths: [GlobSet: [String]] = [:]
    package var pipelines: [CIPipeline] = []
    /// What each Python file or notebook a Python probe selects imports and calls, by path.
    var python: [String: PythonSummary] = [:]
    /// The paths in `python` each Python probe's glob set selects, in index order.
    package var pythonPaths: [GlobSet: [String]] = [:]
    /// Python files and notebooks a Python probe selects that could not be read, by path.
    package var pythonFailures: [String: EvidenceFailure] = [:]
    /// The Python files CI runs or imports from what it runs, each with how CI gets there; nil unless asked.
    var pythonReach: PythonReach?
    /// The manifests and templates CI deploys, each with the command that does; nil unless asked.
    var deployments: [DeployedManifests.Target]?
    /// What each rule file an alerts probe selects declares, or why it could not be read, by path.
    package var ruleFiles: [String: Result<RuleFile, EvidenceFailure>] = [:]
    /// The YAML and JSON paths each alerts probe's glob set selects, in index order.
    package var ruleFilePaths: [GlobSet: [String]] = [:]
    /// CI definition files that could not be read or parsed, by path.
    package var pipelineFailures: [String: EvidenceFailure] = [:]
    /// The CODEOWNERS file, or why it could not be read; nil when the repository has none.
    package var codeOwners: Result<CodeOwners, EvidenceFailure>?
    /// For each owners probe's glob set, the files it selects that CODEOWNERS gives no owner, in index order.
    package var unowned: [GlobSet: [String]] = [:]
    /// Result files that report probes selected, by path, and the paths each probe's glob set selects.
    package var reportFiles: [String: ReportFile] = [:]
    package var reportPaths: [GlobSet: [String]] = [:]
    /// What each source outside the files answered, by source type.
    var sourceAnswers: [ObjectIdentifier: any Sendable] = [:]
    /// Things left out while gathering, said to the user (skipped symlinks, unreadable files).
    package var notes: [String] = []

    package init(now: Date) { self.now = now }

    /// What `Source` answered, or nil when the gate has no such source or asked it nothing.
    package func answers<Source: EvidenceSource>(from source: Source.Type) -> SourceAnswers<Source>? {
        sourceAnswers[ObjectIdentifier(source)] as? SourceAnswers<Source>
    }

    /// Records what `Source` answered (for tests and sources run elsewhere).
    package mutating func record<Source: EvidenceSource>(_ answers: SourceAnswers<Source>) {
        sourceAnswers[ObjectIdentifier(Source.self)] = answers
    }
}

/// A result file written by a validation or monitoring tool, parsed in each format a probe asked for, and when it
/// was made as far as the repository knows (its last commit, its file time).
package struct ReportFile: Sendable {
    /// Why the repository cannot date the file: its last commit, as git shows it, is a shallow clone's boundary, so
    /// the real one is at or before `notAfter`; its file time is then a checkout's, no date either.
    package struct UnknownDate: Sendable {
        package var reason: String
        package var notAfter: Date
    }

    /// The file in each format asked, or why it cannot be read so.
    var parsed: [ReportProbe.Format: Result<ParsedReport, EvidenceFailure>] = [:]
    package var committed: Date?
    package var modified: Date?
    /// Set instead of `committed` and `modified` when neither can be known.
    package var unknownDate: UnknownDate?
    /// Why the repository could not say when the file was made (git failed, or the file is not committed yet).
    package var dateFailure: EvidenceFailure?
}

import Foundation
import Synchronization

/// Gathers the evidence a set of probes needs, in one pass over the repository index.
///
/// A file no probe selects is never opened; a file several probes need is read once; reads run in parallel.
public struct EvidenceCollector: Sendable {
    public let index: RepositoryIndex
    public let reader: RepositoryReader
    public let now: Date

    /// The live Prometheus that `prometheus` probes ask, if any.
    public var prometheus: PrometheusSource?
    /// Where credentials named by the source are read.
    public var environment = ProcessInfo.processInfo.environment

    public init(index: RepositoryIndex, now: Date, maxFileBytes: Int = 4 << 20, prometheus: PrometheusSource? = nil) {
        self.index = index
        self.reader = RepositoryReader(root: index.root, maxBytes: maxFileBytes)
        self.now = now
        self.prometheus = prometheus
    }

    /// What the probes ask for, deduplicated. Every distinct glob set is matched once per path.
    struct Needs: Sendable {
        var content: [ContentQuery] = []
        /// Runs the content queries, numbered as in `content`, over a file.
        var scanner: ContentScanner
        /// The glob set of each content query, as an index into `globSets`.
        var contentGlobs: [Int] = []
        var structured: [Int] = []
        /// For each structured glob set, the literal key names each of its key probes needs (`*` left out): a file
        /// that mentions none of them cannot hold the key, so it is not parsed.
        var keyNames: [Int: [[String]]] = [:]
        var listed: [Int] = []
        /// Glob sets of report probes: their files are read and kept as text.
        var reports: [Int] = []
        var globSets: [GlobSet] = []
        /// `globSets`, then the CI systems' locations, then the files that may hold a pipeline: compiled once.
        var table: GlobTable
        var ci = false
        var owners = false
        /// Glob sets of owners probes: which of their files lack an owner is worked out once per set.
        var ownerSets: [GlobSet] = []
        /// The Prometheus API requests the probes need, each made once.
        var prometheus = Set<PrometheusRequest>()
        var historyWindow: TimeInterval?

        init(_ probes: [Probe]) {
            var content = Set<ContentQuery>(), structured = Set<GlobSet>(), listed = Set<GlobSet>()
            var keys: [GlobSet: [[String]]] = [:]
            var reportSets = Set<GlobSet>()
            for probe in probes {
                switch probe {
                case .files(let files):
                    if let query = files.contentQuery { content.insert(query) } else { listed.insert(files.files) }
                case .key(let key):
                    structured.insert(key.files)
                    keys[key.files, default: []].append(key.key.segments.filter { $0 != "*" })
                case .ci: ci = true
                case .owners(let probe):
                    owners = true
                    listed.insert(probe.files)
                    if !ownerSets.contains(probe.files) { ownerSets.append(probe.files) }
                case .changed(let changed):
                    historyWindow = max(historyWindow ?? 0, changed.within)
                    listed.insert(changed.files)
                case .attestation: break
                case .prometheus(let probe): prometheus.formUnion(probe.question.requests)
                case .report(let probe): reportSets.insert(probe.files)
                }
            }
            self.content = content.sorted { "\($0.files)\($0.pattern)" < "\($1.files)\($1.pattern)" }
            let sets = Set(self.content.map(\.files)).union(structured).union(listed).union(reportSets)
            globSets = sets.sorted { $0.patterns.lexicographicallyPrecedes($1.patterns) }
            let position = Dictionary(uniqueKeysWithValues: globSets.enumerated().map { ($1, $0) })
            contentGlobs = self.content.map { position[$0.files]! }
            scanner = ContentScanner(self.content)
            self.structured = structured.map { position[$0]! }
            for (files, names) in keys { keyNames[position[files]!] = names }
            table = GlobTable(globSets + CICatalog.locations.map(\.1) + [CICatalog.contentCandidates])
            self.listed = listed.map { position[$0]! }
            reports = reportSets.map { position[$0]! }
        }
    }

    public func collect(for probes: [Probe]) -> Evidence {
        let needs = Needs(probes)
        var evidence = Evidence(repository: index, now: now)
        evidence.notes = index.notes
        // git log and the Prometheus queries run while the files are read: they need neither.
        let history = needs.historyWindow.map { window in Background { readHistory(window: window) } }
        let monitoring = prometheus.flatMap { source in
            needs.prometheus.isEmpty ? nil : Background { [environment] in
                PrometheusClient(source: source, environment: environment).fetch(needs.prometheus.sorted { $0.sortKey < $1.sortKey })
            }
        }
        let files = index.files
        let results = Mutex([FileEvidence?](repeating: nil, count: files.count))
        let workers = max(1, min(files.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var found: [(Int, FileEvidence)] = []
            for slot in stride(from: worker, to: files.count, by: workers) {
                if let plan = plan(for: files[slot], needs) { found.append((slot, examine(plan, needs))) }
            }
            results.withLock { for (slot, result) in found { $0[slot] = result } }
        }
        var merged = Merged(needs)
        for result in results.withLock({ $0 }).compactMap({ $0 }) { merge(result, into: &evidence, &merged) }
        for (number, query) in needs.content.enumerated() { evidence.content[query] = merged.content[number] }
        for number in needs.listed { evidence.paths[needs.globSets[number]] = merged.paths[number] }
        for number in needs.structured { evidence.documentPaths[needs.globSets[number]] = merged.documentPaths[number] }
        for number in needs.reports { evidence.reportPaths[needs.globSets[number]] = merged.reportPaths[number] }
        if let owners = evidence.codeOwners {
            for files in needs.ownerSets {
                evidence.unowned[files] = (evidence.paths[files] ?? []).filter { owners.owners(of: $0).isEmpty }
            }
        }
        datestampReports(&evidence)
        if let monitoring {
            evidence.prometheus = monitoring.wait()
            evidence.prometheusSource = prometheus?.display
        }
        if let history = history?.wait() {
            switch history {
            case .success(let read): evidence.history = read
            case .failure(let failure): evidence.historyFailure = failure.message
            }
        }
        return evidence
    }

    /// Why one file matters: the path lists it joins, which content queries read it, whether to parse it, which CI
    /// system it belongs to.
    struct Plan: Sendable {
        var path: String
        var listed: [Int] = []
        var queries: [Int] = []
        var dataSkipped: [Int] = []
        /// The structured glob sets (indices) this file matches: key probes may read it.
        var structured: [Int] = []
        var ci: CISystem?
        var pipelineCandidate = false
        var codeOwners = false
        /// The report glob sets (indices) this file matches.
        var reports: [Int] = []

        /// Whether some probe needs the file's text (a data file skipped by every query is only recorded).
        var mustRead: Bool { !queries.isEmpty || !structured.isEmpty || ci != nil || pipelineCandidate || codeOwners || !reports.isEmpty }
    }

    private func plan(for path: String, _ needs: Needs) -> Plan? {
        var plan = Plan(path: path)
        var bytes = path
        let matched = bytes.withUTF8 { needs.table.matches($0) }
        plan.listed = needs.listed.filter { matched[$0] }
        plan.reports = needs.reports.filter { matched[$0] }
        let isData = FileKind.isData(path)
        for (number, query) in needs.content.enumerated() where matched[needs.contentGlobs[number]] {
            if isData && !query.includeData { plan.dataSkipped.append(number) } else { plan.queries.append(number) }
        }
        if StructuredParser.canParse(path) { plan.structured = needs.structured.filter { matched[$0] } }
        if needs.ci {
            let ciMatches = matched[needs.globSets.count...]
            plan.ci = CICatalog.locations.indices.first { ciMatches[needs.globSets.count + $0] }.map { CICatalog.locations[$0].0 }
            plan.pipelineCandidate = plan.ci == nil && matched[matched.count - 1]
        }
        plan.codeOwners = needs.owners && CodeOwners.locations.contains(path)
        return plan.mustRead || !plan.dataSkipped.isEmpty || !plan.listed.isEmpty ? plan : nil
    }

    /// What one file contributed.
    struct FileEvidence: Sendable {
        var plan: Plan
        var read: RepositoryReader.Result?
        var matches: [Int: [LineMatch]] = [:]
        var document: Evidence.Document?
        var pipelines: [CIPipeline] = []
        var pipelineFailure: String?
    }

    private func examine(_ plan: Plan, _ needs: Needs) -> FileEvidence {
        var result = FileEvidence(plan: plan)
        guard plan.mustRead else { return result }
        let read = reader.read(plan.path)
        // Only CODEOWNERS and reports are needed as text after this pass; other texts are dropped here, so that
        // memory holds what was found, not every file read.
        if case .text = read, !plan.codeOwners, plan.reports.isEmpty { result.read = .text("") } else { result.read = read }
        guard case .text(let text) = read else {
            if plan.ci != nil, case .failed(let reason) = read { result.pipelineFailure = reason }
            return result
        }
        result.matches = needs.scanner.scan(text, path: plan.path, queries: plan.queries)
        let keyed = !plan.structured.isEmpty
        let mentionsKey = keyed && Self.mentionsAnyKey(text, plan.structured.flatMap { needs.keyNames[$0] ?? [] })
        if keyed && !mentionsKey { result.document = .parsed([]) }   // it cannot hold any key asked of it
        let wantsTree = mentionsKey || plan.ci != nil || (plan.pipelineCandidate && CICatalog.mayHoldPipeline(text))
        var documents: [DataNode] = []
        if wantsTree, plan.ci != .jenkins {
            do {
                documents = try StructuredParser.parse(text, path: plan.path)
                if mentionsKey { result.document = .parsed(documents) }
            } catch let failure as StructuredParser.Failure {
                if mentionsKey { result.document = .failed(failure.message) }
                if plan.ci != nil { result.pipelineFailure = failure.message }
                return result
            } catch {
                if mentionsKey { result.document = .failed("\(error)") }
                return result
            }
        }
        if let system = plan.ci {
            result.pipelines = CICatalog.parse(system: system, path: plan.path, text: text, documents: documents)
        } else if plan.pipelineCandidate, !documents.isEmpty {
            result.pipelines = DetectedPipelines.parse(path: plan.path, documents: documents)
        }
        return result
    }

    /// Per-query results while merging, indexed by number so that no query is hashed per file.
    struct Merged {
        var content: [ContentResult]
        var paths: [[String]]
        var documentPaths: [[String]]
        var reportPaths: [[String]]

        init(_ needs: Needs) {
            content = Array(repeating: ContentResult(), count: needs.content.count)
            paths = Array(repeating: [], count: needs.globSets.count)
            documentPaths = paths
            reportPaths = paths
        }
    }

    /// Whether every name of at least one key path occurs in `text`.
    static func mentionsAnyKey(_ text: String, _ keys: [[String]]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            keys.contains { names in
                names.allSatisfy { name in
                    var name = name
                    return name.withUTF8 { LiteralPrefilter.contains(bytes, $0) }
                }
            }
        }
    }

    private func merge(_ file: FileEvidence, into evidence: inout Evidence, _ merged: inout Merged) {
        let path = file.plan.path
        for number in file.plan.listed { merged.paths[number].append(path) }
        for number in file.plan.structured { merged.documentPaths[number].append(path) }
        for number in file.plan.reports { merged.reportPaths[number].append(path) }
        if !file.plan.reports.isEmpty {
            switch file.read {
            case .text(let text)?: evidence.reportFiles[path] = ReportFile(contents: .success(text))
            case .skipped(let reason)?, .failed(let reason)?: evidence.reportFiles[path] = ReportFile(contents: .failure(.init(reason)))
            case nil: break
            }
        }
        for number in file.plan.dataSkipped { merged.content[number].skipped[path] = "data file" }
        for number in file.plan.queries {
            switch file.read {
            case .text?:
                merged.content[number].filesSearched += 1
                merged.content[number].add(file.matches[number] ?? [])
            case .skipped(let reason)?: merged.content[number].skipped[path] = reason
            case .failed(let reason)?: merged.content[number].failures[path] = reason
            case nil: break
            }
        }
        if case .failed(let reason)? = file.read {
            evidence.notes.append("\(path): not read: \(reason)")
            if !file.plan.structured.isEmpty { evidence.documents[path] = .failed(reason) }
        }
        if let document = file.document { evidence.documents[path] = document }
        evidence.pipelines += file.pipelines
        if let failure = file.pipelineFailure { evidence.pipelineFailures[path] = failure }
        if file.plan.codeOwners, evidence.codeOwners == nil {
            switch file.read {
            case .text(let text)?: evidence.codeOwners = CodeOwners(path: path, contents: text)
            case .failed(let reason)?, .skipped(let reason)?: evidence.codeOwnersFailure = "\(path): \(reason)"
            case nil: break
            }
        }
    }

    /// When each report file was last committed (one git call for them all), and its file time, for reports that
    /// carry no timestamp of their own. A commit at a shallow clone's boundary dates neither.
    private func datestampReports(_ evidence: inout Evidence) {
        let paths = evidence.reportFiles.keys.sorted()
        guard !paths.isEmpty else { return }
        if index.isGit,
           let output = try? Git(directory: index.root).text(["log", "--relative", "--format=@%ct %H", "--name-only", "--"] + paths) {
            for (path, commit) in GitHistory.lastCommits(output) where evidence.reportFiles[path] != nil {
                if index.shallowBoundary.contains(commit.hash) {
                    evidence.reportFiles[path]?.unknownDate = .init(reason: GitHistory.shallowReason, notAfter: commit.time)
                } else {
                    evidence.reportFiles[path]?.committed = commit.time
                }
            }
        }
        for path in paths where evidence.reportFiles[path]?.unknownDate == nil {
            evidence.reportFiles[path]?.modified = FileTime.modified(index.root.path + "/" + path)
        }
    }

    /// The git history over `window`, or why it could not be read.
    private func readHistory(window: TimeInterval) -> Result<GitHistory, HistoryFailure> {
        guard index.isGit else { return .failure(HistoryFailure(message: "not a git repository: no history to read")) }
        do {
            return .success(try GitHistory.read(Git(directory: index.root), since: window, now: now, boundary: index.shallowBoundary))
        } catch let failure as Git.Failure {
            return .failure(HistoryFailure(message: "git log failed: \(failure.message)"))
        } catch {
            return .failure(HistoryFailure(message: "git log failed: \(error)"))
        }
    }

    struct HistoryFailure: Error { let message: String }
}

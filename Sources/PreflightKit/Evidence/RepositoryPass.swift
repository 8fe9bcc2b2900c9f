import Foundation
import Synchronization

/// The one pass over the repository's tracked files: every glob matched once per path, each needed file read once
/// (in parallel), scanned for every content query at once, parsed when a key, a pipeline or a report asks for it.
struct RepositoryPass: Sendable {
    let index: RepositoryIndex
    let reader: RepositoryReader
    let plan: Plan

    /// An `EvidencePlan` compiled for the pass: glob sets numbered and matched by one table.
    struct Plan: Sendable {
        var content: [ContentQuery] = []
        /// Runs the content queries, numbered as in `content`, over a file.
        var scanner: ContentScanner
        /// The glob set of each content query, as an index into `globSets`.
        var contentGlobs: [Int] = []
        var structured: [Int] = []
        /// For each structured glob set, the literal key names each of its key probes needs.
        var keyNames: [Int: [[String]]] = [:]
        var listed: [Int] = []
        /// Glob sets of report probes, with the formats their files are parsed in.
        var reports: [Int] = []
        /// Glob sets of Python probes.
        var python: [Int] = []
        /// The lengths of the literals of every Python probe (the scanner's extra literals), and for each Python glob
        /// set the sets of them (by number) one of which a file must hold whole to be tokenized.
        var pythonLiteralLengths: [Int] = []
        var pythonNeeds: [Int: [[Int]]] = [:]
        /// Whether each literal counts only as a whole name (`ray` is not in `array`); a `*name*` pattern's is part
        /// of one.
        var pythonWholeNames: [Bool] = []
        /// Glob sets of alerts probes.
        var rules: [Int] = []
        var reportFormats: [Int: [ReportProbe.Format]] = [:]
        var globSets: [GlobSet] = []
        /// `globSets`, then the CI systems' locations, then the files that may hold a pipeline: compiled once.
        var table: GlobTable
        var ci = false
        var owners = false
        /// Glob sets of owners probes: which of their files lack an owner is worked out once per set.
        var ownerSets: [GlobSet] = []

        init(_ declared: EvidencePlan) {
            content = declared.content.sorted { "\($0.files)\($0.pattern)" < "\($1.files)\($1.pattern)" }
            let sets = Set(content.map(\.files)).union(declared.keyNames.keys).union(declared.listed).union(declared.reports.keys)
                .union(declared.python.keys).union(declared.ruleSets)
            globSets = sets.sorted { $0.patterns.lexicographicallyPrecedes($1.patterns) }
            let position = Dictionary(uniqueKeysWithValues: globSets.enumerated().map { ($1, $0) })
            contentGlobs = content.map { position[$0.files]! }
            let literals = declared.python.values.reduce(into: Set<String>()) { $0.formUnion($1.joined()) }.sorted()
            let literalBytes = literals.map { Array($0.drop { $0 == "*" }.utf8) }
            scanner = ContentScanner(content, extraLiterals: literalBytes)
            pythonLiteralLengths = literalBytes.map(\.count)
            structured = declared.keyNames.keys.map { position[$0]! }
            for (files, names) in declared.keyNames { keyNames[position[files]!] = names }
            table = GlobTable(globSets + PipelineReaders.located.map(\.1) + [PipelineReaders.contentCandidates])
            listed = declared.listed.map { position[$0]! }
            reports = declared.reports.keys.map { position[$0]! }
            python = declared.python.keys.map { position[$0]! }
            pythonWholeNames = literals.map { !$0.hasPrefix("*") }
            let number = Dictionary(uniqueKeysWithValues: literals.enumerated().map { ($1, $0) })
            for (files, needs) in declared.python {
                pythonNeeds[position[files]!] = needs.sorted { $0.lexicographicallyPrecedes($1) }.map { $0.map { number[$0]! } }
            }
            rules = declared.ruleSets.map { position[$0]! }
            for (files, formats) in declared.reports { reportFormats[position[files]!] = formats.sorted { $0.rawValue < $1.rawValue } }
            ci = declared.pipelines
            ownerSets = declared.ownerSets
            owners = !ownerSets.isEmpty
        }
    }

    func run(into evidence: inout Evidence) {
        let files = index.files
        // Only the files some probe selects have a result: a slot per tracked file would cost the size of a
        // FileEvidence for each of them (60 MB at 100,000 files).
        let results = Mutex([[(slot: Int, evidence: FileEvidence)]]())
        let workers = max(1, min(files.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var found: [(slot: Int, evidence: FileEvidence)] = []
            for slot in stride(from: worker, to: files.count, by: workers) {
                if let filePlan = filePlan(for: files[slot]) { found.append((slot, examine(filePlan))) }
            }
            results.withLock { $0.append(found) }
        }
        var merged = Merged(plan)
        var parts: [[(slot: Int, evidence: FileEvidence)]] = []
        results.withLock { swap(&parts, &$0) }
        // Merged in the files' order through a sorted list of positions: the results themselves are never copied.
        var order: [(slot: Int, part: Int, index: Int)] = []
        order.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for (part, found) in parts.enumerated() {
            for index in found.indices { order.append((found[index].slot, part, index)) }
        }
        order.sort { $0.slot < $1.slot }
        for position in order { merge(parts[position.part][position.index].evidence, into: &evidence, &merged) }
        // Freed on another thread, beside the work that follows the pass (a hundred thousand results take a while).
        let used = parts
        parts = []
        DispatchQueue.global().async { withExtendedLifetime(used) {} }
        for (number, query) in plan.content.enumerated() { evidence.content[query] = merged.content[number] }
        for number in plan.listed { evidence.paths[plan.globSets[number]] = merged.paths[number] }
        for number in plan.structured { evidence.documentPaths[plan.globSets[number]] = merged.documentPaths[number] }
        for number in plan.reports { evidence.reportPaths[plan.globSets[number]] = merged.reportPaths[number] }
        for number in plan.python { evidence.pythonPaths[plan.globSets[number]] = merged.pythonPaths[number] }
        for number in plan.rules { evidence.ruleFilePaths[plan.globSets[number]] = merged.rulePaths[number] }
        if case .success(let owners)? = evidence.codeOwners {
            for files in plan.ownerSets {
                evidence.unowned[files] = (evidence.paths[files] ?? []).filter { owners.owners(of: $0).isEmpty }
            }
        }
    }

    /// Why one file matters: the path lists it joins, which content queries read it, whether to parse it, which CI
    /// system it belongs to.
    struct FilePlan: Sendable {
        var path: String
        var listed: [Int] = []
        var queries: [Int] = []
        var dataSkipped: [Int] = []
        /// The structured glob sets (indices) this file matches: key probes may read it.
        var structured: [Int] = []
        var ci: CISystem?
        var pipelineCandidate = false
        /// For a file of a project template, where it lands in the generated project (see `TemplateTree`).
        var template: (root: String, path: String)?
        var codeOwners = false
        /// The report glob sets (indices) this file matches.
        var reports: [Int] = []
        /// The Python glob sets (indices) this Python file or notebook matches.
        var python: [Int] = []
        /// The alerts glob sets (indices) this YAML or JSON file matches.
        var rules: [Int] = []

        /// Whether some probe needs the file's text (a data file skipped by every query is only recorded).
        var mustRead: Bool {
            !queries.isEmpty || !structured.isEmpty || ci != nil || pipelineCandidate || codeOwners || !reports.isEmpty || !python.isEmpty
                || !rules.isEmpty
        }
    }

    private func filePlan(for path: String) -> FilePlan? {
        var filePlan = FilePlan(path: path)
        var bytes = path
        let matched = bytes.withUTF8 { plan.table.matches($0) }
        filePlan.listed = plan.listed.filter { matched[$0] }
        filePlan.reports = plan.reports.filter { matched[$0] }
        if !plan.python.isEmpty, path.hasSuffix(".py") || path.hasSuffix(".ipynb") { filePlan.python = plan.python.filter { matched[$0] } }
        let isData = FileKind.isData(path)
        for (number, query) in plan.content.enumerated() where matched[plan.contentGlobs[number]] {
            if isData && !query.includeData { filePlan.dataSkipped.append(number) } else { filePlan.queries.append(number) }
        }
        if StructuredParser.canParse(path) { filePlan.structured = plan.structured.filter { matched[$0] } }
        if !plan.rules.isEmpty, RuleFile.canHold(path) { filePlan.rules = plan.rules.filter { matched[$0] } }
        if plan.ci {
            var ciMatches = matched
            // A template's file is placed where it lands in the project it generates.
            if let template = TemplateTree.generated(path) {
                var generated = template.path
                ciMatches = generated.withUTF8 { plan.table.matches($0) }
                filePlan.template = template
            }
            let first = plan.globSets.count
            filePlan.ci = PipelineReaders.located.indices.first { ciMatches[first + $0] }.map { PipelineReaders.located[$0].0 }
            filePlan.pipelineCandidate = filePlan.ci == nil && ciMatches[ciMatches.count - 1]
        }
        filePlan.codeOwners = plan.owners && CodeOwners.locations.contains(path)
        return filePlan.mustRead || !filePlan.dataSkipped.isEmpty || !filePlan.listed.isEmpty ? filePlan : nil
    }

    /// What one file contributed.
    struct FileEvidence: Sendable {
        var plan: FilePlan
        var read: RepositoryReader.Result?
        var matches: [Int: [LineMatch]] = [:]
        var document: Evidence.Document?
        var pipelines: [CIPipeline] = []
        var pipelineFailure: EvidenceFailure?
        var codeOwners: CodeOwners?
        var report: ReportFile?
        var python: PythonSummary?
        var ruleFile: Result<RuleFile, EvidenceFailure>?
    }

    private func examine(_ filePlan: FilePlan) -> FileEvidence {
        var result = FileEvidence(plan: filePlan)
        guard filePlan.mustRead else { return result }
        let read = reader.read(filePlan.path)
        // Texts are dropped here once used, so that memory holds what was found, not every file read.
        if case .text = read { result.read = .text("") } else { result.read = read }
        if !filePlan.reports.isEmpty { result.report = parseReport(read, filePlan) }
        guard case .text(var text) = read else {
            if filePlan.ci != nil, case .failed(let failure) = read { result.pipelineFailure = failure }
            return result
        }
        if filePlan.codeOwners { result.codeOwners = CodeOwners(path: filePlan.path, contents: text) }
        if filePlan.python.isEmpty {
            result.matches = plan.scanner.scan(text, path: filePlan.path, queries: filePlan.queries)
        } else {
            // The Python literals are looked for in the same pass as the content queries' literals.
            var found = [Bool](repeating: false, count: plan.pythonLiteralLengths.count)
            result.matches = plan.scanner.scan(text, path: filePlan.path, queries: filePlan.queries) { literal, start, bytes in
                if !found[literal], !plan.pythonWholeNames[literal] || Self.isWholeName(bytes, start, plan.pythonLiteralLengths[literal]) {
                    found[literal] = true
                }
            }
            result.python = pythonSummary(text, filePlan, found: found)
        }
        let keyed = !filePlan.structured.isEmpty
        let mentionsKey = keyed && KeyPath.mayOccur(filePlan.structured.flatMap { plan.keyNames[$0] ?? [] }, in: text)
        if keyed && !mentionsKey { result.document = .success([]) }   // it cannot hold any key asked of it
        let wantsRules = !filePlan.rules.isEmpty && RuleFile.mayHoldRules(text)
        if !filePlan.rules.isEmpty && !wantsRules { result.ruleFile = .success(RuleFile()) }
        let isTemplatePipeline = filePlan.template != nil && (filePlan.ci != nil || filePlan.pipelineCandidate)
        if isTemplatePipeline { text = TemplateTree.rendered(text) }
        let wantsTree = mentionsKey || wantsRules || filePlan.ci != nil || (filePlan.pipelineCandidate && PipelineReaders.mayHoldPipeline(text))
        var documents: [DataNode] = []
        if wantsTree, wantsRules || !(filePlan.ci.flatMap(PipelineReaders.reader(for:))?.readsText ?? false) {
            do {
                documents = try StructuredParser.parse(text, path: filePlan.path)
                if mentionsKey { result.document = .success(documents) }
                if wantsRules { result.ruleFile = .success(RuleFile(documents: documents, path: filePlan.path)) }
            } catch let failure as StructuredParser.Failure {
                // A Helm chart's template is read as the YAML it renders to, its `{{ … }}` tags left out.
                if mentionsKey {
                    let rendered = text.contains("{{") ? try? StructuredParser.parse(GoTemplate.withoutTags(text), path: filePlan.path) : nil
                    result.document = rendered.map { .success($0) } ?? .failure(EvidenceFailure(.unparseable, failure.message))
                }
                if wantsRules { result.ruleFile = RuleFile.recovering(text, path: filePlan.path, failure: failure.message) }
                // A template that does not read as YAML once its tags are out is not the project's own pipeline.
                if filePlan.ci != nil && !isTemplatePipeline { result.pipelineFailure = EvidenceFailure(.unparseable, failure.message) }
                return result
            } catch {
                if mentionsKey { result.document = .failure(EvidenceFailure(.unparseable, "\(error)")) }
                if wantsRules { result.ruleFile = .failure(EvidenceFailure(.unparseable, "\(error)")) }
                return result
            }
        }
        if let system = filePlan.ci {
            result.pipelines = PipelineReaders.parse(system: system, path: filePlan.path, text: text, documents: documents)
        } else if filePlan.pipelineCandidate, !documents.isEmpty {
            result.pipelines = PipelineReaders.detect(path: filePlan.path, documents: documents)
        }
        if let template = filePlan.template {
            for position in result.pipelines.indices {
                result.pipelines[position].root = template.root
                result.pipelines[position].generatedPath = template.path
            }
        }
        return result
    }

    /// The file's Python facts, when it holds (`found`, by literal) a literal one of its probes looks for; else
    /// nothing can match in it.
    private func pythonSummary(_ text: String, _ filePlan: FilePlan, found: [Bool]) -> PythonSummary {
        let needs = filePlan.python.flatMap { plan.pythonNeeds[$0] ?? [] }
        guard needs.contains(where: { $0.allSatisfy { found[$0] } }) else { return PythonSummary() }
        return PythonSummary(filePlan.path.hasSuffix(".ipynb") ? PythonFacts(notebook: text) : PythonFacts(python: text))
    }

    /// Whether the bytes at `start` of length `count` are a name of their own: no identifier byte just before or after
    /// (a notebook's JSON escape `\n` before it counts as a line break).
    private static func isWholeName(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Bool {
        func isNameByte(_ byte: UInt8) -> Bool {
            byte == 0x5F || byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
        }
        let end = start + count
        if end < bytes.count, isNameByte(bytes[end]) { return false }
        guard start > 0, isNameByte(bytes[start - 1]) else { return true }
        return start > 1 && bytes[start - 2] == 0x5C && (bytes[start - 1] == 0x6E || bytes[start - 1] == 0x74)
    }

    /// A result file in every format its probes ask for: a file that cannot be read is a failure in each.
    private func parseReport(_ read: RepositoryReader.Result, _ filePlan: FilePlan) -> ReportFile {
        var report = ReportFile()
        let formats = Set(filePlan.reports.flatMap { plan.reportFormats[$0] ?? [] })
        for format in formats {
            switch read {
            case .text(let text):
                do {
                    report.parsed[format] = .success(try ReportParser.parse(text, path: filePlan.path, format: format))
                } catch {
                    report.parsed[format] = .failure(EvidenceFailure(.unparseable, "\(error)"))
                }
            case .skipped(let failure), .failed(let failure):
                report.parsed[format] = .failure(EvidenceFailure(failure.kind, "cannot read: \(failure.reason)"))
            }
        }
        return report
    }

    /// Per-query results while merging, indexed by number so that no query is hashed per file.
    struct Merged {
        var content: [ContentResult]
        var paths: [[String]]
        var documentPaths: [[String]]
        var reportPaths: [[String]]
        var pythonPaths: [[String]]
        var rulePaths: [[String]]

        init(_ plan: Plan) {
            content = Array(repeating: ContentResult(), count: plan.content.count)
            paths = Array(repeating: [], count: plan.globSets.count)
            documentPaths = paths
            reportPaths = paths
            pythonPaths = paths
            rulePaths = paths
        }
    }

    private func merge(_ file: FileEvidence, into evidence: inout Evidence, _ merged: inout Merged) {
        let path = file.plan.path
        for number in file.plan.listed { merged.paths[number].append(path) }
        for number in file.plan.structured { merged.documentPaths[number].append(path) }
        for number in file.plan.reports { merged.reportPaths[number].append(path) }
        if let python = file.python {
            for number in file.plan.python { merged.pythonPaths[number].append(path) }
            evidence.python[path] = python
        } else if !file.plan.python.isEmpty {
            switch file.read {
            case .failed(let failure)?: evidence.pythonFailures[path] = failure
            default: break
            }
        }
        if !file.plan.rules.isEmpty {
            for number in file.plan.rules { merged.rulePaths[number].append(path) }
            switch (file.ruleFile, file.read) {
            case (let ruleFile?, _): evidence.ruleFiles[path] = ruleFile
            case (nil, .failed(let failure)?), (nil, .skipped(let failure)?): evidence.ruleFiles[path] = .failure(failure)
            default: break
            }
        }
        if let report = file.report { evidence.reportFiles[path] = report }
        for number in file.plan.dataSkipped { merged.content[number].skipped[path] = "data file" }
        for number in file.plan.queries {
            switch file.read {
            case .text?:
                merged.content[number].filesSearched += 1
                merged.content[number].add(file.matches[number] ?? [])
            case .skipped(let skip)?: merged.content[number].skipped[path] = skip.reason
            case .failed(let failure)?: merged.content[number].failures[path] = failure
            case nil: break
            }
        }
        if case .failed(let failure)? = file.read {
            evidence.notes.append("\(path): not read: \(failure.reason)")
            if !file.plan.structured.isEmpty { evidence.documents[path] = .failure(failure) }
        }
        if let document = file.document { evidence.documents[path] = document }
        evidence.pipelines += file.pipelines
        if let failure = file.pipelineFailure { evidence.pipelineFailures[path] = failure }
        if file.plan.codeOwners, evidence.codeOwners == nil {
            switch file.read {
            case .text?: evidence.codeOwners = file.codeOwners.map { .success($0) }
            case .failed(let failure)?, .skipped(let failure)?: evidence.codeOwners = .failure(failure.about(path))
            case nil: break
            }
        }
    }
}

import Foundation

/// What a gate must gather: each probe declares its needs here (`ProbeKind.declareNeeds`), and the collector
/// gathers them all in one pass. Equal needs are gathered once.
package struct EvidencePlan: Sendable {
    /// Glob sets whose tracked files are listed.
    private(set) var listed = Set<GlobSet>()
    private(set) var content = Set<ContentQuery>()
    /// Glob sets of structured files to parse, with the literal key names each key probe needs (`*` left out).
    private(set) var keyNames: [GlobSet: [[String]]] = [:]
    /// Glob sets of result files, with the formats they are read in.
    private(set) var reports: [GlobSet: Set<ReportProbe.Format>] = [:]
    private(set) var pipelines = false
    private(set) var pythonReach = false
    /// Whether a probe reads the monitoring plan and its live check.
    private(set) var monitoringPlan = false
    private(set) var deployments = false
    /// Glob sets whose Python files and notebooks are read for their facts, with what a file must hold for some probe
    /// to find anything in it: each entry a set of literals that must all occur (a file that meets none is not
    /// tokenized).
    private(set) var python: [GlobSet: Set<[String]>] = [:]
    /// Glob sets whose YAML and JSON files are read for the alerting and recording rules they declare.
    private(set) var ruleSets = Set<GlobSet>()
    /// Glob sets whose files are checked against CODEOWNERS, in the order declared.
    private(set) var ownerSets: [GlobSet] = []
    /// Requests to each source outside the file pass, by source type, in the order first asked.
    private(set) var requests: [ObjectIdentifier: [Request]] = [:]

    package init() {}

    /// The plan for these probes.
    package init(_ probes: [Probe]) {
        for probe in probes { probe.base.declareNeeds(into: &self) }
    }

    /// The tracked files `files` selects.
    package mutating func listFiles(_ files: GlobSet) { listed.insert(files) }

    /// The lines `query` matches.
    package mutating func search(_ query: ContentQuery) { content.insert(query) }

    /// The structured files `files` selects, parsed when they mention every name of `key`.
    package mutating func parseKeys(in files: GlobSet, for key: KeyPath) {
        keyNames[files, default: []].append(key.segments.filter { $0 != "*" })
    }

    /// The result files `files` selects, parsed as `format`, with their dates.
    package mutating func readReports(_ files: GlobSet, as format: ReportProbe.Format) {
        reports[files, default: []].insert(format)
    }

    /// Every CI pipeline of the repository.
    package mutating func readPipelines() { pipelines = true }

    /// The facts (imports, calls, test functions) of the Python files and notebooks `files` selects, in those that
    /// hold every literal of one of `literals`.
    package mutating func readPython(in files: GlobSet, literals: [[String]]) {
        python[files, default: []].formUnion(literals.map { Array(Set($0)).sorted() })
    }

    /// The Python files CI runs and the modules they import (see `PythonReach`); implies the pipelines.
    /// What CI deploys (see `DeployedManifests`), worked out once for every key probe that asks; implies the pipelines.
    package mutating func readDeployments() {
        pipelines = true
        deployments = true
    }

    /// The monitoring plan held against the live Prometheus (see `PlanCheck`).
    package mutating func checkMonitoringPlan() { monitoringPlan = true }

    package mutating func reachPython() {
        pipelines = true
        pythonReach = true
    }

    /// The rules declared in the rule files `files` selects.
    package mutating func readAlertRules(in files: GlobSet) { ruleSets.insert(files) }

    /// CODEOWNERS, and which of the files `files` selects it gives no owner.
    package mutating func checkOwners(_ files: GlobSet) {
        listed.insert(files)
        if !ownerSets.contains(files) { ownerSets.append(files) }
    }

    /// Asks `request` of the source `Source` (when the gate has one), while the files are read.
    package mutating func ask<Source: EvidenceSource>(_ source: Source.Type, _ request: Source.Request) {
        let key = ObjectIdentifier(source)
        let request = Request(value: request)
        if !(requests[key] ?? []).contains(request) { requests[key, default: []].append(request) }
    }

    /// The requests made of `Source`.
    func requests<Source: EvidenceSource>(for source: Source.Type) -> [Source.Request] {
        (requests[ObjectIdentifier(source)] ?? []).compactMap { $0.value.base as? Source.Request }
    }

    /// A request to some source. Unchecked: it is only ever made from a `Sendable` request.
    struct Request: Hashable, @unchecked Sendable {
        let value: AnyHashable
    }
}

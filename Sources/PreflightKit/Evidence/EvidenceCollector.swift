import Foundation

/// Gathers the evidence a plan asks for, in one pass over the repository index, with every source outside the
/// files asked at the same time.
///
/// A file no probe selects is never opened; a file several probes need is read once; reads run in parallel.
/// Concurrency: the file pass runs on `DispatchQueue.concurrentPerform`; each source (git history, ledgers, a live
/// Prometheus) runs on its own thread (`Background`) during it. There is no async: child processes block, and
/// cancelling URLSession tasks crashed Foundation on Linux (see `Transfers`).
package struct EvidenceCollector: Sendable {
    package let index: RepositoryIndex
    package let reader: RepositoryReader
    package let now: Date
    /// Sources outside the files; the git history is always one of them.
    package var sources: [any EvidenceSource]

    package init(index: RepositoryIndex, now: Date, maxFileBytes: Int = 4 << 20, sources: [any EvidenceSource] = []) {
        self.index = index
        self.reader = RepositoryReader(root: index.root, maxBytes: maxFileBytes)
        self.now = now
        self.sources = [GitHistorySource(index: index, now: now)] + sources
    }

    /// Gathers what `probes` need.
    package func collect(for probes: [Probe]) -> Evidence { collect(EvidencePlan(probes)) }

    package func collect(_ declared: EvidencePlan) -> Evidence {
        let plan = RepositoryPass.Plan(declared)
        var evidence = Evidence(now: now)
        evidence.notes = index.notes
        let running = sources.compactMap { $0.start(for: declared) }
        RepositoryPass(index: index, reader: reader, plan: plan).run(into: &evidence)
        if declared.pipelines {
            var graph = ExecutionGraph(index: index, reader: reader)
            graph.resolve(&evidence.pipelines)
        }
        if declared.deployments { evidence.deployments = DeployedManifests.targets(in: evidence.pipelines) }
        if declared.pythonReach { evidence.pythonReach = PythonReach(pipelines: evidence.pipelines, index: index, reader: reader, known: evidence.python) }
        ReportDates(index: index).stamp(&evidence)
        for source in running {
            let (key, answers, notes) = source.wait()
            evidence.sourceAnswers[key] = answers
            evidence.notes += notes
        }
        return evidence
    }
}

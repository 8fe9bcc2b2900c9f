import Foundation

/// What `preflight pipelines` prints: each pipeline with its triggers, the commands it runs followed into the
/// files they name (each with the chain that leads to it), and what could not be followed.
package enum PipelineListing {
    /// The pipelines of the repository at `path`, read and followed as a gate reads them.
    package static func pipelines(at path: String) throws -> [CIPipeline] {
        let index = try RepositoryIndex.build(at: path)
        var plan = EvidencePlan()
        plan.readPipelines()
        let evidence = EvidenceCollector(index: index, now: Date()).collect(plan)
        for (file, failure) in evidence.pipelineFailures.sorted(by: { $0.key < $1.key }) {
            FileHandle.standardError.write(Data("\(file): not read: \(failure)\n".utf8))
        }
        return evidence.pipelines
    }

    /// Plain text, one pipeline a block; `all` adds text and install commands, which never count as evidence.
    package static func render(_ pipelines: [CIPipeline], all: Bool = false) -> String {
        guard !pipelines.isEmpty else { return "no CI pipeline found\n" }
        var out = ""
        for pipeline in pipelines {
            var triggers: [String] = []
            if let line = pipeline.scheduleLine { triggers.append("schedule (line \(line))") }
            if let line = pipeline.pullRequestLine { triggers.append("pull requests (line \(line))") }
            out += "\(pipeline.path) (\(pipeline.system))"
            out += triggers.isEmpty ? "\n" : ": runs on \(triggers.joined(separator: ", "))\n"
            let shown = pipeline.runs.filter { all || $0.role == .runs }
            for run in shown {
                let kind = run.kind == .command ? "" : "\(run.kind.rawValue) "
                let failure = run.onFailure ? " (only when an earlier step failed)" : ""
                out += "  \(kind)\(run.chain.map(\.description).joined(separator: " → "))\(failure)\n"
                if let collected = run.collected {
                    let first = collected.prefix(3).joined(separator: ", ")
                    out += "    collects \(collected.count) test file\(collected.count == 1 ? "" : "s")\(collected.isEmpty ? "" : ": \(first)\(collected.count > 3 ? ", …" : "")")\n"
                }
            }
            let disabled = Set(pipeline.steps.filter(\.disabled).compactMap(\.job))
            if !disabled.isEmpty { out += "  never runs (a condition false as written): \(disabled.sorted().joined(separator: ", "))\n" }
            for proof in pipeline.unfollowed { out += "  \(proof)\n" }
        }
        return out
    }
}

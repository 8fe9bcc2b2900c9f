/// Databricks jobs that run on their own: each job of a bundle (`databricks.yml`, or a resource file it includes,
/// recognised by its `resources: jobs:`) that has a `schedule` or a periodic `trigger` is a scheduled pipeline whose
/// steps are what its tasks run. A job without one runs only when something starts it (`databricks bundle run`).
enum DatabricksJobs: PipelineReader {
    static let system = CISystem.databricks
    static let locations: GlobSet? = globs(["databricks.yml", "databricks.yaml"])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        pipelines(DatabricksBundle(documents: documents, path: path), path: path)
    }

    static func mayHold(_ text: String) -> Bool { ByteSearch.contains(text, "resources:") && ByteSearch.contains(text, "tasks:") }

    static func detect(path: String, document: DataNode) -> CIPipeline? {
        guard document["resources"]?["jobs"] != nil else { return nil }
        return pipelines(DatabricksBundle(documents: [document], path: path), path: path).first
    }

    private static func pipelines(_ bundle: DatabricksBundle, path: String) -> [CIPipeline] {
        bundle.jobs.filter { $0.schedule != nil || $0.trigger == "periodic" }.map { job in
            var pipeline = CIPipeline(system: .databricks, path: path)
            pipeline.name = job.key
            pipeline.scheduleLine = job.line
            for step in bundle.steps([job.key]).steps {
                switch step.action {
                case .shell(let text): pipeline.steps.append(CIStep(job: job.key, text: text, line: step.line, directory: step.directory))
                case .words(let words): pipeline.steps.append(CIStep(job: job.key, text: ShellQuoting.line(words), line: step.line, directory: step.directory))
                case .file(let file): pipeline.steps.append(CIStep(job: job.key, text: file, line: step.line, kind: .file))
                }
            }
            return pipeline
        }
    }
}

extension CISystem {
    static let databricks = CISystem(rawValue: "databricks")
}

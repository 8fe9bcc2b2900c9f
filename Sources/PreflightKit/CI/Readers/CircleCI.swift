/// CircleCI's `.circleci/config.yml`.
enum CircleCI: PipelineReader {
    static let system = CISystem.circleci
    static let locations: GlobSet? = globs(["/.circleci/config.yml", "/.circleci/config.yaml"])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .circleci, path: path)
        if case .map(let jobs, _)? = document["jobs"] {
            for (name, job) in jobs {
                for step in job["steps"]?.elements ?? [] {
                    if case .map(let pairs, _) = step {
                        for (key, value) in pairs {
                            pipeline.steps.append(CIStep(job: name, text: key, line: step.line))
                            pipeline.addSteps(from: value, job: name)
                        }
                    } else {
                        pipeline.addSteps(from: step, job: name)
                    }
                }
            }
        }
        if case .map(let workflows, _)? = document["workflows"] {
            for (_, workflow) in workflows {
                for trigger in workflow["triggers"]?.elements ?? [] where trigger["schedule"] != nil {
                    pipeline.scheduleLine = pipeline.scheduleLine ?? trigger.line
                }
            }
        }
        return pipeline
    }
}

extension CISystem {
    static let circleci = CISystem(rawValue: "circleci")
}

/// CircleCI's `.circleci/config.yml`: `run` steps, reusable `commands:` of the file expanded in place, orb and
/// built-in steps used by name.
enum CircleCI: PipelineReader {
    static let system = CISystem.circleci
    static let locations: GlobSet? = globs(["/.circleci/config.yml", "/.circleci/config.yaml"])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .circleci, path: path)
        let commands = document["commands"]
        if case .map(let jobs, _)? = document["jobs"] {
            for (name, job) in jobs {
                addSteps(job["steps"], job: name, commands: commands, depth: 0, into: &pipeline)
                for image in job["docker"]?.elements ?? [] { pipeline.addSteps(from: image["image"], job: name, kind: .image) }
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

    private static func addSteps(_ steps: DataNode?, job: String, commands: DataNode?, depth: Int, into pipeline: inout CIPipeline) {
        for step in steps?.elements ?? [] {
            let (key, value): (String, DataNode?)
            switch step {
            case .scalar(let name, _): (key, value) = (name, nil)
            case .map(let pairs, _) where pairs.count == 1: (key, value) = (pairs[0].key, pairs[0].value)
            default: continue
            }
            if key == "when" || key == "unless" {
                guard depth < 8 else { continue }
                // `when: {condition: …, steps: […]}`; a condition false as written (true for `unless`) runs nothing.
                let condition = value?["condition"]?.string?.lowercased()
                let off = key == "when" ? condition == "false" : condition == "true"
                let before = pipeline.steps.count
                addSteps(value?["steps"], job: job, commands: commands, depth: depth + 1, into: &pipeline)
                if off { for position in before..<pipeline.steps.count { pipeline.steps[position].disabled = true } }
            } else if key == "run" {
                if case .scalar? = value { pipeline.addSteps(from: value, job: job) }
                pipeline.addSteps(from: value?["name"], job: job, kind: .label)
                pipeline.addSteps(from: value?["command"], job: job, directory: value?["working_directory"]?.string)
            } else if let command = commands?[key], depth < 8 {
                addSteps(command["steps"], job: job, commands: commands, depth: depth + 1, into: &pipeline)
            } else {
                pipeline.steps.append(CIStep(job: job, text: key, line: step.line, kind: .action))
            }
        }
    }
}

extension CISystem {
    static let circleci = CISystem(rawValue: "circleci")
}

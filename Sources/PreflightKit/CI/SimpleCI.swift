/// CircleCI's `.circleci/config.yml`.
enum CircleCI {
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

/// Pipelines whose triggers live outside the repository: Google Cloud Build, AWS CodeBuild, Bitbucket.
enum SimpleCI {
    static func cloudBuild(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .cloudBuild, path: path)
        for step in document["steps"]?.elements ?? [] {
            let job = step["id"]?.string
            for key in ["name", "entrypoint", "args", "script"] { pipeline.addSteps(from: step[key], job: job) }
        }
        return pipeline
    }

    static func codeBuild(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .codeBuild, path: path)
        if case .map(let phases, _)? = document["phases"] {
            for (phase, body) in phases { pipeline.addSteps(from: body["commands"], job: phase) }
        }
        return pipeline
    }

    static func bitbucket(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .bitbucket, path: path)
        guard let pipelines = document["pipelines"] else { return pipeline }
        if let pullRequests = pipelines["pull-requests"] { pipeline.pullRequestLine = pullRequests.line ?? pipelines.line }
        collectScripts(pipelines, job: nil, into: &pipeline)
        return pipeline
    }

    private static func collectScripts(_ node: DataNode, job: String?, into pipeline: inout CIPipeline) {
        guard case .map(let pairs, _) = node else {
            for child in node.children { collectScripts(child, job: job, into: &pipeline) }
            return
        }
        let name = node["name"]?.string ?? job
        for (key, value) in pairs {
            if key == "script" || key == "image" { pipeline.addSteps(from: value, job: name) }
            else { collectScripts(value, job: name, into: &pipeline) }
        }
    }
}

/// Tekton tasks and pipelines, and Argo Workflows, found in any YAML file by their apiVersion.
/// Pipelines recognised by content, in YAML files anywhere in the repository.
enum DetectedPipelines {
    static let argoKinds: Set<String> = ["Workflow", "CronWorkflow", "WorkflowTemplate", "ClusterWorkflowTemplate"]

    static func parse(path: String, documents: [DataNode]) -> [CIPipeline] {
        documents.compactMap { document in
            if CloudBuildShape.matches(document) { return SimpleCI.cloudBuild(path: path, document: document) }
            guard let api = document["apiVersion"]?.string, let kind = document["kind"]?.string,
                  let spec = document["spec"] else { return nil }
            if api.hasPrefix("tekton.dev/") {
                var pipeline = CIPipeline(system: .tekton, path: path)
                collect(spec, keys: ["name", "image", "script", "command", "args", "taskRef"], under: ["steps", "tasks"], into: &pipeline)
                return pipeline
            }
            if api.hasPrefix("argoproj.io/"), argoKinds.contains(kind) {
                var pipeline = CIPipeline(system: .argoWorkflows, path: path)
                if kind == "CronWorkflow" { pipeline.scheduleLine = spec["schedule"]?.line ?? spec["schedules"]?.line ?? spec.line }
                collect(spec, keys: ["name", "container", "script"], under: ["templates"], into: &pipeline)
                return pipeline
            }
            return nil
        }
    }

    /// Adds the `keys` of every element of any list named in `under`, anywhere below `node`.
    private static func collect(_ node: DataNode, keys: [String], under lists: Set<String>, into pipeline: inout CIPipeline) {
        guard case .map(let pairs, _) = node else {
            for child in node.children { collect(child, keys: keys, under: lists, into: &pipeline) }
            return
        }
        for (key, value) in pairs {
            if lists.contains(key) {
                for element in value.elements {
                    let job = element["name"]?.string
                    for stepKey in keys { pipeline.addSteps(from: element[stepKey], job: job) }
                }
            }
            collect(value, keys: keys, under: lists, into: &pipeline)
        }
    }
}

/// A Cloud Build configuration kept under another name (`build/deploy.yaml`): a top-level `steps` list whose every
/// step names a builder image, next to nothing but Cloud Build's own top-level keys.
enum CloudBuildShape {
    static let topLevelKeys: Set<String> = [
        "steps", "timeout", "queueTtl", "logsBucket", "options", "substitutions", "tags", "serviceAccount", "secrets",
        "availableSecrets", "artifacts", "images",
    ]

    static func mayMatch(_ text: String) -> Bool {
        (text.hasPrefix("steps:") || text.contains("\nsteps:")) && text.contains("name:")
    }

    static func matches(_ document: DataNode) -> Bool {
        guard case .map(let pairs, _) = document, let steps = document["steps"]?.elements, !steps.isEmpty else { return false }
        return pairs.allSatisfy { topLevelKeys.contains($0.0) } && steps.allSatisfy { $0["name"]?.string != nil }
    }
}

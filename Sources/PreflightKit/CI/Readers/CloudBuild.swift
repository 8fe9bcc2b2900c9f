/// Google Cloud Build's `cloudbuild.yaml`, and Cloud Build configurations kept under other names, recognised by
/// their shape. Triggers live outside the repository.
enum CloudBuild: PipelineReader {
    static let system = CISystem.cloudBuild
    static let locations: GlobSet? = globs(["cloudbuild*.yaml", "cloudbuild*.yml", "cloudbuild*.json"])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

    static func mayHold(_ text: String) -> Bool { CloudBuildShape.mayMatch(text) }

    static func detect(path: String, document: DataNode) -> CIPipeline? {
        CloudBuildShape.matches(document) ? parse(path: path, document: document) : nil
    }

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .cloudBuild, path: path)
        for step in document["steps"]?.elements ?? [] {
            let job = step["id"]?.string
            pipeline.addSteps(from: step["id"], job: job, kind: .label)
            pipeline.addSteps(from: step["name"], job: job, kind: .image)
            pipeline.addSteps(from: step["script"], job: job, directory: step["dir"]?.string)
            // The builder's entrypoint (the image's own, named by the image, when not given) runs the args.
            let args = step["args"].map { $0.string != nil ? [$0] : $0.elements } ?? []
            guard step["script"] == nil, let image = step["name"]?.string else { continue }
            // `args: [-c, script]` to an image with no entrypoint given: the image's entrypoint is a shell (a team's own
            // CLI image, `bash`), and the script is what runs.
            if step["entrypoint"] == nil, args.count == 2, args[0].string == "-c" {
                pipeline.addSteps(from: args[1], job: job, directory: step["dir"]?.string)
                continue
            }
            let entrypoint = step["entrypoint"] ?? .scalar(builder(image), line: step["name"]?.line)
            pipeline.addExec([entrypoint] + args, job: job, line: step["args"]?.line ?? step.line)
            if let last = pipeline.steps.indices.last { pipeline.steps[last].directory = step["dir"]?.string }
        }
        return pipeline
    }

    /// The command a builder image runs: `gcr.io/cloud-builders/gcloud` runs `gcloud`, `python:3.11` runs `python`.
    static func builder(_ image: String) -> String {
        let name = image.split(separator: "/").last.map(String.init) ?? image
        return String(name.prefix { $0 != ":" && $0 != "@" })
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
        (text.hasPrefix("steps:") || ByteSearch.contains(text, "\nsteps:")) && ByteSearch.contains(text, "name:")
    }

    static func matches(_ document: DataNode) -> Bool {
        guard case .map(let pairs, _) = document, let steps = document["steps"]?.elements, !steps.isEmpty else { return false }
        return pairs.allSatisfy { topLevelKeys.contains($0.0) } && steps.allSatisfy { $0["name"]?.string != nil }
    }
}

extension CISystem {
    static let cloudBuild = CISystem(rawValue: "cloud-build")
}

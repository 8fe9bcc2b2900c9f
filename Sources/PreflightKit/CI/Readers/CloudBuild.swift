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
            for key in ["name", "entrypoint", "args", "script"] { pipeline.addSteps(from: step[key], job: job) }
        }
        return pipeline
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

extension CISystem {
    static let cloudBuild = CISystem(rawValue: "cloud-build")
}

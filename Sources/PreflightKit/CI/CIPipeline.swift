/// One command, action, task or image a pipeline runs, with where it is written.
public struct CIStep: Sendable, Hashable, Codable {
    public var job: String?
    public var text: String
    public var line: Int?
}

/// A CI pipeline definition as Preflight understands it: what it runs and what triggers it.
public struct CIPipeline: Sendable {
    public var system: CISystem
    public var path: String
    public var steps: [CIStep] = []
    /// The line that makes it run on a schedule, when it does.
    public var scheduleLine: Int?
    /// The line that makes it run on pull or merge requests, when it does.
    public var pullRequestLine: Int?

    public var isScheduled: Bool { scheduleLine != nil }
    public var runsOnPullRequests: Bool { pullRequestLine != nil }

    public init(system: CISystem, path: String) {
        self.system = system
        self.path = path
    }

    /// Adds one step per non-empty line of each scalar under `node` (a `run:` block holds several commands).
    mutating func addSteps(from node: DataNode?, job: String?) {
        guard let node else { return }
        for scalar in node.scalars {
            let lines = scalar.text.split(separator: "\n")
            // A block scalar's mark is the line of its `|`; its content starts on the next line.
            let firstLine = scalar.line.map { lines.count > 1 ? $0 + 1 : $0 }
            for (offset, text) in lines.enumerated() {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
                steps.append(CIStep(job: job, text: String(trimmed.prefix(300)), line: firstLine.map { $0 + offset }))
            }
        }
    }
}

/// Knows where each CI system keeps its pipelines and which parser reads them.
enum CICatalog {
    private static func globs(_ patterns: [String]) -> GlobSet { try! GlobSet(patterns) }

    static let locations: [(CISystem, GlobSet)] = [
        (.githubActions, globs(["/.github/workflows/*.yml", "/.github/workflows/*.yaml"])),
        (.gitlab, globs(["/.gitlab-ci.yml", "*.gitlab-ci.yml", "/.gitlab/ci/**/*.yml"])),
        (.azurePipelines, globs(["azure-pipelines*.yml", "azure-pipelines*.yaml", "/.azure-pipelines/**/*.y*ml",
                                 "/.pipelines/**/*.y*ml", "/azure-pipelines/**/*.y*ml"])),
        (.jenkins, globs(["Jenkinsfile", "Jenkinsfile.*", "*.jenkinsfile", "*.Jenkinsfile"])),
        (.circleci, globs(["/.circleci/config.yml", "/.circleci/config.yaml"])),
        (.cloudBuild, globs(["cloudbuild*.yaml", "cloudbuild*.yml", "cloudbuild*.json"])),
        (.codeBuild, globs(["buildspec*.yml", "buildspec*.yaml"])),
        (.bitbucket, globs(["/bitbucket-pipelines.yml"])),
    ]

    /// YAML files that may hold a pipeline recognised by its content wherever it is: Tekton and Argo Workflows
    /// resources, and Cloud Build configurations under other names than cloudbuild.yaml.
    static let contentCandidates = globs(["*.yaml", "*.yml"])

    static func system(for path: String) -> CISystem? {
        locations.first { $0.1.matches(path) }?.0
    }

    /// Cheap test before parsing an arbitrary YAML file as a pipeline.
    static func mayHoldPipeline(_ text: String) -> Bool {
        text.contains("tekton.dev/") || text.contains("argoproj.io/") || CloudBuildShape.mayMatch(text)
    }

    static func parse(system: CISystem, path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        switch system {
        case .githubActions: return documents.map { GitHubActions.parse(path: path, document: $0) }
        case .gitlab: return documents.map { GitLabCI.parse(path: path, document: $0) }
        case .azurePipelines: return documents.map { AzurePipelines.parse(path: path, document: $0) }
        case .jenkins: return [Jenkinsfile.parse(path: path, text: text)]
        case .circleci: return documents.map { CircleCI.parse(path: path, document: $0) }
        case .cloudBuild: return documents.map { SimpleCI.cloudBuild(path: path, document: $0) }
        case .codeBuild: return documents.map { SimpleCI.codeBuild(path: path, document: $0) }
        case .bitbucket: return documents.map { SimpleCI.bitbucket(path: path, document: $0) }
        case .tekton, .argoWorkflows: return DetectedPipelines.parse(path: path, documents: documents)
        }
    }
}

/// The CI systems whose pipelines Preflight reads.
public enum CISystem: String, Sendable, Hashable, Codable, CaseIterable {
    case githubActions = "github-actions"
    case gitlab
    case azurePipelines = "azure-pipelines"
    case jenkins
    case circleci
    case cloudBuild = "cloud-build"
    case codeBuild = "codebuild"
    case bitbucket
    case tekton
    case argoWorkflows = "argo-workflows"
}

/// A step that uses a file of this repository as a unit of steps: a composite action (`uses: ./.github/actions/x`),
/// a reusable workflow (`uses: ./.github/workflows/y.yml`), an Azure Pipelines template (`template: ci/steps.yml`),
/// a GitLab `include: local` file.
struct LocalReference {
    /// The files that may hold it, in the order tried.
    var candidates: [String]
    /// Reads one document of the file into the steps it declares.
    var parse: (String, DataNode) -> CIPipeline

    /// nil when `reference` names no local file (another repository's action, `x.yml@templates`, a task).
    /// `root` is the directory the pipeline runs in ("" for the repository, a template's root).
    init?(_ reference: String, system: CISystem, from path: String, root: String) {
        switch system {
        case .githubActions:
            guard reference.hasPrefix("./"), let target = RepositoryPath.join(root, String(reference.dropFirst(2))) else { return nil }
            if target.hasSuffix(".yml") || target.hasSuffix(".yaml") {
                candidates = [target]
                parse = { GitHubActions.parse(path: $0, document: $1) }
            } else {
                candidates = [target + "/action.yml", target + "/action.yaml"]
                parse = { GitHubActions.parseAction(path: $0, document: $1) }
            }
        case .azurePipelines:
            guard !reference.contains("@"), reference.hasSuffix(".yml") || reference.hasSuffix(".yaml") else { return nil }
            // A template path is relative to the file that names it; one starting with `/` to the repository root.
            let base = reference.hasPrefix("/") ? root : RepositoryPath.directory(of: path)
            let relative = reference.hasPrefix("/") ? String(reference.dropFirst()) : reference
            guard let target = RepositoryPath.join(base, relative) else { return nil }
            candidates = [target]
            parse = { AzurePipelines.parse(path: $0, document: $1) }
        case .gitlab:
            // `include: local` paths are from the repository root, with or without a leading `/`.
            guard reference.hasSuffix(".yml") || reference.hasSuffix(".yaml"), !reference.contains("*"),
                  let target = RepositoryPath.join(root, reference.hasPrefix("/") ? String(reference.dropFirst()) : reference) else { return nil }
            candidates = [target]
            parse = { GitLabCI.parse(path: $0, document: $1) }
        default:
            return nil
        }
    }
}

/// The manifests a CI command deploys to a cluster: `kubectl apply|create|replace -f FILE|DIR` and `-k DIR` (and
/// `oc`), `kustomize build DIR`, `helm install|upgrade|template RELEASE ./CHART` with its `-f` values, `terraform
/// apply` (the configuration in its directory or `-chdir`), `aws cloudformation deploy|package --template-file X` and
/// `sam deploy|package` (`--template-file`, else `template.yaml` and `template.yml` in its directory): a template
/// is packaged only to be deployed, by the CodePipeline or CloudFormation action that takes the package. Paths are
/// relative to the repository root; a directory stands for every file under it (Terraform's local modules elsewhere
/// are not followed). A URL, `-` (standard input), a path with a variable or a command run from an unknown directory
/// names nothing in the repository.
enum DeployedManifests {
    /// One deployed path, a file or a directory ("" for the root), with the command that deploys it.
    struct Target: Sendable, Hashable {
        var path: String
        var isDirectory: Bool
        var command: RunCommand
        /// For a directory, the suffixes of the files the tool reads there (Terraform: `.tf`); empty for any.
        var suffixes: [String] = []

        /// Whether `file` is this target or under it.
        func covers(_ file: String) -> Bool {
            guard isDirectory else { return file == path }
            return (path.isEmpty || file.hasPrefix(path + "/")) && (suffixes.isEmpty || suffixes.contains { file.hasSuffix($0) })
        }
    }

    static func targets(in pipelines: [CIPipeline]) -> [Target] {
        pipelines.flatMap { pipeline in pipeline.runs.flatMap(targets(of:)) }
    }

    static func targets(of run: RunCommand) -> [Target] {
        guard run.kind == .command, let program = run.words.first.map(CommandUnwrapping.baseName) else { return [] }
        let arguments = Array(run.words.dropFirst())
        var files: [String] = [], directories: [String] = [], suffixes: [String] = []
        switch program {
        case "kubectl", "oc":
            let parsed = CommandArguments(arguments, valued: kubectlValued)
            guard let subcommand = parsed.positionals.first, ["apply", "create", "replace"].contains(subcommand) else { return [] }
            files = parsed.values(["-f", "--filename"])
            directories = parsed.values(["-k", "--kustomize"])
        case "kustomize":
            let parsed = CommandArguments(arguments, valued: ["-o", "--output"])
            guard parsed.positionals.first == "build" else { return [] }
            directories = Array(parsed.positionals.dropFirst().prefix(1))
            if directories.isEmpty { directories = ["."] }
        case "helm":
            let parsed = CommandArguments(arguments, valued: helmValued)
            guard let subcommand = parsed.positionals.first, ["install", "upgrade", "template"].contains(subcommand) else { return [] }
            // helm install RELEASE CHART; `--generate-name` leaves the chart first. A chart from a repository
            // (`bitnami/nginx`) is no local directory and matches nothing tracked under that name but itself.
            let rest = parsed.positionals.dropFirst()
            directories = Array((parsed.has(["--generate-name", "-g"]) ? rest.prefix(1) : rest.dropFirst().prefix(1)))
            files = parsed.values(["-f", "--values"])
        case "terraform", "tofu":
            // Terraform's options are single-dash, `-chdir=DIR` and `-var=x` included.
            let parsed = CommandArguments(arguments, valued: ["-var", "-var-file", "-target", "-state", "-parallelism"])
            guard parsed.positionals.first == "apply" else { return [] }
            let chdir = parsed.options.last { $0.name.hasPrefix("-chdir=") }.map { String($0.name.dropFirst("-chdir=".count)) }
            directories = [chdir ?? "."]
            suffixes = [".tf", ".tofu", ".tf.json", ".tfvars"]
        case "aws":
            let parsed = CommandArguments(arguments, valued: ["--template-file", "--stack-name", "--region", "--profile", "--parameter-overrides", "--capabilities", "--s3-bucket", "--output-template-file", "--s3-prefix", "--kms-key-id"])
            guard parsed.positionals.first == "cloudformation", ["deploy", "package"].contains(parsed.positionals.dropFirst().first ?? "") else { return [] }
            files = parsed.values(["--template-file"])
        case "sam":
            let parsed = CommandArguments(arguments, valued: ["--template-file", "-t", "--template", "--stack-name", "--region", "--profile", "--config-file", "--config-env", "--s3-bucket", "--capabilities", "--parameter-overrides", "--output-template-file", "--s3-prefix"])
            guard ["deploy", "package"].contains(parsed.positionals.first ?? "") else { return [] }
            files = parsed.values(["--template-file", "-t", "--template"])
            if files.isEmpty { files = ["template.yaml", "template.yml"] }
        default:
            return []
        }
        // A command whose directory is unknown (a variable) deploys nothing this can place.
        guard let base = run.directory else { return [] }
        func resolved(_ path: String, directory: Bool) -> Target? {
            guard !path.isEmpty, path != "-", !path.contains("://"), !path.contains("$"),
                  let joined = RepositoryPath.join(base, path) else { return nil }
            let lower = joined.lowercased()
            // `-f DIR` applies every manifest in the directory.
            let isFile = !directory && (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json"))
            return Target(path: joined, isDirectory: !isFile, command: run, suffixes: isFile ? [] : suffixes)
        }
        return files.compactMap { resolved($0, directory: false) } + directories.compactMap { resolved($0, directory: true) }
    }

    private static let kubectlValued: Set<String> = [
        "-f", "--filename", "-k", "--kustomize", "-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user",
        "-s", "--server", "--token", "-l", "--selector", "-o", "--output", "--field-manager", "--dry-run", "--timeout",
    ]
    private static let helmValued: Set<String> = [
        "-f", "--values", "-n", "--namespace", "--set", "--set-string", "--set-file", "--version", "--kube-context",
        "--kubeconfig", "--timeout", "-o", "--output", "--repo", "--post-renderer",
    ]
}

/// `kubectl apply -f job.yaml`, `kubectl create -f a.yaml -f b.yaml`, `kubectl replace --filename=x.json`: what the
/// manifest's Jobs, CronJobs and Kubeflow training jobs run (`KubernetesJobs`). A file that declares none gives nil,
/// so that the next `-f` file is tried (the first that declares one is read; the request holds one file). Only files
/// are followed: a directory, `-k`, a URL or `-` (standard input) names no file to read, and a command naming only
/// those is not recognised.
enum KubernetesJobFollower: CommandFollower {
    static let name = "kubectl apply"
    static let isOnlyAName = false

    private static let subcommands: Set<String> = ["apply", "create", "replace"]
    private static let files: Set<String> = ["-f", "--filename"]
    /// kubectl's options that take a value, global and of these subcommands.
    private static let valued: Set<String> = files.union([
        "-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server", "--token", "--as",
        "--as-group", "-l", "--selector", "-o", "--output", "--field-manager", "--dry-run", "--cascade", "--timeout",
        "--grace-period", "--prune-allowlist", "--request-timeout", "--template", "--raw", "--edit-last-applied",
        "--certificate-authority", "--client-certificate", "--client-key", "--tls-server-name", "-v", "--v",
    ])

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "kubectl" || command.program == "oc" else { return nil }
        let arguments = CommandArguments(command.arguments, valued: valued)
        guard let subcommand = arguments.positionals.first, subcommands.contains(subcommand) else { return nil }
        let paths = arguments.values(files).filter(isManifestFile).map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 }
        return paths.isEmpty ? nil : FollowRequest(candidates: paths)
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let manifest = KubernetesJobs(text, path: path)
        guard !manifest.workloads.isEmpty || !manifest.problems.isEmpty else { return nil }
        return FollowResult(steps: manifest.workloads.flatMap(\.steps), problems: manifest.problems)
    }

    private static func isManifestFile(_ path: String) -> Bool {
        let lower = path.lowercased()
        return !path.contains("://") && !path.contains("$")
            && (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json"))
    }
}

/// The Jobs and CronJobs of a Kubernetes manifest (every document of a YAML stream, and the items of a `List`), and
/// Kubeflow's training jobs (`PyTorchJob`, `TFJob`, …: each replica type's pod template): what each container runs.
/// Workloads that serve (Pod, Deployment, StatefulSet, …) are not read.
struct KubernetesJobs {
    struct Workload: Sendable, Hashable {
        /// `Job`, `CronJob`, `PyTorchJob`, ….
        var kind: String
        var name: String
        /// A CronJob's `spec.schedule` (`0 3 * * *`); nil for a Job.
        var schedule: String?
        var line: Int
        /// What its containers run, init containers first, in the order written.
        var steps: [FollowedStep]
    }

    var workloads: [Workload] = []
    var problems: [CommandProblem] = []

    /// Nesting of `List` items read at most.
    static let maxListDepth = 8

    init(_ text: String, path: String) {
        let (documents, problems) = SpecFile.documents(text, path: path)
        self.problems = problems
        for document in documents { read(document, depth: 0) }
    }

    private mutating func read(_ object: DataNode, depth: Int) {
        let kind = object["kind"]?.string ?? ""
        if kind == "List" || kind.hasSuffix("List") {
            guard depth < Self.maxListDepth else { return }
            for item in object["items"]?.elements ?? [] { read(item, depth: depth + 1) }
            return
        }
        var podSpecs: [(replica: String?, spec: DataNode?)]
        switch kind {
        case "Job": podSpecs = [(nil, object["spec"]?["template"]?["spec"])]
        case "CronJob": podSpecs = [(nil, object["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"])]
        default:
            // Kubeflow's training jobs (PyTorchJob, TFJob, MPIJob, …): a pod template for each replica type.
            guard kind.hasSuffix("Job"), object["apiVersion"]?.string?.hasPrefix("kubeflow.org/") == true,
                  case .map(let fields, _)? = object["spec"] else { return }
            podSpecs = fields.filter { $0.key.hasSuffix("ReplicaSpecs") }.flatMap { field in
                guard case .map(let replicas, _) = field.value else { return [(String?, DataNode?)]() }
                return replicas.map { (Optional($0.key), $0.value["template"]?["spec"]) }
            }
        }
        let name = object["metadata"]?["name"]?.string ?? ""
        let line = SpecFile.line(object["kind"], or: 1)
        let label = name.isEmpty ? kind : "\(kind)/\(name)"
        var steps: [FollowedStep] = []
        if podSpecs.isEmpty { problems.append(CommandProblem(line: line, message: "\(label) has no pod template")) }
        for (replica, podSpec) in podSpecs {
            let via = [label] + (replica.map { [$0] } ?? [])
            guard let podSpec else {
                problems.append(CommandProblem(line: line, message: "\(via.joined(separator: " ")) has no pod template"))
                continue
            }
            for key in ["initContainers", "containers"] {
                guard let containers = podSpec[key] else { continue }
                guard case .list(let items, _) = containers else {
                    problems.append(CommandProblem(line: SpecFile.line(containers, or: line), message: "\(via.joined(separator: " ")): \(key) is not a list"))
                    continue
                }
                for container in items { steps += self.steps(container, via: via) }
            }
        }
        let schedule = kind == "CronJob" ? object["spec"]?["schedule"]?.string : nil
        workloads.append(Workload(kind: kind, name: name, schedule: schedule, line: line, steps: steps))
    }

    /// A container's `command` and `args`, in exec form. Without `command` the image's entrypoint runs, which the
    /// manifest does not say: a problem, not a step.
    private mutating func steps(_ container: DataNode, via workload: [String]) -> [FollowedStep] {
        let name = container["name"]?.string ?? ""
        let line = SpecFile.line(container, or: 1)
        let via = name.isEmpty ? workload : workload + [name]
        guard let command = container["command"] else {
            problems.append(CommandProblem(line: line, message: "\(via.joined(separator: " ")): no command; the image's entrypoint runs"))
            return []
        }
        let args = container["args"]
        guard let words = SpecFile.words(command), !words.isEmpty else {
            problems.append(CommandProblem(line: SpecFile.line(command, or: line), message: "\(via.joined(separator: " ")): command is not a list of strings"))
            return []
        }
        var all = words
        if let args {
            if let more = SpecFile.words(args) {
                all += more
            } else {
                problems.append(CommandProblem(line: SpecFile.line(args, or: line), message: "\(via.joined(separator: " ")): args is not a list of strings"))
            }
        }
        return [FollowedStep(.words(all), line: SpecFile.line(command, or: line), via: via)]
    }
}

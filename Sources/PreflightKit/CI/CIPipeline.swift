/// One thing a pipeline declares for a job: shell text it runs, an action or task it uses, an image, or a label.
public struct CIStep: Sendable, Hashable, Codable {
    /// What the step's text is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Shell text that runs (`run:`, `script:`, `sh '…'`), read as commands.
        case run
        /// An action, task, template, orb command or builder the step uses, by its identity (`actions/stale@v9`,
        /// `PublishTestResults@2`, `./.github/actions/setup`).
        case action
        /// A file that runs as a whole (a Databricks task's notebook or Python file), relative to the repository root.
        case file
        /// The container image a job or step runs in.
        case image
        /// A name or description (`name:`, `displayName:`, a Jenkins stage): shown, never evidence of what runs.
        case label
    }

    public var job: String?
    public var text: String
    /// The line the text starts on.
    public var line: Int?
    public var kind: Kind
    /// The step (or its job) has a condition that is false as written (`if: false`, `when: never`): it never runs.
    public var disabled: Bool
    /// The step (or its job or stage) runs only when an earlier one failed (`if: failure()`, `condition: failed()`,
    /// `when: on_failure`): what a pipeline does when a rollout goes wrong.
    public var onFailure = false
    /// The directory the step runs in, as written (`working-directory:`, `workingDirectory:`), relative to the
    /// repository root; nil for the root.
    public var directory: String?

    public init(job: String?, text: String, line: Int?, kind: Kind = .run, disabled: Bool = false, directory: String? = nil) {
        self.job = job
        self.text = text
        self.line = line
        self.kind = kind
        self.disabled = disabled
        self.directory = directory
    }
}

/// A CI pipeline definition as Preflight understands it: what it runs and what triggers it.
public struct CIPipeline: Sendable {
    public var system: CISystem
    public var path: String
    /// The directory the pipeline runs in, relative to the repository root: "" for the repository itself, the
    /// template's root for a pipeline of a project template (`{{cookiecutter.slug}}`).
    public var root = ""
    /// For a pipeline of a project template, its path in the project the template generates.
    public var generatedPath: String?
    /// The pipeline's own name (GitHub's `name:`), which other pipelines' triggers refer to.
    public var name: String?
    public var steps: [CIStep] = []
    /// The line that makes it run on a schedule, when it does.
    public var scheduleLine: Int?
    /// The line that makes it run on pull or merge requests, when it does.
    public var pullRequestLine: Int?
    /// Pipelines whose runs start this one (GitHub `workflow_run: workflows: […]`), by name, with the line.
    public var triggeredBy: [String] = []
    public var triggeredByLine: Int?
    /// Variables the pipeline defines for its steps' `$(name)` macros (Azure), and files that define more.
    public var variables: [String: String] = [:]
    public var variableFiles: [String] = []
    /// What the pipeline's steps run, followed into the files they name; set by `ExecutionGraph`.
    public var runs: [RunCommand] = []
    /// What could not be followed ("not followed: scripts/ci.sh is not in the repository"), with where it is asked.
    public var unfollowed: [Proof] = []

    public var isScheduled: Bool { scheduleLine != nil }
    public var runsOnPullRequests: Bool { pullRequestLine != nil }

    public init(system: CISystem, path: String) {
        self.system = system
        self.path = path
    }

    /// Adds a step of `kind` for each scalar under `node`; a `run:` block scalar is one step of several lines.
    mutating func addSteps(from node: DataNode?, job: String?, kind: CIStep.Kind = .run, disabled: Bool = false,
                           directory: String? = nil) {
        guard let node else { return }
        for scalar in node.scalars {
            let text = scalar.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            // A block scalar's mark is the line of its `|`; its content starts on the next line.
            let firstLine = scalar.line.map { scalar.text.contains("\n") ? $0 + 1 : $0 }
            let kept = kind == .run ? text : String(text.prefix(300))
            steps.append(CIStep(job: job, text: kept, line: firstLine, kind: kind, disabled: disabled, directory: directory))
        }
    }

    /// Marks the steps added since `start` as running only when an earlier one failed.
    mutating func markOnFailure(from start: Int) {
        for position in start..<steps.count { steps[position].onFailure = true }
    }

    /// Adds a step running `words` in exec form (a container's `command` and `args`), written back as shell text.
    mutating func addExec(_ words: [DataNode], job: String?, line: Int?, disabled: Bool = false) {
        let strings = words.compactMap(\.string)
        guard !strings.isEmpty else { return }
        steps.append(CIStep(job: job, text: ShellQuoting.line(strings), line: line ?? words.first?.line, disabled: disabled))
    }

    /// Adds, for every element of any list named in `lists` anywhere below `node` (Tekton, Argo), its name as a
    /// label, its image, its `script` as shell text and its `command` + `args` in exec form.
    mutating func collectContainers(_ node: DataNode, under lists: Set<String>, job: String? = nil) {
        guard case .map(let pairs, _) = node else {
            for child in node.children { collectContainers(child, under: lists, job: job) }
            return
        }
        for (key, value) in pairs {
            if lists.contains(key) {
                for element in value.elements {
                    let name = element["name"]?.string ?? job
                    addSteps(from: element["name"], job: name, kind: .label)
                    for container in [element, element["container"], element["script"]] {
                        guard let container, case .map = container else { continue }
                        addSteps(from: container["image"], job: name, kind: .image)
                        // Argo's `script: {source: …}`, Tekton's `script: |`.
                        addSteps(from: container["source"], job: name)
                        if case .scalar? = container["script"] { addSteps(from: container["script"], job: name) }
                        addExec(exec(container), job: name, line: container["command"]?.line ?? container["args"]?.line)
                    }
                    addSteps(from: element["taskRef"]?["name"], job: name, kind: .action)
                }
            }
            collectContainers(value, under: lists, job: job)
        }
    }

    /// A container's `command` then `args`, each a list or a single string.
    func exec(_ container: DataNode) -> [DataNode] {
        func words(_ node: DataNode?) -> [DataNode] {
            guard let node else { return [] }
            if case .scalar = node { return [node] }
            return node.elements
        }
        return words(container["command"]) + words(container["args"])
    }
}

/// Conditions that are false as written, so that what they guard never runs.
enum StaticCondition {
    /// A condition that holds only when something before failed: GitHub's `failure()`, Azure's `failed()`, without
    /// `always()`, a negation, or Azure's `succeededOrFailed()`.
    static func isOnFailure(_ node: DataNode?) -> Bool {
        guard let text = node?.string?.lowercased().replacingOccurrences(of: " ", with: "") else { return false }
        guard text.contains("failure()") || text.contains("failed(") else { return false }
        // Either this or something else (`||`, Azure's `or(…)`) may hold on success too.
        return !["always()", "!failure()", "not(failed(", "succeededorfailed(", "||", "or("].contains(where: text.contains)
    }

    /// `false`, `${{ false }}`, `0`, `false && …`: nothing that could be true at run time.
    static func isFalse(_ node: DataNode?) -> Bool {
        guard var text = node?.string?.trimmingCharacters(in: .whitespaces) else { return false }
        if text.hasPrefix("${{"), text.hasSuffix("}}") {
            text = text.dropFirst(3).dropLast(2).trimmingCharacters(in: .whitespaces)
        }
        let lowered = text.lowercased()
        return lowered == "false" || lowered == "0" || lowered.hasPrefix("false &&") || lowered.hasPrefix("false and")
    }
}

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

    /// Adds the `keys` of every element of any list named in `lists`, anywhere below `node` (Tekton, Argo).
    mutating func collect(_ node: DataNode, keys: [String], under lists: Set<String>) {
        guard case .map(let pairs, _) = node else {
            for child in node.children { collect(child, keys: keys, under: lists) }
            return
        }
        for (key, value) in pairs {
            if lists.contains(key) {
                for element in value.elements {
                    let job = element["name"]?.string
                    for stepKey in keys { addSteps(from: element[stepKey], job: job) }
                }
            }
            collect(value, keys: keys, under: lists)
        }
    }
}

import Foundation

/// The tasks of one task-runner file as resolution sees them: each runs steps and other tasks of the same file, in
/// order (dependencies, hooks and sequences are tasks placed where they run). Followers build one from their format.
struct TaskGraph {
    enum Item: Hashable {
        case step(FollowedStep.Action, line: Int, directory: String? = nil)
        /// Another task of the file; a missing optional one (a hook) is no problem.
        case task(String, line: Int, optional: Bool = false)
        /// Something of the task that could not be read, reported when the task runs.
        case problem(CommandProblem)
    }

    struct Task {
        var items: [Item] = []
        var line: Int
    }

    var tasks: [String: Task] = [:]
    /// What the runner calls a task, for problems: "no \(noun) 'x'".
    var noun: String

    init(noun: String) { self.noun = noun }

    /// What `names` run, in order, each task once; a cycle, a missing task or nesting past `maxDepth` is a problem.
    func resolve(_ names: [String], line: Int = 1, maxDepth: Int = 32) -> FollowResult {
        var result = FollowResult()
        var visited: Set<String> = []
        for name in names {
            visit(name, chain: [], line: line, optional: false, visited: &visited, into: &result, maxDepth: maxDepth)
        }
        return result
    }

    private func visit(_ name: String, chain: [String], line: Int, optional: Bool, visited: inout Set<String>,
                       into result: inout FollowResult, maxDepth: Int) {
        if let index = chain.firstIndex(of: name) {
            let cycle = (chain[index...] + [name]).joined(separator: " → ")
            result.problems.append(CommandProblem(line: line, message: "circular dependency \(cycle): not followed"))
            return
        }
        guard !visited.contains(name) else { return }
        guard let task = tasks[name] else {
            if !optional { result.problems.append(CommandProblem(line: line, message: "no \(noun) '\(name)'")) }
            return
        }
        guard chain.count < maxDepth else {
            result.problems.append(CommandProblem(line: line, message: "\(noun)s nested deeper than \(maxDepth): '\(name)' not followed"))
            return
        }
        // Each task is visited once, so the walk is bounded by the file's size.
        visited.insert(name)
        let chain = chain + [name]
        for item in task.items {
            switch item {
            case .step(let action, let stepLine, let directory):
                result.steps.append(FollowedStep(action, line: stepLine, via: chain, directory: directory))
            case .task(let other, let taskLine, let isOptional):
                visit(other, chain: chain, line: taskLine, optional: isOptional, visited: &visited, into: &result, maxDepth: maxDepth)
            case .problem(let problem):
                result.problems.append(problem)
            }
        }
    }
}

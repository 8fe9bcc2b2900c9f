/// A pipeline started when another finishes (GitHub's `workflow_run`) runs whenever that one does: on its schedule
/// and on its pull requests.
enum TriggerInheritance {
    static func apply(_ pipelines: inout [CIPipeline]) {
        // Each round passes triggers one link down a chain; chains longer than a few links are not written.
        for _ in 0..<4 {
            var changed = false
            for position in pipelines.indices where !pipelines[position].triggeredBy.isEmpty {
                let names = Set(pipelines[position].triggeredBy)
                // A workflow is named by its `name:`, or by its file when it has none.
                let starters = pipelines.filter { $0.system == pipelines[position].system && names.contains($0.name ?? $0.path) }
                let line = pipelines[position].triggeredByLine
                if pipelines[position].scheduleLine == nil, starters.contains(where: \.isScheduled) {
                    pipelines[position].scheduleLine = line
                    changed = true
                }
                if pipelines[position].pullRequestLine == nil, starters.contains(where: \.runsOnPullRequests) {
                    pipelines[position].pullRequestLine = line
                    changed = true
                }
            }
            if !changed { return }
        }
    }
}

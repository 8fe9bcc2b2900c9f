import Foundation

/// When each result file was last committed (one git call for them all), and its file time, for reports that carry
/// no timestamp of their own. A commit at a shallow clone's boundary dates neither.
struct ReportDates {
    let index: RepositoryIndex

    func stamp(_ evidence: inout Evidence) {
        let paths = evidence.reportFiles.keys.sorted()
        guard !paths.isEmpty else { return }
        if index.isGit,
           let output = try? Git(directory: index.root).text(["log", "--relative", "--format=@%ct %H", "--name-only", "--"] + paths) {
            for (path, commit) in GitHistory.lastCommits(output) where evidence.reportFiles[path] != nil {
                if index.shallowBoundary.contains(commit.hash) {
                    evidence.reportFiles[path]?.unknownDate = .init(reason: GitHistory.shallowReason, notAfter: commit.time)
                } else {
                    evidence.reportFiles[path]?.committed = commit.time
                }
            }
        }
        for path in paths where evidence.reportFiles[path]?.unknownDate == nil {
            evidence.reportFiles[path]?.modified = FileTime.modified(index.root.path + "/" + path)
        }
    }
}

import Foundation

/// When each result file was last committed (one git call for them all), for reports that carry no timestamp of
/// their own; outside git, its file time. In a git repository a file time is never a date (a checkout's is "now"): a
/// commit at a shallow clone's boundary, a file not committed yet, or a `git log` that fails leave the date unknown.
struct ReportDates {
    let index: RepositoryIndex

    func stamp(_ evidence: inout Evidence) {
        let paths = evidence.reportFiles.keys.sorted()
        guard !paths.isEmpty else { return }
        guard index.isGit else {
            for path in paths { evidence.reportFiles[path]?.modified = FileTime.modified(index.root.path + "/" + path) }
            return
        }
        let output: String
        do {
            // Literal pathspecs: a tracked file named like pathspec magic, `:(x).json`, must not fail the call.
            output = try Git(directory: index.root).text(["--literal-pathspecs", "log", "--relative", "--format=@%ct %H", "--name-only", "--"] + paths)
        } catch {
            let failure = EvidenceFailure(.unreadable, "git log failed: \((error as? Git.Failure)?.message ?? "\(error)")")
            for path in paths { evidence.reportFiles[path]?.dateFailure = failure }
            return
        }
        for (path, commit) in GitHistory.lastCommits(output) where evidence.reportFiles[path] != nil {
            if index.shallowBoundary.contains(commit.hash) {
                evidence.reportFiles[path]?.unknownDate = .init(reason: GitHistory.shallowReason, notAfter: commit.time)
            } else {
                evidence.reportFiles[path]?.committed = commit.time
            }
        }
        for path in paths where evidence.reportFiles[path]?.committed == nil && evidence.reportFiles[path]?.unknownDate == nil {
            evidence.reportFiles[path]?.dateFailure = EvidenceFailure(.notKnowable, "not committed yet, so it has no date")
        }
    }
}

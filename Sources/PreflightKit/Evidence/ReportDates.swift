import Foundation

/// When each result file was last committed (one git call for them all), and its file time, for reports that carry
/// no timestamp of their own.
struct ReportDates {
    let index: RepositoryIndex

    func stamp(_ evidence: inout Evidence) {
        let paths = evidence.reportFiles.keys.sorted()
        guard !paths.isEmpty else { return }
        if index.isGit, let output = try? Git(directory: index.root).text(["log", "--format=@%ct", "--name-only", "--"] + paths) {
            var current: Date?
            for line in output.split(separator: "\n") {
                if line.hasPrefix("@"), let seconds = TimeInterval(line.dropFirst()) {
                    current = Date(timeIntervalSince1970: seconds)
                } else if let current, evidence.reportFiles[String(line)]?.committed == nil {
                    evidence.reportFiles[String(line)]?.committed = current
                }
            }
        }
        for path in paths {
            evidence.reportFiles[path]?.modified = FileTimes.modified(index.root.path + "/" + path)
        }
    }
}

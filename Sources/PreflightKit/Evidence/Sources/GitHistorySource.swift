import Foundation

/// The repository's git history: when each tracked path last changed, over the longest window any probe asks.
package struct GitHistorySource: EvidenceSource {
    /// A window before the evaluation time, in seconds.
    package struct Window: Hashable, Sendable {
        package var seconds: TimeInterval
        package init(_ seconds: TimeInterval) { self.seconds = seconds }
    }

    package let index: RepositoryIndex
    package let now: Date

    package init(index: RepositoryIndex, now: Date) {
        self.index = index
        self.now = now
    }

    package var display: String { "git history" }

    /// One `git log` over the longest window answers every window.
    package func answer(_ windows: [Window]) -> [Window: Result<GitHistory, EvidenceFailure>] {
        let longest = windows.map(\.seconds).max() ?? 0
        let history = read(window: longest)
        return Dictionary(uniqueKeysWithValues: windows.map { ($0, history) })
    }

    private func read(window: TimeInterval) -> Result<GitHistory, EvidenceFailure> {
        guard index.isGit else { return .failure(EvidenceFailure(.notKnowable, "not a git repository: no history to read")) }
        do {
            return .success(try GitHistory.read(Git(directory: index.root), since: window, now: now, boundary: index.shallowBoundary))
        } catch let failure as Git.Failure {
            return .failure(EvidenceFailure(.unreadable, "git log failed: \(failure.message)"))
        } catch {
            return .failure(EvidenceFailure(.unreadable, "git log failed: \(error)"))
        }
    }
}

import Foundation

/// The repository's git history: when each tracked path last changed, over the longest window any probe asks.
public struct GitHistorySource: EvidenceSource {
    /// A window before the evaluation time, in seconds.
    public struct Window: Hashable, Sendable {
        public var seconds: TimeInterval
        public init(_ seconds: TimeInterval) { self.seconds = seconds }
    }

    public let index: RepositoryIndex
    public let now: Date

    public init(index: RepositoryIndex, now: Date) {
        self.index = index
        self.now = now
    }

    public var display: String { "git history" }

    /// One `git log` over the longest window answers every window.
    public func answer(_ windows: [Window]) -> [Window: Result<GitHistory, EvidenceFailure>] {
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

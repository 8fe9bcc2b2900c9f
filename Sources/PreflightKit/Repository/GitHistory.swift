import Foundation

/// When each tracked path last changed, read from one `git log` over the window the rubric asks about.
package struct GitHistory: Sendable {
    /// Last commit time per path (relative to the evaluated directory).
    package var lastChange: [String: Date]
    /// Paths whose last change git shows at a shallow clone's boundary commit, with that commit's time: the real
    /// last change is at or before it, and unknown.
    package var atShallowBoundary: [String: Date]

    /// Why a date at a shallow clone's boundary is unknown, and how to get it.
    package static let shallowReason = "git history is shallow (a shallow clone), so a date at its boundary commit is unknown: "
        + "fetch full history (actions/checkout: fetch-depth: 0, or git fetch --unshallow)"

    package init(lastChange: [String: Date], atShallowBoundary: [String: Date] = [:]) {
        self.lastChange = lastChange
        self.atShallowBoundary = atShallowBoundary
    }

    /// Reads commits of the last `window` seconds before `now` that touched the directory; a path whose newest
    /// commit is one of `boundary` goes to `atShallowBoundary`.
    static func read(_ git: Git, since window: TimeInterval, now: Date, boundary: Set<String>) throws -> GitHistory {
        let since = Int(now.timeIntervalSince1970 - window)
        let output = try git.text(["log", "--relative", "--name-only", "--format=@%ct %H", "--since=\(since)", "--", "."])
        let newest = newestCommits(output)
        // With full history every path goes to lastChange: mapped in place, without hashing each path again.
        guard !boundary.isEmpty else { return GitHistory(lastChange: newest.mapValues(\.time)) }
        var history = GitHistory(lastChange: [:])
        for (path, commit) in newest {
            if boundary.contains(commit.hash) { history.atShallowBoundary[path] = commit.time } else { history.lastChange[path] = commit.time }
        }
        return history
    }

    /// `lastCommits` as a dictionary, built with one hash per path.
    static func newestCommits(_ output: String) -> [String: Commit] {
        var newest: [String: Commit] = [:]
        var current: Commit?
        for bytes in output.utf8.split(separator: UInt8(ascii: "\n")) {
            let line = Substring(bytes)
            if let commit = Commit(header: line) {
                current = commit
            } else if let current {
                // The `default:` subscript's modify inserts `current` for a path not seen yet and leaves a newer one.
                keep(&newest[String(line), default: current])
            }
        }
        return newest
    }

    private static func keep(_ commit: inout Commit) {}

    /// A commit's header line in `git log --format=@%ct %H` output.
    struct Commit {
        var time: Date
        var hash: String

        init?(header line: Substring) {
            guard line.utf8.first == UInt8(ascii: "@"), line.hasPrefix("@") else { return nil }
            let fields = line.dropFirst().split(separator: " ")
            guard fields.count == 2, let seconds = TimeInterval(fields[0]), fields[1].allSatisfy(\.isHexDigit) else { return nil }
            time = Date(timeIntervalSince1970: seconds)
            hash = String(fields[1])
        }
    }

    /// The newest commit of each path in the output of `git log --name-only --format=@%ct %H`, as git lists them.
    static func lastCommits(_ output: String) -> [(path: String, commit: Commit)] {
        var found: [(path: String, commit: Commit)] = []
        var seen = Set<String>()
        var current: Commit?
        // Split as bytes: git quotes a path holding a control character, so no line holds a CR that would join
        // "\r\n" into one Character.
        for bytes in output.utf8.split(separator: UInt8(ascii: "\n")) {
            let line = Substring(bytes)
            if let commit = Commit(header: line) {
                current = commit
            } else if let current {
                let path = String(line)
                if seen.insert(path).inserted { found.append((path, current)) }
            }
        }
        return found
    }
}

/// The repository's CODEOWNERS file: which paths have owners.
package struct CodeOwners: Sendable {
    package let path: String
    private var rules = IgnoreRules()

    /// Where GitHub and GitLab look; in sorted order, which is also GitHub's order of precedence.
    package static let locations = [".github/CODEOWNERS", ".gitlab/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]

    package init(path: String, contents: String) {
        self.path = path
        rules.add(contents: contents.split(separator: "\n").filter { !$0.hasPrefix("[") }.joined(separator: "\n"),
                  base: "", withPayload: true)
    }

    /// The owners of `file` (the last matching line wins; a line with no owners removes ownership).
    package func owners(of file: String) -> [String] {
        rules.lastMatch(file, isDirectory: false)?.payload ?? []
    }
}

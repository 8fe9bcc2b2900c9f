import Foundation

/// When each tracked path last changed, read from one `git log` over the window the rubric asks about.
public struct GitHistory: Sendable {
    /// Last commit time per path (relative to the evaluated directory).
    public var lastChange: [String: Date]

    public init(lastChange: [String: Date]) { self.lastChange = lastChange }

    /// Reads commits of the last `window` seconds before `now` that touched the directory.
    static func read(_ git: Git, since window: TimeInterval, now: Date) throws -> GitHistory {
        let since = Int(now.timeIntervalSince1970 - window)
        let output = try git.text(["log", "--relative", "--name-only", "--format=@%ct", "--since=\(since)", "--", "."])
        var lastChange: [String: Date] = [:]
        var current: Date?
        for line in output.split(separator: "\n") {
            if line.hasPrefix("@"), let seconds = TimeInterval(line.dropFirst()) {
                current = Date(timeIntervalSince1970: seconds)
            } else if let current, lastChange[String(line)] == nil {
                lastChange[String(line)] = current
            }
        }
        return GitHistory(lastChange: lastChange)
    }
}

/// The repository's CODEOWNERS file: which paths have owners.
public struct CodeOwners: Sendable {
    public let path: String
    private var rules = IgnoreRules()

    /// Where GitHub and GitLab look; in sorted order, which is also GitHub's order of precedence.
    public static let locations = [".github/CODEOWNERS", ".gitlab/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]

    public init(path: String, contents: String) {
        self.path = path
        rules.add(contents: contents.split(separator: "\n").filter { !$0.hasPrefix("[") }.joined(separator: "\n"),
                  base: "", withPayload: true)
    }

    /// The owners of `file` (the last matching line wins; a line with no owners removes ownership).
    public func owners(of file: String) -> [String] {
        rules.lastMatch(file, isDirectory: false)?.payload ?? []
    }
}

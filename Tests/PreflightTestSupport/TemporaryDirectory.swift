import Foundation

/// A temporary directory removed when the value is released.
public final class TemporaryDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public var path: String { url.path }

    /// Writes `contents` at the relative `path`, creating folders.
    public func write(_ path: String, _ contents: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
    }

    /// Runs git here; the identity and dates are fixed so tests are deterministic.
    @discardableResult
    public func git(_ arguments: String..., date: String = "2026-11-01T12:00:00Z") throws -> String {
        try run("/usr/bin/env", ["git", "-C", path] + arguments,
                environment: ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "Test",
                              "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date]).output
    }

    /// `git init` and commit everything written so far.
    public func commitAll(date: String = "2026-11-01T12:00:00Z") throws {
        if !FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) {
            try git("init", "-q", "-b", "main")
        }
        try git("add", "-A")
        try git("commit", "-q", "-m", "fixture", date: date)
    }
}

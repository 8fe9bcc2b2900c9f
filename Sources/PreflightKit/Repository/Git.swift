import Foundation

/// Runs git read-only on a repository. Repository config that could run programs (fsmonitor, pagers) is disabled.
struct Git: Sendable {
    let directory: URL

    struct Failure: Error { let message: String }

    func run(_ arguments: [String]) throws -> Data {
        // git inherits PATH and HOME, but no GIT_* variable: GIT_DIR, GIT_WORK_TREE or GIT_INDEX_FILE in the caller's
        // environment would make it list and date another repository than the one being judged.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        let result: ChildProcess
        do {
            result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                          ["git", "-C", directory.path, "-c", "core.fsmonitor=false", "-c", "core.quotePath=false",
                                           "-c", "safe.directory=*", "--no-pager"] + arguments,
                                          environment: environment)
        } catch {
            throw Failure(message: "cannot run git: \(error.localizedDescription)")
        }
        // env exits 127 when it finds no git on PATH and 126 when the git it finds cannot be run.
        if !result.signaled, result.status == 127 || result.status == 126 {
            throw Failure(message: result.status == 127 ? "git is not on PATH" : "git on PATH cannot be run")
        }
        guard result.status == 0, !result.signaled else {
            let text = String(decoding: result.errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(message: text.isEmpty ? "git \(arguments.first ?? "") failed" : text)
        }
        return result.output
    }

    func text(_ arguments: [String]) throws -> String {
        Self.trimmed(String(decoding: try run(arguments), as: UTF8.self))
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`. ASCII ends are trimmed here: Foundation converts the
    /// whole text first, which costs more than git's own work on a `git log` of a hundred thousand paths.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        // A non-ASCII end may be Unicode whitespace: Foundation decides.
        if start < end, utf8[start] >= 0x80 || utf8[utf8.index(before: end)] >= 0x80 {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return String(Substring(utf8[start..<end]))
    }
}

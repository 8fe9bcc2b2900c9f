import Foundation

/// What git says about a directory before its files are listed: that it is a work tree, and where its history
/// stops when it is a shallow clone.
struct GitCheckout: Sendable {
    /// The commits at a shallow clone's boundary; empty when the history is complete.
    var shallowBoundary: Set<String>

    /// Asks git about `directory` (`path` as the user gave it, for errors). Returns nil when the directory is in
    /// no git repository: git says so and no `.git` is there or above it. Throws `PreflightError` when it is in one
    /// that cannot be evaluated: git is missing or refuses it, or it is a bare repository or a git directory.
    static func inspect(_ directory: URL, path: String) throws -> GitCheckout? {
        let answer: [String]
        do {
            answer = try Git(directory: directory)
                .text(["rev-parse", "--is-inside-work-tree", "--is-bare-repository", "--is-shallow-repository", "--git-path", "shallow"])
                .split(separator: "\n").map(String.init)
        } catch let failure as Git.Failure {
            if let marker = gitMarker(at: directory) {
                throw PreflightError.unreadableGitRepository(path: path, gitDirectory: marker, reason: failure.message)
            }
            if looksLikeGitDirectory(directory) {
                throw PreflightError.noWorkTree(path: path, reason: "this looks like a git directory or bare repository (HEAD, objects, refs)")
            }
            return nil
        }
        let flags = answer.prefix(3)
        guard answer.count == 4, flags.allSatisfy({ $0 == "true" || $0 == "false" }) else {
            throw PreflightError.unreadableGitRepository(path: path, gitDirectory: directory.path,
                                                         reason: "git rev-parse gave an unexpected answer (git 2.15 or later is needed)")
        }
        if flags[1] == "true" { throw PreflightError.noWorkTree(path: path, reason: "this is a bare git repository") }
        if flags[0] != "true" { throw PreflightError.noWorkTree(path: path, reason: "this is inside a git directory") }
        guard flags[2] == "true" else { return GitCheckout(shallowBoundary: []) }
        let file = URL(fileURLWithPath: answer[3], relativeTo: directory)
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let commits = Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
        guard !commits.isEmpty else {
            throw PreflightError.unreadableGitRepository(path: path, gitDirectory: file.path,
                                                         reason: "the history is shallow, but its boundary commits cannot be read")
        }
        return GitCheckout(shallowBoundary: commits)
    }

    /// The first `.git` (a directory, or a file as in worktrees and submodules) in `directory` or above it.
    private static func gitMarker(at directory: URL) -> String? {
        var current = directory.path
        while true {
            let candidate = (current as NSString).appendingPathComponent(".git")
            if (try? FileManager.default.attributesOfItem(atPath: candidate)) != nil { return candidate }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }

    /// Whether `directory` has the layout of a git directory, as a bare repository does.
    private static func looksLikeGitDirectory(_ directory: URL) -> Bool {
        var isDirectory: ObjCBool = false
        func exists(_ name: String, directory wanted: Bool) -> Bool {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue == wanted
        }
        return exists("HEAD", directory: false) && exists("objects", directory: true) && exists("refs", directory: true)
    }
}

import Foundation

/// The files of a repository, listed once: tracked files from git, or a walk honouring .gitignore elsewhere.
public struct RepositoryIndex: Sendable {
    /// The repository root, with symlinks resolved.
    public let root: URL
    /// Paths relative to `root`, `/`-separated, sorted.
    public let files: [String]
    public let isGit: Bool
    public let commit: String?
    public let branch: String?
    /// Things left out while listing, said to the user.
    public let notes: [String]
    /// The commits at a shallow clone's boundary (empty with full history): git shows each as adding every file it
    /// holds, so a date read from one is no file's last change.
    public let shallowBoundary: Set<String>

    public init(root: URL, files: [String], isGit: Bool = false, commit: String? = nil, branch: String? = nil, notes: [String] = [],
                shallowBoundary: Set<String> = []) {
        self.root = root
        // git lists files sorted (by bytes, which for most paths is also String order): checked in one pass.
        self.files = zip(files, files.dropFirst()).allSatisfy { $0 <= $1 } ? files : files.sorted()
        self.isGit = isGit
        self.commit = commit
        self.branch = branch
        self.notes = notes
        self.shallowBoundary = shallowBoundary
    }

    /// Whether `path` is one of the listed files (binary search: `files` is sorted).
    public func tracks(_ path: String) -> Bool {
        var low = 0, high = files.count
        while low < high {
            let middle = (low + high) / 2
            if files[middle] < path { low = middle + 1 } else { high = middle }
        }
        return low < files.count && files[low] == path
    }

    /// Whether a tracked file lies under `directory` ("a/b" holds "a/b/c.py").
    public func tracksDirectory(_ directory: String) -> Bool {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var low = 0, high = files.count
        while low < high {
            let middle = (low + high) / 2
            if files[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        return low < files.count && files[low].hasPrefix(prefix)
    }

    /// Lists the repository at `path`. Throws `PreflightError` when it is missing or unreadable, or in a git
    /// repository that git cannot read or that has no work tree.
    public static func build(at path: String) throws -> RepositoryIndex {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw PreflightError.repository(path: path, reason: "no such directory")
        }
        guard isDirectory.boolValue else { throw PreflightError.repository(path: path, reason: "not a directory") }
        guard FileManager.default.isReadableFile(atPath: url.path),
              (try? FileManager.default.contentsOfDirectory(atPath: url.path)) != nil else {
            throw PreflightError.repository(path: path, reason: "directory is not readable")
        }
        if let checkout = try GitCheckout.inspect(url, path: path) {
            let git = Git(directory: url)
            let listing: Data
            do { listing = try git.run(["ls-files", "-z", "--cached"]) } catch let failure as Git.Failure {
                throw PreflightError.repository(path: path, reason: "git ls-files failed: \(failure.message)")
            }
            let files = listing.withUnsafeBytes { $0.split(separator: 0).map { String(decoding: $0, as: UTF8.self) } }
            // One call for both; it fails as a whole before the first commit, when there is neither.
            let head = (try? git.text(["rev-parse", "HEAD", "--abbrev-ref", "HEAD"]))?.split(separator: "\n").map(String.init)
            var notes = checkout.shallowBoundary.isEmpty ? [] : [GitHistory.shallowReason]
            // Untracked files never count, also where git tracks none (before the first commit, an untracked
            // directory): walking the directory instead would let them earn points.
            if files.isEmpty { notes.append("git tracks no file here: there is nothing to judge (untracked files never count)") }
            return RepositoryIndex(root: url, files: files, isGit: true, commit: head?.first,
                                   branch: head.flatMap { $0.count > 1 ? $0[1] : nil }, notes: notes,
                                   shallowBoundary: checkout.shallowBoundary)
        }
        let walked = try DirectoryWalker(root: url).walk()
        return RepositoryIndex(root: url, files: walked.files, notes: walked.notes)
    }
}

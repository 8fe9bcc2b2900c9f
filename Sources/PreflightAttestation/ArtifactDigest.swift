import Crypto
import Foundation

/// One thing a readiness statement is about, named with its digests (an in-toto ResourceDescriptor).
public struct StatementSubject: Sendable, Hashable, Codable {
    public var name: String
    public var digest: [String: String]

    public init(name: String, digest: [String: String]) {
        self.name = name
        self.digest = digest
    }
}

/// A model artifact's digests. A file is its sha256; a directory is hashed as OpenSSF model signing does by default,
/// so that a model signature and the gate's verdict name the same bytes: every regular file below it (except `.git/`,
/// `.github/`, `.gitattributes` and `.gitignore`) by its relative POSIX path and sha256, and the directory by the
/// sha256 of those digests' bytes in path order.
public struct ArtifactDigest: Sendable, Hashable, Codable {
    public struct File: Sendable, Hashable, Codable {
        public var path: String
        public var sha256: String
    }

    /// The artifact as named (relative to the repository, or as given).
    public var name: String
    public var sha256: String
    /// For a directory, each file's digest in path order; empty for a file.
    public var files: [File]

    public var subject: StatementSubject { StatementSubject(name: name, digest: ["sha256": sha256]) }

    static let ignored: Set<String> = [".git", ".github", ".gitattributes", ".gitignore"]

    /// The digests of the file or directory at `url`, named `name`. A symbolic link is refused, as model signing does.
    public static func of(_ url: URL, name: String) throws -> ArtifactDigest {
        let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
        guard let values else { throw AttestationError.artifact(name, "does not exist") }
        if values.isSymbolicLink == true { throw AttestationError.artifact(name, "is a symbolic link; name the file it points to") }
        guard values.isDirectory == true else {
            return ArtifactDigest(name: name, sha256: try hex(sha256(of: url, name: name)), files: [])
        }
        var files: [File] = []
        var root = SHA256()
        for relative in try regularFiles(below: url, name: name) {
            let digest = try sha256(of: url.appendingPathComponent(relative), name: "\(name)/\(relative)")
            root.update(data: digest)
            files.append(File(path: relative, sha256: hex(digest)))
        }
        guard !files.isEmpty else { throw AttestationError.artifact(name, "is an empty directory") }
        return ArtifactDigest(name: name, sha256: hex(Data(root.finalize())), files: files)
    }

    /// Relative paths of the regular files below `directory`, in model signing's order: compared part by part (as
    /// Python compares `PurePosixPath`s), each part by its code points, so `unet/config.json` comes after
    /// `unet.safetensors`.
    private static func regularFiles(below directory: URL, name: String) throws -> [String] {
        var found: [String] = []
        func walk(_ url: URL, _ prefix: String) throws {
            let entries = try FileManager.default.contentsOfDirectory(atPath: url.path)
            for entry in entries {
                let relative = prefix.isEmpty ? entry : "\(prefix)/\(entry)"
                if prefix.isEmpty, ignored.contains(entry) { continue }
                let child = url.appendingPathComponent(entry)
                let values = try child.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey, .isRegularFileKey])
                if values.isSymbolicLink == true { throw AttestationError.artifact("\(name)/\(relative)", "is a symbolic link") }
                if values.isDirectory == true { try walk(child, relative) } else if values.isRegularFile == true { found.append(relative) }
            }
        }
        try walk(directory, "")
        return found.sorted { left, right in
            left.split(separator: "/").lexicographicallyPrecedes(right.split(separator: "/")) { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        }
    }

    private static func sha256(of url: URL, name: String) throws -> Data {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw AttestationError.artifact(name, "cannot be read") }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return Data(hasher.finalize())
    }

    static func hex(_ data: some Sequence<UInt8>) -> String { data.map { String(format: "%02x", $0) }.joined() }
}

import Foundation

/// Reads files of a repository without ever leaving it: symlinks that resolve outside the root, FIFOs, devices and
/// directories are refused; oversized and binary files are skipped before they are read whole.
package struct RepositoryReader: Sendable {
    package let root: URL
    package var maxBytes: Int

    package enum Result: Sendable {
        case text(String)
        /// Left out on purpose (binary, too large): not an error for a search, an error for a file that must be read.
        case skipped(EvidenceFailure)
        /// Could not or must not be read: a reason to fail closed.
        case failed(EvidenceFailure)
    }

    /// How much of a file is looked at for a NUL byte, the mark of a binary file, before the rest is read.
    static let sniffBytes = 8192

    /// `root.path`, computed once: every read needs it.
    private let rootPath: String

    package init(root: URL, maxBytes: Int = 4 << 20) {
        self.root = root
        rootPath = root.path
        self.maxBytes = maxBytes
    }

    /// Whether `path` names a file or directory inside the repository; a symlink must resolve inside it too.
    package func exists(_ path: String) -> Bool {
        Confinement.resolves(root.appendingPathComponent(path).path, inside: root.path)
    }

    /// Whether nothing at all is at `path` (not even a broken symlink).
    package func isAbsent(_ path: String) -> Bool {
        var info = stat()
        return lstat(root.appendingPathComponent(path).path, &info) != 0 && errno == ENOENT
    }

    package func read(_ path: String) -> Result {
        let absolute = rootPath + "/" + path
        var info = stat()
        // Opened first, without following a final symlink (ELOOP): most tracked files are regular files, and an
        // lstat before every open would walk each path twice.
        var descriptor = open(absolute, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        if descriptor < 0 {
            guard errno == ELOOP else { return .failed(EvidenceFailure(.unreadable, String(cString: strerror(errno)))) }
            guard lstat(absolute, &info) == 0 else { return .failed(EvidenceFailure(.unreadable, String(cString: strerror(errno)))) }
            guard (info.st_mode & S_IFMT) == S_IFLNK else { return .failed(EvidenceFailure(.refused, "symlink appeared while reading")) }
            guard let resolved = realpath(absolute, nil) else { return .failed(EvidenceFailure(.unreadable, "broken symlink")) }
            let target = String(cString: resolved)
            free(resolved)
            guard target.hasPrefix(rootPath + "/") else { return .failed(EvidenceFailure(.refused, "symlink points outside the repository")) }
            // O_NOFOLLOW: a file swapped for a symlink after the check above is refused, not followed.
            descriptor = open(target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            guard descriptor >= 0 else { return .failed(errno == ELOOP ? EvidenceFailure(.refused, "symlink appeared while reading") : EvidenceFailure(.unreadable, String(cString: strerror(errno)))) }
        }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { return .failed(EvidenceFailure(.unreadable, String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failed(EvidenceFailure(.refused, "not a regular file")) }
        guard Int(info.st_size) <= maxBytes else { return .skipped(EvidenceFailure(.tooLarge, "larger than \(maxBytes) bytes")) }
        var bytes = [UInt8](repeating: 0, count: min(Int(info.st_size), maxBytes) + 1)
        var count = 0
        var sniffed = false
        while count < bytes.count {
            // The first read stops at the sniffing window, so that a binary file is refused before it is read whole.
            let limit = sniffed ? bytes.count : min(bytes.count, Self.sniffBytes)
            let got = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + count, limit - count) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failed(EvidenceFailure(.unreadable, "read error: \(String(cString: strerror(errno)))"))
            }
            if got == 0 { break }
            count += got
            if !sniffed && count == limit {
                sniffed = true
                if bytes[..<count].contains(0) { return .skipped(EvidenceFailure(.unparseable, "binary")) }
            }
        }
        // A file that grew past its size while being read is read again next time; now it is too large to trust.
        guard count < bytes.count || count <= Int(info.st_size) else { return .skipped(EvidenceFailure(.unreadable, "changed while being read")) }
        if !sniffed && bytes[..<count].contains(0) { return .skipped(EvidenceFailure(.unparseable, "binary")) }
        return .text(String(decoding: bytes[..<count], as: UTF8.self))
    }
}

/// Sorts paths into data files, which content probes skip by default, and everything else.
package enum FileKind {
    static let dataExtensions: Set<String> = [
        "csv", "tsv", "parquet", "feather", "arrow", "avro", "orc", "jsonl", "ndjson", "h5", "hdf5", "npy", "npz",
        "pkl", "pickle", "joblib", "pt", "pth", "ckpt", "safetensors", "onnx", "pb", "tflite", "tfrecord", "bin",
        "zip", "gz", "tgz", "bz2", "xz", "zst", "tar", "7z", "png", "jpg", "jpeg", "gif", "bmp", "tiff", "webp",
        "pdf", "mp3", "wav", "mp4", "mov", "db", "sqlite", "xlsx", "xls",
    ]

    package static func isData(_ path: String) -> Bool {
        // Asked of every tracked file. An ASCII path's characters are its bytes, so bytes answer at once.
        var path = path
        if let answer = path.withUTF8({ bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return false }
            guard !bytes[dot...].contains(UInt8(ascii: "/")) else { return false }
            return dataExtensions.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[(dot + 1)...]), as: UTF8.self).lowercased())
        }) { return answer }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return dataExtensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// Line-comment markers for a file, by its name: matches after one are not evidence.
    static func commentMarkers(_ path: String) -> [String] {
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        // A leading dot starts a hidden name, not an extension.
        let ext = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : name[name.index(after: $0)...].lowercased() } ?? ""
        switch ext {
        case "py", "yaml", "yml", "toml", "sh", "bash", "cfg", "ini", "r", "conf", "txt", "rb", "pl", "properties":
            return ["#"]
        case "tf", "tofu", "tfvars":   // HCL: `#` and `//` line comments, `/* */` blocks
            return ["#", "//", "/*", "*"]
        case "js", "ts", "swift", "go", "java", "kt", "scala", "groovy", "c", "cc", "cpp", "h", "rs", "cs", "jenkinsfile":
            return ["//", "/*", "*"]
        case "sql", "lua": return ["--"]
        default:
            if ["Dockerfile", "Makefile", "Containerfile", "requirements.txt"].contains(name) { return ["#"] }
            if name == "Jenkinsfile" { return ["//", "/*", "*"] }
            return []
        }
    }
}

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#else
import Darwin
private let systemRead = Darwin.read
#endif

/// Where a path really leads, with every symlink resolved.
enum Confinement {
    /// Whether `path` exists and resolves to `root` or below it (`root` itself resolved).
    static func resolves(_ path: String, inside root: String) -> Bool {
        guard let resolved = realpath(path, nil) else { return false }
        defer { free(resolved) }
        let target = String(cString: resolved)
        let base = realpath(root, nil).map { pointer in defer { free(pointer) }; return String(cString: pointer) } ?? root
        return target == base || target.hasPrefix(base + "/")
    }
}

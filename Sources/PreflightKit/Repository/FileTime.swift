import Foundation

/// File times, read with `lstat` where the C library has it; its field names differ between C libraries.
enum FileTime {
    /// When the entry at `path` (a symlink itself, not its target) was last modified; nil when it cannot be read.
    static func modified(_ path: String) -> Date? {
        #if canImport(Darwin)
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(info.st_mtimespec.tv_sec))
        #elseif canImport(Glibc) || canImport(Musl)
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
        #else
        return (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        #endif
    }
}

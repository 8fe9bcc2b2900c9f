import Foundation

/// File times read with `lstat`, on glibc and Darwin alike (their `stat` fields are named differently).
enum FileTimes {
    /// When the file at `path` was last modified, or nil when it cannot be read.
    static func modified(_ path: String) -> Date? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        return Date(timeIntervalSince1970: TimeInterval(info.st_mtimespec.tv_sec))
        #else
        return Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
        #endif
    }
}

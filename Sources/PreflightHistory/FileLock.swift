import Foundation

/// An exclusive advisory lock on a file, held until released.
struct FileLock {
    let descriptor: Int32
    struct Busy: Error {}

    /// Nil when the lock file cannot be created (a read-only location); throws when another process holds the
    /// lock past `deadline`.
    init?(path: String, until deadline: Date) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw Busy()
            }
            usleep(20_000)
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

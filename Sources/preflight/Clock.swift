import Foundation

/// The time commands evaluate at: `SOURCE_DATE_EPOCH` when set (reproducible reports and tests), else now.
enum Clock {
    static func now() -> Date {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }
}

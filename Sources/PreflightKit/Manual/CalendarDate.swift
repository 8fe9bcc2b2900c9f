import Foundation

/// Dates in ledger files: a calendar day (`2026-11-23`, midnight UTC) or an ISO 8601 time with a zone.
public enum CalendarDate {
    /// Parses a calendar day or an ISO 8601 time.
    public static func parse(_ text: String) -> Date? {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        day.timeZone = TimeZone(identifier: "UTC")
        if text.count == 10, let date = day.date(from: text) { return date }
        let time = ISO8601DateFormatter()
        time.formatOptions = [.withInternetDateTime]
        if let date = time.date(from: text) { return date }
        time.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return time.date(from: text)
    }

    /// The calendar day of `date` in UTC, like `2026-11-23`.
    public static func format(_ date: Date) -> String {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        day.timeZone = TimeZone(identifier: "UTC")
        return day.string(from: date)
    }

    /// A date, or a duration like `90d` counted from `start`.
    public static func parse(_ text: String, after start: Date) -> Date? {
        if let seconds = Durations.parse(text) { return start.addingTimeInterval(seconds) }
        return parse(text)
    }
}

/// What ledger validation shares: the message for a date field and the check of a document link.
enum LedgerChecks {
    static func dateProblem(_ text: String, field: String, now: Date) -> (date: Date?, problem: String?) {
        guard let date = CalendarDate.parse(text) else {
            return (nil, "'\(text)' is not a date like 2026-11-23 or 2026-11-23T10:00:00Z")
        }
        guard date <= now else { return (nil, "\(field) \(text) is in the future") }
        return (date, nil)
    }

    /// Nil when `link` is a URL or a relative path that stays inside the repository.
    static func linkProblem(_ link: String) -> String? {
        if link.range(of: "^https?://[^\\s]+$", options: .regularExpression) != nil { return nil }
        if link.hasPrefix("/") || link.hasPrefix("~") || link.split(separator: "/").contains("..") {
            return "document '\(link)' is outside the repository; give a path inside it or an https URL"
        }
        if link.contains("://") { return "document '\(link)' must be an http(s) URL or a path in the repository" }
        return nil
    }
}

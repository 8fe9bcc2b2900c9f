import Foundation

/// A regular expression (ICU syntax, as in `NSRegularExpression`), compiled once when the rubric loads.
public struct Pattern: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    let regex: NSRegularExpression

    public init(_ source: String) throws {
        self.source = source
        do {
            regex = try NSRegularExpression(pattern: source, options: [.anchorsMatchLines])
        } catch {
            throw PatternError(source: source)
        }
        if let group = BacktrackingRisk.nestedRepetition(in: source) {
            throw PatternError(source: source, reason: "refused: \(group) repeats a repetition, which can take exponential time on one long line; write it without + or * inside a repeated group, such as [\\w.]+ for (\\w+\\.)+")
        }
        if regex.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil {
            throw PatternError(source: source, reason: "it matches the empty string, so it would match every file")
        }
    }

    struct PatternError: Error {
        var source: String
        var reason = "not a valid regular expression"
    }

    /// Whether the pattern occurs anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    public var description: String { source }
    public static func == (a: Pattern, b: Pattern) -> Bool { a.source == b.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

extension KeyedDecodingContainer {
    func decodePattern(forKey key: Key) throws -> Pattern? {
        guard let source = try decodeIfPresent(String.self, forKey: key) else { return nil }
        do {
            return try Pattern(source)
        } catch let error as Pattern.PatternError {
            throw FieldError(codingPath: codingPath + [key], message: "'\(error.source)' is \(error.reason)")
        }
    }

    /// Globs, with `$name` entries expanded from the rubric's parameters.
    func decodeGlobs(forKey key: Key, parameters: [String: [String]]) throws -> GlobSet {
        guard let raw = try decodeStringList(forKey: key) else {
            throw FieldError(codingPath: codingPath, message: "missing required key '\(key.stringValue)'")
        }
        var patterns: [String] = []
        for entry in raw {
            guard entry.hasPrefix("$") else { patterns.append(entry); continue }
            let name = String(entry.dropFirst())
            guard let values = parameters[name] else {
                let hint = Suggestion.closest(to: name, in: parameters.keys).map { " (did you mean '$\($0)'?)" } ?? ""
                throw FieldError(codingPath: codingPath + [key], message: "unknown parameter '\(entry)'\(hint)")
            }
            patterns += values
        }
        do {
            return try GlobSet(patterns, written: raw.joined(separator: ", "))
        } catch .invalid(let reason) {
            throw FieldError(codingPath: codingPath + [key], message: "bad glob: \(reason)")
        }
    }

    /// A duration such as `90d`, `12w` or `36h`, in seconds.
    func decodeDuration(forKey key: Key) throws -> TimeInterval? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let seconds = Durations.parse(text) else {
            throw FieldError(codingPath: codingPath + [key], message: "'\(text)' is not a duration like 90d, 12w, 36h or 15m")
        }
        return seconds
    }
}

package enum Durations {
    package static func parse(_ text: String) -> TimeInterval? {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let scale = units[unit], let count = Int(text.dropLast()),
              count > 0, count <= 36_500 else { return nil }
        return TimeInterval(count) * scale
    }

    /// An age in the largest unit that keeps it readable: 42 s, 5 min, 3 h, 2 d.
    package static func age(_ seconds: TimeInterval) -> String {
        switch seconds {
        case ..<120: return "\(Int(seconds)) s"
        case ..<7200: return "\(Int(seconds / 60)) min"
        case ..<172_800: return "\(Int(seconds / 3600)) h"
        default: return "\(Int(seconds / 86_400)) d"
        }
    }

    static func render(_ seconds: TimeInterval) -> String {
        let days = Int(seconds / 86_400)
        if days * 86_400 == Int(seconds) { return "\(days)d" }
        if Int(seconds) % 3600 == 0 { return "\(Int(seconds / 3600))h" }
        return Int(seconds) % 60 == 0 ? "\(Int(seconds / 60))m" : "\(Int(seconds))s"
    }
}

extension Decoder {
    var parameters: [String: [String]] { userInfo[.parameters] as? [String: [String]] ?? [:] }
}

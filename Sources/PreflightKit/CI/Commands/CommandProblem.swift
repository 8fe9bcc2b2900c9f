import Foundation

/// Something a command reader could not read as written (an unterminated quote, a cycle, a limit reached). The
/// reader still returns what it could read; the caller decides what the problem means.
public struct CommandProblem: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line in the text read.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// The text a command reader works on: decoded lossily (a byte that is not UTF-8 becomes U+FFFD) and cut at a size.
enum CommandText {
    static func decode(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    /// `text` cut to at most `maxBytes` UTF-8 bytes on a character boundary, and the problem saying so.
    static func truncated(_ text: String, maxBytes: Int) -> (String, CommandProblem?) {
        let utf8 = text.utf8
        guard utf8.count > maxBytes else { return (text, nil) }
        let bytes = Array(utf8.prefix(maxBytes + 1))
        var count = maxBytes
        // Cut before the byte that starts a character, not inside one.
        while count > 0, UTF8.isContinuation(bytes[count]) { count -= 1 }
        let kept = String(decoding: bytes[..<count], as: UTF8.self)
        let line = kept.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        return (kept, CommandProblem(line: line, message: "input is \(utf8.count) bytes; only the first \(maxBytes) are read"))
    }
}

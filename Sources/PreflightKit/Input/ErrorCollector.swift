/// Gathers the errors of independent parts of one file (each item of a section, each section of a rubric, each entry
/// of `items:`), so that a file with several mistakes reports them all at once instead of one per run.
final class ErrorCollector: @unchecked Sendable {
    private(set) var errors: [any Error] = []

    func add(_ error: any Error) { errors.append(error) }
}

extension CodingUserInfoKey {
    /// The `ErrorCollector` of the document being decoded.
    static let errors = CodingUserInfoKey(rawValue: "preflight.errors")!
}

extension Decoder {
    var errorCollector: ErrorCollector? { userInfo[.errors] as? ErrorCollector }

    /// Whether an independent part decoded so far failed: checks across parts (unique ids, names the policy uses)
    /// would then only repeat that failure in other words, so they are skipped.
    var hasCollectedErrors: Bool { !(errorCollector?.errors.isEmpty ?? true) }
}

extension KeyedDecodingContainer {
    /// A list whose elements do not depend on each other: an element that fails is collected (when decoding collects)
    /// and the others still decode.
    func decodeEach<T: Decodable>(_ type: T.Type, forKey key: Key, collectingInto collector: ErrorCollector?) throws -> [T] {
        guard let collector else { return try decode([T].self, forKey: key) }
        var list = try nestedUnkeyedContainer(forKey: key)
        var values: [T] = []
        while !list.isAtEnd {
            do {
                values.append(try list.decode(T.self))
            } catch {
                collector.add(error)
                _ = try list.decode(Skipped.self)
            }
        }
        return values
    }

    /// A mapping of independent entries, in file order, collected as `decodeEach` does.
    func decodeEachValue<T: Decodable>(_ type: T.Type, forKey key: Key, collectingInto collector: ErrorCollector?) throws -> [String: T] {
        let nested = try nestedContainer(keyedBy: AnyKey.self, forKey: key)
        var values: [String: T] = [:]
        for entry in nested.allKeys {
            do {
                values[entry.stringValue] = try nested.decode(T.self, forKey: entry)
            } catch {
                guard let collector else { throw error }
                collector.add(error)
            }
        }
        return values
    }
}

/// Decodes from anything, to step over a list element that failed.
private struct Skipped: Decodable {
    init(from decoder: any Decoder) {}
}

import Foundation
import Yams

/// A validation failure raised while decoding, located by the decoder's coding path.
struct FieldError: Error {
    var codingPath: [any CodingKey]
    var message: String
    /// Point at the key itself (unknown keys) rather than at its value.
    var atKey = false
}

/// A coding key that accepts any name, used to list every key actually present.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
}

extension CodingUserInfoKey {
    /// Values a rubric's `$name` globs expand to, `[String: [String]]`.
    static let parameters = CodingUserInfoKey(rawValue: "preflight.parameters")!
    /// The `YAMLDocument` being decoded, for locations inside decoded values.
    static let document = CodingUserInfoKey(rawValue: "preflight.document")!
}

extension Decoder {
    /// Throws for any key not in `keys`, suggesting the closest allowed one.
    func rejectUnknownKeys<K: CodingKey & CaseIterable>(_ keys: K.Type) throws {
        try rejectUnknownKeys(allowed: K.allCases.map(\.stringValue))
    }

    /// Throws for any key not in `allowed`, suggesting the closest allowed one.
    func rejectUnknownKeys(allowed: [String]) throws {
        let present = try presentKeys()
        for key in present where !allowed.contains(key.stringValue) {
            let hint = Suggestion.closest(to: key.stringValue, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw FieldError(codingPath: codingPath + [key],
                             message: "unknown key '\(key.stringValue)'\(hint); allowed: \(allowed.joined(separator: ", "))",
                             atKey: true)
        }
    }

    /// The keys of the mapping being decoded.
    func presentKeys() throws -> [AnyKey] {
        if let decoder = self as? NodeDecoder, case .mapping(let mapping) = decoder.node {
            return NodeDecoder.merged(mapping).map { AnyKey(stringValue: $0.key) }
        }
        return try container(keyedBy: AnyKey.self).allKeys
    }

    /// Where the value being decoded stands in its file.
    var sourceLocation: SourceLocation? {
        guard let document = userInfo[.document] as? DocumentBox else { return nil }
        let node = (self as? NodeDecoder)?.node ?? NodePath.locate(codingPath, in: document.value.root)?.value
        return document.value.location(of: node)
    }

    func fail(_ message: String, key: (any CodingKey)? = nil) -> FieldError {
        FieldError(codingPath: codingPath + (key.map { [$0] } ?? []), message: message)
    }
}

extension KeyedDecodingContainer {
    /// A validation failure at `key` of this mapping.
    func fail(_ message: String, key: Key) -> FieldError { FieldError(codingPath: codingPath + [key], message: message) }

    /// A boolean that must be spelled `true` or `false` (YAML 1.1 also reads yes/no/on/off, which surprise people).
    func decodeStrictBool(forKey key: Key) throws -> Bool? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            throw FieldError(codingPath: codingPath + [key], message: "expected true or false, found '\(text)'")
        }
    }

    /// A single string or a list of strings, as a list.
    func decodeStringList(forKey key: Key) throws -> [String]? {
        if let one = try? decodeIfPresent(String.self, forKey: key) { return [one] }
        return try decodeIfPresent([String].self, forKey: key)
    }
}

/// Carries a document through `userInfo` (which needs a class to stay cheap).
final class DocumentBox: @unchecked Sendable {
    let value: YAMLDocument
    init(_ value: YAMLDocument) { self.value = value }
}

/// Follows a coding path through a node tree.
enum NodePath {
    /// The key node (when the last step is a mapping key) and the value node at `path`.
    static func locate(_ path: [any CodingKey], in root: Node) -> (key: Node?, value: Node)? {
        var node = root
        var keyNode: Node?
        for step in path {
            keyNode = nil
            switch node {
            case .sequence(let sequence):
                guard let index = step.intValue ?? Int(step.stringValue.split(separator: " ").last ?? ""),
                      index >= 0, index < sequence.count else { return (nil, node) }
                node = sequence[index]
            case .mapping(let mapping):
                guard let pair = mapping.first(where: { $0.key.string == step.stringValue }) else { return (nil, node) }
                keyNode = pair.key
                node = pair.value
            default:
                return (nil, node)
            }
        }
        return (keyNode, node)
    }

    /// `sections[1].items[0].id`
    static func render(_ path: [any CodingKey]) -> String {
        var text = ""
        for step in path {
            if let index = step.intValue ?? indexFromYams(step) {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? step.stringValue : ".\(step.stringValue)"
            }
        }
        return text
    }

    private static func indexFromYams(_ key: any CodingKey) -> Int? {
        guard key.stringValue.hasPrefix("Index ") else { return nil }
        return Int(key.stringValue.dropFirst(6))
    }
}

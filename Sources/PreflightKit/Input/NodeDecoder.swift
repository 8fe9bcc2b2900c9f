import Foundation
import Yams

/// Decodes `Decodable` values from a composed YAML node tree, with the same errors and scalar rules as Yams'
/// `YAMLDecoder`.
///
/// Yams' decoder looks up each key by a linear scan that compares nodes, copies every mapping to resolve merge keys,
/// and casts every value to its anchor protocols; that made up most of the time to load a rubric. This one indexes
/// each mapping once and knows the node it decodes, so strict decoding reads keys and locations from it directly.
struct NodeDecoder: Decoder {
    let node: Node
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    static func decode<T: Decodable>(_ type: T.Type, from node: Node, userInfo: [CodingUserInfoKey: Any]) throws -> T {
        try NodeDecoder(node: node, codingPath: [], userInfo: userInfo).decode(type)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else { throw mismatch(Node.Mapping.self) }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, pairs: Self.merged(mapping)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else { throw mismatch(Node.Sequence.self) }
        return UnkeyedContainer(decoder: self, elements: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func child(_ node: Node, key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, codingPath: codingPath + [key], userInfo: userInfo)
    }

    /// The mapping's string keys and values in order, with `<<` merge keys expanded: as in YAML, a key written in the
    /// mapping wins over a merged one, and of several merged mappings the first listed wins.
    static func merged(_ mapping: Node.Mapping) -> [(key: String, value: Node)] {
        var merged: [(key: String, value: Node)] = []
        var written: [(key: String, value: Node)] = []
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if name == "<<", key.tag.rawValue == Tag.Name.merge.rawValue {
                switch value {
                case .mapping(let inner): merged += Self.merged(inner)
                case .sequence(let sequence):
                    for case .mapping(let inner) in sequence.reversed() { merged += Self.merged(inner) }
                default: break
                }
            } else {
                written.append((name, value))
            }
        }
        return merged + written
    }

    /// Cheap to make: `decodeStringList` tries a string before a list, so a list takes this path every time.
    fileprivate func mismatch(_ expected: Any.Type) -> DecodingError {
        .typeMismatch(expected, .init(codingPath: codingPath, debugDescription: "Expected to decode \(expected)."))
    }
}

extension NodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return NSNull.construct(from: scalar) != nil
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard let scalarType = type as? any ScalarConstructible.Type else { return try T(from: self) }
        guard case .scalar(let scalar) = node else { throw mismatch(type) }
        guard let value = scalarType.construct(from: scalar) as? T else { throw mismatch(type) }
        return value
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let pairs: [(key: String, value: Node)]
    /// The last value of each key: later pairs win, as in Yams.
    let values: [String: Node]

    init(decoder: NodeDecoder, pairs: [(key: String, value: Node)]) {
        self.decoder = decoder
        self.pairs = pairs
        values = Dictionary(pairs, uniquingKeysWith: { _, last in last })
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { pairs.compactMap { Key(stringValue: $0.key) } }
    func contains(_ key: Key) -> Bool { values[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try child(key).decodeNil() }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decode(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try child(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { try child(AnyKey(stringValue: "super")) }
    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }

    private func child(_ key: any CodingKey) throws -> NodeDecoder {
        guard let node = values[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)."))
        }
        return decoder.child(node, key: key)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let elements: [Node]
    var currentIndex = 0

    init(decoder: NodeDecoder, elements: [Node]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        let isNil = try current(Any?.self).decodeNil()
        if isNil { currentIndex += 1 }
        return isNil
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try current(type).decode(type)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try current(type).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try current([Any].self).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = try current(Any.self)
        currentIndex += 1
        return decoder
    }

    private func current(_ type: Any.Type) throws -> NodeDecoder {
        let key = AnyKey(intValue: currentIndex)
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [key], debugDescription: "Unkeyed container is at end."))
        }
        return decoder.child(elements[currentIndex], key: key)
    }
}

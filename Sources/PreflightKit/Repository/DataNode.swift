/// A parsed structured file (YAML, JSON, TOML) as a small tree that keeps line numbers where the format gives them.
package indirect enum DataNode: Sendable {
    case map([(key: String, value: DataNode)], line: Int?)
    case list([DataNode], line: Int?)
    case scalar(String, line: Int?)

    package var line: Int? {
        switch self {
        case .map(_, let line), .list(_, let line), .scalar(_, let line): return line
        }
    }

    package subscript(key: String) -> DataNode? {
        guard case .map(let pairs, _) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    package var string: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    package var children: [DataNode] {
        switch self {
        case .map(let pairs, _): return pairs.map(\.value)
        case .list(let items, _): return items
        case .scalar: return []
        }
    }

    package var keys: [String] {
        if case .map(let pairs, _) = self { return pairs.map(\.key) }
        return []
    }

    /// A list's elements, or the node itself when it is not a list (YAML often allows either).
    package var elements: [DataNode] {
        if case .list(let items, _) = self { return items }
        return [self]
    }

    /// Every scalar in this subtree, depth first.
    package var scalars: [(text: String, line: Int?)] {
        if case .scalar(let text, let line) = self { return [(text, line)] }
        return children.flatMap(\.scalars)
    }

    /// Nodes reached by following `path`; `*` takes every child, a number a list element.
    package func nodes(at path: ArraySlice<String>) -> [DataNode] {
        guard let segment = path.first else { return [self] }
        let rest = path.dropFirst()
        if segment == "*" { return children.flatMap { $0.nodes(at: rest) } }
        switch self {
        case .map(let pairs, _):
            return pairs.filter { $0.key == segment }.flatMap { $0.value.nodes(at: rest) }
        case .list(let items, _):
            guard let index = Int(segment), items.indices.contains(index) else { return [] }
            return items[index].nodes(at: rest)
        case .scalar:
            return []
        }
    }
}

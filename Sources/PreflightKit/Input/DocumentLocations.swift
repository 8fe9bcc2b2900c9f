import Yams

/// Where each key and value of a YAML document stands, kept after the document: Yams' nodes are not `Sendable`, so a
/// value that must locate errors later (preflight.yaml, once the rubric is known) keeps this instead.
struct DocumentLocations: Sendable {
    let file: String
    /// By path (keys, and `[n]` for sequence elements): the key's location (nil for an element) and the value's.
    private var places: [[String]: (key: SourceLocation?, value: SourceLocation)] = [:]

    init(_ document: YAMLDocument) {
        file = document.file
        places[[]] = (nil, document.location(of: document.root))
        record(document.root, at: [], in: document)
    }

    private mutating func record(_ node: Node, at path: [String], in document: YAMLDocument) {
        switch node {
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                places[path + ["[\(index)]"]] = (nil, document.location(of: element))
                record(element, at: path + ["[\(index)]"], in: document)
            }
        case .mapping(let mapping):
            for pair in mapping {
                guard let key = pair.key.string, places[path + [key]] == nil else { continue }   // the first of duplicate keys, as NodePath
                places[path + [key]] = (document.location(of: pair.key), document.location(of: pair.value))
                record(pair.value, at: path + [key], in: document)
            }
        default:
            break
        }
    }

    /// The key and value at `path`, or the deepest value on the way when the path leaves the document (as
    /// `NodePath.locate` does).
    func locate(_ path: [any CodingKey]) -> (key: SourceLocation?, value: SourceLocation) {
        var found: [String] = []
        for step in path {
            let index = step.intValue ?? (step.stringValue.hasPrefix("Index ") ? Int(step.stringValue.dropFirst(6)) : nil)
            let next = found + [index.map { "[\($0)]" } ?? step.stringValue]
            guard places[next] != nil else { return (nil, places[found]!.value) }
            found = next
        }
        return places[found]!
    }

    /// The error at `path` (at its key when `atKey`).
    func located(_ path: [any CodingKey], _ message: String, atKey: Bool = false) -> PreflightError {
        let found = locate(path)
        return .invalidInput(location: atKey ? (found.key ?? found.value) : found.value, keyPath: NodePath.render(path), message: message)
    }
}

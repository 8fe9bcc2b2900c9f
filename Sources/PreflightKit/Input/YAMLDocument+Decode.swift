import Foundation
import Yams

extension YAMLDocument {
    /// Decodes the whole document; every failure becomes `PreflightError.invalidInput` at `file:line:column`.
    /// Independent parts of the file (items, sections, `items:` entries) are all checked, and every failure is
    /// reported, in file order, as `PreflightError.several` when there is more than one.
    public func decode<T: Decodable>(_ type: T.Type, parameters: [String: [String]] = [:]) throws -> T {
        let collector = ErrorCollector()
        let value: T
        do {
            value = try NodeDecoder.decode(type, from: root, userInfo: [.document: DocumentBox(self), .parameters: parameters,
                                                                         .errors: collector])
        } catch {
            collector.add(error)
            throw report(collector.errors)
        }
        guard collector.errors.isEmpty else { throw report(collector.errors) }
        return value
    }

    /// One error, or several in file order, the list cut at `PreflightError.maximumReported`.
    private func report(_ errors: [any Error]) -> PreflightError {
        var diagnosed: [PreflightError] = []
        for error in errors.map(diagnose) where !diagnosed.contains(error) { diagnosed.append(error) }
        guard diagnosed.count > 1 else { return diagnosed[0] }
        diagnosed.sort { a, b in
            guard let x = a.location, let y = b.location else { return a.location != nil && b.location == nil }
            return (x.line, x.column) < (y.line, y.column)
        }
        let limit = PreflightError.maximumReported
        if diagnosed.count > limit {
            let more = diagnosed.count - limit
            diagnosed = Array(diagnosed.prefix(limit)) + [.invalidInput(location: location(of: root), keyPath: "",
                                                                         message: "\(more) more error\(more == 1 ? "" : "s") not shown")]
        }
        return .several(diagnosed)
    }

    /// Turns any decoding failure into a located `PreflightError`.
    func diagnose(_ error: any Error) -> PreflightError {
        switch error {
        case let error as FieldError: return located(error.codingPath, error.message, atKey: error.atKey)
        case let error as DecodingError: return diagnostic(for: error)
        case let error as PreflightError: return error
        default: return .invalidInput(location: location(of: root), keyPath: "", message: "\(error)")
        }
    }

    func located(_ path: [any CodingKey], _ message: String, atKey: Bool = false) -> PreflightError {
        let found = NodePath.locate(path, in: root)
        let node = atKey ? (found?.key ?? found?.value) : found?.value
        return .invalidInput(location: location(of: node), keyPath: NodePath.render(path), message: message)
    }

    private func diagnostic(for error: DecodingError) -> PreflightError {
        switch error {
        case let .typeMismatch(type, context):
            let found = NodePath.locate(context.codingPath, in: root)?.value
            return located(context.codingPath, "expected \(Self.describe(type)), found \(Self.describe(found))")
        case let .valueNotFound(type, context):
            return located(context.codingPath, "expected \(Self.describe(type)), found nothing")
        case let .keyNotFound(key, context):
            return located(context.codingPath, "missing required key '\(key.stringValue)'")
        case let .dataCorrupted(context):
            let found = NodePath.locate(context.codingPath, in: root)?.value
            return located(context.codingPath, "invalid value \(Self.describe(found)): \(context.debugDescription)")
        @unknown default:
            return .invalidInput(location: location(of: root), keyPath: "", message: "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Int.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [String].Type: return "a list of strings"
        case is Node.Mapping.Type: return "a mapping"
        case is Node.Sequence.Type: return "a list"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "a mapping" }
            return "a mapping (\(name))"
        }
    }

    static func describe(_ node: Node?) -> String {
        switch node {
        case .scalar(let scalar)?: return "'\(scalar.string)'"
        case .mapping?: return "a mapping"
        case .sequence?: return "a list"
        default: return "nothing"
        }
    }
}

import Foundation
import Yams

/// A YAML file composed into a node tree, checked against `InputLimits`, ready to decode with located errors.
public struct YAMLDocument {
    /// The name used in diagnostics (as the user passed it).
    public let file: String
    public let text: String
    public let root: Node

    /// Reads and composes `url`; refuses binary, oversized, too deep or too large inputs.
    public init(contentsOf url: URL, displayName: String? = nil, limits: InputLimits = .standard) throws {
        let name = displayName ?? url.path
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: limits.maxBytes + 1) ?? Data()
        } catch {
            throw PreflightError.unreadable(path: name, reason: (error as NSError).localizedDescription)
        }
        try self.init(data: data, file: name, limits: limits)
    }

    public init(data: Data, file: String, limits: InputLimits = .standard) throws {
        guard data.count <= limits.maxBytes else {
            throw PreflightError.refusedInput(file: file, reason: "larger than \(limits.maxBytes) bytes")
        }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            throw PreflightError.refusedInput(file: file, reason: "not a UTF-8 text file")
        }
        try self.init(text: text, file: file, limits: limits)
    }

    public init(text: String, file: String, limits: InputLimits = .standard) throws {
        self.file = file
        self.text = text
        try Self.precheck(text, file: file, limits: limits)
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text, Self.resolver)
        } catch let error as YamlError {
            throw Self.diagnostic(for: error, file: file)
        } catch {
            throw PreflightError.refusedInput(file: file, reason: "\(error)")
        }
        root = composed ?? Node.mapping(Node.Mapping([]))
        try Self.check(root, file: file, limits: limits)
    }

    /// Scalars stay untyped strings (merge keys aside): decoding parses numbers where numbers are expected and
    /// booleans only as `true`/`false`. The default resolver runs a regular expression per rule on every scalar each
    /// time a node is hashed or compared, which dominated loading a rubric.
    static let resolver = Resolver.basic.appending(.merge)

    /// Walks a composed node within `limits` (every document of a stream goes through it). `localTags` lets
    /// application tags such as CloudFormation's `!Ref` through, each read as the value it tags.
    static func check(_ node: Node, file: String, limits: InputLimits, localTags: Bool = false) throws {
        var budget = NodeBudget(limits: limits, file: file, localTags: localTags)
        try budget.walk(node, depth: 0)
    }

    /// Refuses text too large, or nested too deep for libyaml to recurse into safely, before composing it.
    static func precheck(_ text: String, file: String, limits: InputLimits) throws {
        guard text.utf8.count <= limits.maxBytes else {
            throw PreflightError.refusedInput(file: file, reason: "larger than \(limits.maxBytes) bytes")
        }
        if flowNestingDepth(text) > limits.maxDepth * 2 {
            throw PreflightError.refusedInput(file: file, reason: "nested deeper than \(limits.maxDepth) levels")
        }
        if let line = aliasAsKeyLine(text) {
            throw PreflightError.refusedInput(file: file, reason: "line \(line): an alias used as a mapping key is refused (checking it for duplicates can take exponential time)")
        }
    }

    /// The line of the first alias in key position, `*name:` or `? *name`, else nil. Yams hashes every mapping key
    /// while composing, so a key aliasing a nested anchor is hashed as its whole expansion, before any node budget
    /// applies. Found by fuzzing. A byte scan: it runs on every YAML file the gate reads.
    static func aliasAsKeyLine(_ text: String) -> Int? {
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var utf8 = Array(text.utf8)
        let firstStar = utf8.firstIndex(of: UInt8(ascii: "*"))!
        utf8.append(UInt8(ascii: "\n"))   // a sentinel: every lookahead below stays in bounds
        func isNameByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        for index in firstStar..<(utf8.count - 1) where utf8[index] == UInt8(ascii: "*") {
            var end = index + 1
            while isNameByte(utf8[end]) { end += 1 }
            guard end > index + 1 else { continue }
            let before = index == 0 ? UInt8(ascii: "\n") : utf8[index - 1]
            var beforeKey = index - 1
            while beforeKey >= 0, isBlank(utf8[beforeKey]) { beforeKey -= 1 }
            let explicitKey = beforeKey >= 0 && beforeKey < index - 1 && utf8[beforeKey] == UInt8(ascii: "?")
            var colon = end
            while isBlank(utf8[colon]) { colon += 1 }
            let keyed = utf8[colon] == UInt8(ascii: ":") && " \t\r\n,]}".utf8.contains(utf8[colon + 1])
                && " \t\r\n,[{".utf8.contains(before)
            if keyed || explicitKey { return utf8[..<index].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 } }
        }
        return nil
    }

    /// A quick bracket count that stops libyaml from recursing on `[[[[…` before it composes.
    private static func flowNestingDepth(_ text: String) -> Int {
        var depth = 0, deepest = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: continue
            }
        }
        return deepest
    }

    private static func diagnostic(for error: YamlError, file: String) -> PreflightError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return .invalidInput(location: SourceLocation(file: file, line: mark.line, column: mark.column),
                                 keyPath: "", message: "YAML syntax: \(prefix)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let mark = context.mark
            return .invalidInput(location: SourceLocation(file: file, line: mark.line, column: mark.column),
                                 keyPath: "", message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return .refusedInput(file: file, reason: "\(error)")
        }
    }

    /// The source location of `node`, or of the file start when the node has no mark.
    public func location(of node: Node?) -> SourceLocation {
        let mark = node?.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }
}

/// Walks a composed tree once, counting alias expansions, so that hostile files fail fast.
private struct NodeBudget {
    let limits: InputLimits
    let file: String
    let localTags: Bool
    var visited = 0
    static let allowedTags: Set<String> = [
        "str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge", "value",
    ].reduce(into: []) { $0.insert("tag:yaml.org,2002:\($1)") }

    mutating func walk(_ node: Node, depth: Int) throws {
        visited += 1
        if visited > limits.maxNodes {
            throw PreflightError.refusedInput(file: file, reason: "more than \(limits.maxNodes) nodes (alias expansion counted)")
        }
        if depth > limits.maxDepth {
            throw PreflightError.refusedInput(file: file, reason: "nested deeper than \(limits.maxDepth) levels")
        }
        let tag = node.tag.rawValue
        // A local tag (`!Name`) keeps its `!`; global ones are resolved to URIs (`tag:yaml.org,2002:…`).
        let isLocal = tag.hasPrefix("!") && tag.count > 1
        if !tag.isEmpty, tag != "!", !Self.allowedTags.contains(tag), !(localTags && isLocal) {
            let mark = node.mark.map { "\($0.line):\($0.column)" } ?? "1:1"
            throw PreflightError.refusedInput(file: "\(file):\(mark)", reason: "unsupported tag '\(tag)'")
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                try walk(key, depth: depth + 1)
                try walk(value, depth: depth + 1)
            }
        case .sequence(let sequence):
            for child in sequence { try walk(child, depth: depth + 1) }
        case .scalar, .alias:
            break
        }
    }
}

import Foundation
import StrictTOML
import Yams

/// Parses YAML (every document of a stream), JSON, TOML and HCL (Terraform's `.tf`, `.tofu`, `.tfvars`) files into
/// `DataNode` trees, with input limits.
package enum StructuredParser {
    struct Failure: Error { let message: String }

    static func canParse(_ path: String) -> Bool { format(of: path) != nil }

    /// The documents of `text`; a YAML stream can hold several.
    package static func parse(_ text: String, path: String, limits: InputLimits = .standard) throws -> [DataNode] {
        switch format(of: path) {
        case "toml": return [try parseTOML(text, limits: limits)]
        case "hcl": return [try parseHCL(text, limits: limits)]
        // JSON goes through the YAML parser too, which keeps line numbers.
        default: return try parseYAML(text, path: path, limits: limits)
        }
    }

    private static func format(of path: String) -> String? {
        // Asked of every tracked file, for a suffix of at most seven characters (`.tfvars`): when the last seven bytes
        // are ASCII they are seven characters and lowercase on their own, so only they are lowercased.
        let tail = path.utf8.suffix(7)
        let lower = tail.allSatisfy { $0 < 0x80 } ? String(decoding: tail, as: UTF8.self).lowercased() : path.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return "yaml" }
        if lower.hasSuffix(".json") { return "json" }
        if lower.hasSuffix(".toml") { return "toml" }
        // Terraform's native syntax (`.tf.json` and `.tfvars.json` are JSON, above); `.tofu` is OpenTofu's name for it.
        if lower.hasSuffix(".tf") || lower.hasSuffix(".tofu") || lower.hasSuffix(".tfvars") { return "hcl" }
        return nil
    }

    private static func parseHCL(_ text: String, limits: InputLimits) throws -> DataNode {
        do {
            return try HCLParser.parse(text, limits: limits)
        } catch {
            throw Failure(message: "HCL syntax at line \(error.line), column \(error.column): \(error.message)")
        }
    }

    private static func parseYAML(_ text: String, path: String, limits: InputLimits) throws -> [DataNode] {
        let nodes: [Node]
        do {
            nodes = try YAMLDocument.composeAll(text: text, file: path, limits: limits)
        } catch let error as PreflightError {
            throw Failure(message: error.localizedDescription)
        }
        return nodes.map(convert)
    }

    private static func convert(_ node: Node) -> DataNode {
        let line = node.mark?.line
        switch node {
        case .mapping(let mapping):
            return .map(mapping.map { (key: $0.key.string ?? "", value: convert($0.value)) }, line: line)
        case .sequence(let sequence):
            return .list(sequence.map(convert), line: line)
        case .scalar(let scalar):
            return .scalar(scalar.string, line: line)
        case .alias:
            return .scalar("", line: line)
        }
    }

    private static func parseTOML(_ text: String, limits: InputLimits) throws -> DataNode {
        do {
            return DataNode(try TOMLParser.parse(text, maxDepth: limits.maxDepth))
        } catch {
            throw Failure(message: "TOML syntax at line \(error.line), column \(error.column): \(error.message)")
        }
    }
}

extension YAMLDocument {
    /// Every document of a YAML stream, each checked against `limits` like a single document. Repository data may
    /// carry local tags: CloudFormation's short intrinsic functions (`!Ref X`, `!GetAtt A.B`, `!If [c, a, b]`) and
    /// GitLab's `!reference`, each read as what it tags.
    static func composeAll(text: String, file: String, limits: InputLimits = .standard) throws -> [Node] {
        try precheck(text, file: file, limits: limits)
        var nodes: [Node] = []
        let parser = try Parser(yaml: text)
        var total = 0
        do {
            while let node = try parser.nextRoot() {
                total += 1
                guard total <= 1000 else { throw PreflightError.refusedInput(file: file, reason: "more than 1000 documents") }
                try check(node, file: file, limits: limits, localTags: true)
                nodes.append(node)
            }
        } catch let error as YamlError {
            throw PreflightError.refusedInput(file: file, reason: "YAML syntax: \(error)")
        }
        return nodes
    }
}

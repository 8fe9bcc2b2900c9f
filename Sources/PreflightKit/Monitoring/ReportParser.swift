import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A result file read in its tool's format: when it was made, the tool's own verdict, and a tree for value paths.
struct ParsedReport: Sendable {
    /// What the file is, such as "Evidently TestSuite 0.4.40".
    var kind: String
    var timestamp: Date?
    /// The tool's verdict; nil for formats that have none (an Evidently Report, coverage, plain JSON).
    var passed: Bool?
    /// What failed, one line each.
    var failures: [String]
    var tree: DataNode
}

/// Why a file could not be read in the format a probe names: never a pass.
struct ReportFormatError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Reads the result files of Evidently, Great Expectations, Deepchecks, JUnit, Cobertura, lcov and plain JSON/YAML.
enum ReportParser {
    static func parse(_ text: String, path: String, format: ReportProbe.Format) throws -> ParsedReport {
        switch format {
        case .evidently: return try evidently(try tree(text, path: path, asJSON: true))
        case .greatExpectations: return try greatExpectations(try tree(text, path: path, asJSON: true))
        case .deepchecks: return try deepchecks(try tree(text, path: path, asJSON: true))
        case .json, .yaml:
            return ParsedReport(kind: format.rawValue.uppercased(), timestamp: nil, passed: nil, failures: [],
                                tree: try tree(text, path: path, asJSON: format == .json))
        case .junit: return try junit(try XMLTree.parse(text))
        case .cobertura: return try cobertura(try XMLTree.parse(text))
        case .lcov: return try lcov(text)
        }
    }

    private static func tree(_ text: String, path: String, asJSON: Bool) throws -> DataNode {
        do {
            guard let first = try StructuredParser.parse(text, path: asJSON ? "report.json" : "report.yaml").first else {
                throw ReportFormatError("empty file")
            }
            return first
        } catch let failure as StructuredParser.Failure {
            throw ReportFormatError("not valid \(asJSON ? "JSON" : "YAML") (truncated?): \(failure.message)")
        }
    }

    // MARK: Evidently

    private static func evidently(_ tree: DataNode) throws -> ParsedReport {
        let version = tree["version"]?.string
        if let version, !version.hasPrefix("0.4.") {
            throw ReportFormatError("unsupported Evidently format version \(version): Preflight reads 0.4.x reports and test suites, and 0.7 snapshots")
        }
        let timestamp = tree["timestamp"]?.string.flatMap(Timestamps.parse)
        let tests = tree["tests"]?.elements ?? []
        let failures = tests.filter { ["FAIL", "ERROR"].contains($0["status"]?.string ?? "") }
            .map { "\($0["name"]?.string ?? "test"): \($0["description"]?.string ?? $0["status"]?.string ?? "")" }
        if version != nil {
            if tree["tests"] != nil {
                return ParsedReport(kind: "Evidently TestSuite \(version!)", timestamp: timestamp, passed: !tests.isEmpty && failures.isEmpty,
                                    failures: failures, tree: tree)
            }
            if tree["metrics"] != nil {
                return ParsedReport(kind: "Evidently Report \(version!)", timestamp: timestamp, passed: nil, failures: [], tree: tree)
            }
        } else if tree["metrics"]?.elements.first?["metric_name"] != nil {
            let verdict: Bool? = tree["tests"] == nil ? nil : (!tests.isEmpty && failures.isEmpty)
            return ParsedReport(kind: "Evidently 0.7 snapshot", timestamp: timestamp, passed: verdict, failures: failures, tree: tree)
        }
        throw ReportFormatError("not an Evidently 0.4 Report or TestSuite, nor a 0.7 snapshot")
    }

    // MARK: Great Expectations

    private static func greatExpectations(_ tree: DataNode) throws -> ParsedReport {
        func failed(_ validation: DataNode) -> [String] {
            (validation["results"]?.elements ?? []).filter { $0["success"]?.string == "false" }.map { result in
                let config = result["expectation_config"]
                let type = config?["expectation_type"]?.string ?? config?["type"]?.string ?? "expectation"
                let column = config?["kwargs"]?["column"]?.string ?? config?["column"]?.string
                return column.map { "\(type) on \($0)" } ?? type
            }
        }
        func time(_ node: DataNode) -> Date? {
            (node["meta"]?["run_id"]?["run_time"]?.string ?? node["run_id"]?["run_time"]?.string
                ?? node["meta"]?["validation_time"]?.string).flatMap(Timestamps.parse)
        }
        guard let success = tree["success"]?.string, ["true", "false"].contains(success) else {
            throw ReportFormatError("not a Great Expectations validation or checkpoint result (no success)")
        }
        if let results = tree["validation_results"] {   // a 1.x checkpoint result, as `describe_dict()` writes it
            let failures = results.elements.flatMap { validation in
                (validation["expectations"]?.elements ?? []).filter { $0["success"]?.string == "false" }.map { expectation in
                    let type = expectation["expectation_type"]?.string ?? "expectation"
                    return expectation["kwargs"]?["column"]?.string.map { "\(type) on \($0)" } ?? type
                }
            }
            return ParsedReport(kind: "Great Expectations checkpoint result", timestamp: time(tree),
                                passed: success == "true", failures: failures, tree: tree)
        }
        if let runs = tree["run_results"] {
            let validations = runs.children.compactMap { $0["validation_result"] ?? $0 }
            return ParsedReport(kind: "Great Expectations checkpoint result", timestamp: time(tree) ?? validations.compactMap(time).max(),
                                passed: success == "true", failures: validations.flatMap(failed), tree: tree)
        }
        guard tree["results"] != nil, tree["statistics"] != nil else {
            throw ReportFormatError("not a Great Expectations validation result (no results and statistics)")
        }
        let version = tree["meta"]?["great_expectations_version"]?.string.map { " \($0)" } ?? ""
        return ParsedReport(kind: "Great Expectations validation result\(version)", timestamp: time(tree),
                            passed: success == "true", failures: failed(tree), tree: tree)
    }

    // MARK: Deepchecks

    private static func deepchecks(_ tree: DataNode) throws -> ParsedReport {
        guard tree["type"]?.string == "SuiteResult" || tree["results"] != nil else {
            throw ReportFormatError("not a Deepchecks suite result (no results)")
        }
        var failures: [String] = [], conditions = 0
        for result in tree["results"]?.elements ?? [] {
            let check = result["check"]?["name"]?.string ?? result["header"]?.string ?? "check"
            for condition in result["conditions_results"]?.elements ?? [] {
                conditions += 1
                let status = condition["Status"]?.string ?? condition["status"]?.string ?? ""
                if status.uppercased() == "FAIL" {
                    let name = condition["Condition"]?.string ?? condition["name"]?.string ?? "condition"
                    failures.append("\(check): \(name)")
                }
            }
        }
        return ParsedReport(kind: "Deepchecks \(tree["name"]?.string ?? "suite") result", timestamp: nil,
                            passed: conditions > 0 && failures.isEmpty, failures: failures, tree: tree)
    }

    // MARK: JUnit, Cobertura, lcov

    private static func junit(_ root: XMLTree) throws -> ParsedReport {
        let suites = root.name == "testsuite" ? [root] : root.children.filter { $0.name == "testsuite" }
        guard root.name == "testsuites" || root.name == "testsuite" else { throw ReportFormatError("not JUnit XML (root <\(root.name)>)") }
        func count(_ key: String) -> Int { suites.reduce(0) { $0 + (Int($1.attributes[key] ?? "") ?? 0) } }
        let failing = suites.flatMap { suite in
            suite.descendants(named: "testcase").filter { $0.children.contains { ["failure", "error"].contains($0.name) } }
                .map { "\($0.attributes["classname"].map { "\($0)." } ?? "")\($0.attributes["name"] ?? "test")" }
        }
        let tests = count("tests"), failures = count("failures"), errors = count("errors")
        let tree = DataNode.map([("tests", .scalar("\(tests)", line: nil)), ("failures", .scalar("\(failures)", line: nil)),
                                 ("errors", .scalar("\(errors)", line: nil)), ("skipped", .scalar("\(count("skipped"))", line: nil))], line: nil)
        return ParsedReport(kind: "JUnit XML", timestamp: suites.compactMap { $0.attributes["timestamp"].flatMap(Timestamps.parse) }.max(),
                            passed: tests > 0 && failures == 0 && errors == 0, failures: failing, tree: tree)
    }

    private static func cobertura(_ root: XMLTree) throws -> ParsedReport {
        guard root.name == "coverage", root.attributes["line-rate"] != nil else {
            throw ReportFormatError("not a Cobertura coverage report (root <\(root.name)> without line-rate)")
        }
        let tree = DataNode.map(root.attributes.sorted { $0.key < $1.key }.map { ($0.key, .scalar($0.value, line: nil)) }, line: nil)
        return ParsedReport(kind: "Cobertura coverage", timestamp: root.attributes["timestamp"].flatMap(Timestamps.parse),
                            passed: nil, failures: [], tree: tree)
    }

    private static func lcov(_ text: String) throws -> ParsedReport {
        var totals: [String: Int] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for key in ["LF", "LH", "BRF", "BRH"] where line.hasPrefix("\(key):") {
                let value = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
                guard let count = Int(value), count >= 0 else {
                    throw ReportFormatError("line \(number + 1): \(key) is '\(value.prefix(40))', not a count")
                }
                let (sum, overflow) = totals[key, default: 0].addingReportingOverflow(count)
                guard !overflow else { throw ReportFormatError("line \(number + 1): \(key) total overflows") }
                totals[key] = sum
            }
        }
        guard let found = totals["LF"], let hit = totals["LH"] else { throw ReportFormatError("not an lcov tracefile (no LF/LH lines)") }
        func rate(_ hit: Int?, _ found: Int?) -> String { found.map { $0 > 0 ? "\(Double(hit ?? 0) / Double($0))" : "1" } ?? "0" }
        let tree = DataNode.map([("lines-found", .scalar("\(found)", line: nil)), ("lines-hit", .scalar("\(hit)", line: nil)),
                                 ("line-rate", .scalar(rate(hit, found), line: nil)),
                                 ("branch-rate", .scalar(rate(totals["BRH"], totals["BRF"]), line: nil))], line: nil)
        return ParsedReport(kind: "lcov coverage", timestamp: nil, passed: nil, failures: [], tree: tree)
    }
}

/// Timestamps as the tools write them: ISO 8601 with or without zone and fraction, `20261123T145059.508107Z`,
/// `2026-11-23 14:49:20.011863` (taken as UTC), and epoch seconds or milliseconds.
enum Timestamps {
    static func parse(_ text: String) -> Date? {
        if let number = Double(text) { return Date(timeIntervalSince1970: number > 1e11 ? number / 1000 : number) }
        var normalized = text.replacingOccurrences(of: " ", with: "T")
        if normalized.range(of: #"^\d{8}T\d{6}"#, options: .regularExpression) != nil {
            let characters = Array(normalized)
            normalized = "\(String(characters[0..<4]))-\(String(characters[4..<6]))-\(String(characters[6..<8]))T"
                + "\(String(characters[9..<11])):\(String(characters[11..<13])):\(String(characters[13...]))"
        }
        if normalized.range(of: #"(Z|[+-]\d\d:?\d\d)$"#, options: .regularExpression) == nil { normalized += "Z" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: normalized) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: normalized)
    }
}

/// A small XML element tree, enough for JUnit and Cobertura. External entities are never resolved.
struct XMLTree {
    var name: String
    var attributes: [String: String]
    var children: [XMLTree]

    func descendants(named name: String) -> [XMLTree] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(named: name) }
    }

    static func parse(_ text: String) throws -> XMLTree {
        // FoundationXML on Linux crashes on a processing instruction without data (`<?x?>`): it takes the strlen of
        // libxml2's null data pointer. Found by fuzzing; a space makes the data empty instead of missing.
        let text = text.contains("?>") ? text.replacingOccurrences(of: #"<\?([^\s?>]*)\?>"#, with: "<?$1 ?>", options: .regularExpression) : text
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ReportFormatError("not well-formed XML (truncated?): \(parser.parserError.map { "\($0.localizedDescription)" } ?? "no root element")")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLTree] = []
        var root: XMLTree?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            stack.append(XMLTree(name: name, attributes: attributes, children: []))
            if stack.count > 256 { parser.abortParsing() }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
    }
}

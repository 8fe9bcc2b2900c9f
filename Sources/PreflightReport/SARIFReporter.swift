import Foundation
import PreflightKit

/// SARIF 2.1.0 for code-scanning UIs: every rubric item is a rule, every unmet item a result.
public struct SARIFReporter: Reporter {
    public static let format = ReportFormat.sarif
    public static let fileName = "readiness.sarif"

    public init() {}

    public init(options: ReportOptions) {}

    public func render(_ evaluation: Evaluation) throws -> String {
        let items = evaluation.scorecard.items
        let ruleIndex = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.id, $0) })
        let rules = items.map { item in
            Rule(id: item.id, name: item.id, shortDescription: .init(text: item.title), fullDescription: .init(text: item.why),
                 help: .init(text: item.how), properties: .init(section: item.section))
        }
        let results = UnmetItem.list(evaluation).map { unmet in
            Result(ruleId: unmet.item.id, ruleIndex: ruleIndex[unmet.item.id] ?? 0,
                   level: unmet.severity.sarifLevel,
                   message: .init(text: unmet.message),
                   locations: [Location(physicalLocation: .init(
                       artifactLocation: .init(uri: unmet.path, uriBaseId: "%SRCROOT%"),
                       region: unmet.line.map { Region(startLine: max(1, $0)) }))])
        }
        let verdict = evaluation.verdict
        let log = Log(runs: [Run(
            tool: .init(driver: .init(name: "Preflight", version: Preflight.version, rules: rules)),
            invocations: [.init(executionSuccessful: true)],
            results: results,
            properties: .init(decision: verdict.decision.rawValue, rawDecision: verdict.rawDecision.rawValue,
                              finalScore: evaluation.scorecard.final, reasons: verdict.reasons.map(\.message)))])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(log), as: UTF8.self) + "\n"
    }

    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var results: [Result]
        var properties: RunProperties
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var rules: [Rule]
    }

    struct Text: Encodable { var text: String }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Text
        var properties: RuleProperties
    }

    struct RuleProperties: Encodable { var section: String }

    struct Invocation: Encodable { var executionSuccessful: Bool }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String
    }

    struct Region: Encodable { var startLine: Int }

    struct RunProperties: Encodable {
        var decision: String
        var rawDecision: String
        var finalScore: Double
        var reasons: [String]
    }
}

extension ReportFormat {
    /// For code-scanning UIs (SARIF 2.1.0).
    public static let sarif = ReportFormat(rawValue: "sarif")
}

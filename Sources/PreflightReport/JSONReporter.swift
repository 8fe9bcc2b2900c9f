import Foundation
import PreflightKit

/// The machine-readable report: stable field names, sorted keys, a `schemaVersion`, every finding with its proof.
public struct JSONReporter: Reporter {
    public static let format = ReportFormat.json
    public static let fileName = "readiness.json"

    public init() {}

    public init(options: ReportOptions) {}

    public func render(_ evaluation: Evaluation) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(evaluation), as: UTF8.self) + "\n"
    }
}

extension ReportFormat {
    /// For machines: every finding with its proof.
    public static let json = ReportFormat(rawValue: "json")
}

import Foundation
import PreflightKit

/// The machine-readable report: stable field names, sorted keys, a `schemaVersion`, every finding with its proof.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ evaluation: Evaluation) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(evaluation), as: UTF8.self) + "\n"
    }
}

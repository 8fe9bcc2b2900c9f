import PreflightKit

/// Turns an evaluation into one output format.
public protocol Reporter: Sendable {
    func render(_ evaluation: Evaluation) throws -> String
}

/// The formats `preflight gate --format` accepts.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json

    public func reporter(color: Bool = false, quiet: Bool = false) -> any Reporter {
        switch self {
        case .text: return TextReporter(color: color, quiet: quiet)
        case .json: return JSONReporter()
        }
    }
}

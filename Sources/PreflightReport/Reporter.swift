import Foundation
import PreflightKit

/// Turns an evaluation into one output format.
public protocol Reporter: Sendable {
    func render(_ evaluation: Evaluation) throws -> String
}

/// The formats `preflight gate --format` accepts.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
    case markdown
    case html
    case sarif
    case junit
    case github
    case gitlab

    /// The file name a format gets in `--output-dir`.
    public var fileName: String {
        switch self {
        case .text: "readiness.txt"
        case .json: "readiness.json"
        case .markdown: "readiness.md"
        case .html: "readiness.html"
        case .sarif: "readiness.sarif"
        case .junit: "readiness.junit.xml"
        case .github: "readiness.github.txt"
        case .gitlab: "readiness.codequality.json"
        }
    }

    /// Parses `text,json,html`; throws naming the unknown format.
    public static func list(_ text: String) throws -> [ReportFormat] {
        guard !text.split(separator: ",").isEmpty else {
            throw PreflightError.invalidArgument("--format names no format; use one or more of \(allCases.map(\.rawValue).joined(separator: ", ")), comma-separated")
        }
        return try text.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let format = ReportFormat(rawValue: trimmed == "md" ? "markdown" : trimmed) else {
                throw PreflightError.invalidArgument("unknown format '\(trimmed)'; use one of \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return format
        }
    }
}

/// Everything reporters may need besides the evaluation.
public struct ReportOptions: Sendable {
    public var color = false
    public var quiet = false
    /// A directory of templates that replace the bundled ones.
    public var templates: URL?

    public init(color: Bool = false, quiet: Bool = false, templates: URL? = nil) {
        self.color = color
        self.quiet = quiet
        self.templates = templates
    }
}

extension ReportFormat {
    public func reporter(_ options: ReportOptions = ReportOptions()) throws -> any Reporter {
        switch self {
        case .text: return TextReporter(color: options.color, quiet: options.quiet)
        case .json: return JSONReporter()
        case .markdown: return MarkdownReporter(renderer: try TemplateRenderer(directory: options.templates))
        case .html: return HTMLReporter(renderer: try TemplateRenderer(directory: options.templates))
        case .sarif: return SARIFReporter()
        case .junit: return JUnitReporter()
        case .github: return GitHubAnnotationsReporter()
        case .gitlab: return GitLabCodeQualityReporter()
        }
    }
}

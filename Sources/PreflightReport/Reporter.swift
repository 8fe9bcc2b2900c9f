import Foundation
import PreflightKit

/// One output format: its name, its file in `--output-dir`, and how it renders an evaluation. A format is one file
/// conforming to this protocol, registered in `Reporters.all`.
public protocol Reporter: Sendable {
    /// The name `--format` takes, and the format's identity.
    static var format: ReportFormat { get }
    /// The file name the format gets in `--output-dir`.
    static var fileName: String { get }
    /// Other names `--format` accepts for it.
    static var aliases: [String] { get }
    /// The reporter for these options; throws when they cannot be used (a templates directory that is not one).
    init(options: ReportOptions) throws
    func render(_ evaluation: Evaluation) throws -> String
}

extension Reporter {
    public static var aliases: [String] { [] }
}

/// The registry: every report format, in the order `--help` lists them.
public enum Reporters {
    public static let all: [any Reporter.Type] = [
        TextReporter.self, JSONReporter.self, MarkdownReporter.self, HTMLReporter.self, SARIFReporter.self,
        JUnitReporter.self, GitHubAnnotationsReporter.self, GitLabCodeQualityReporter.self,
    ]

    static func reporter(for format: ReportFormat) -> (any Reporter.Type)? { all.first { $0.format == format } }
}

/// A format `preflight gate --format` accepts, by its name.
public struct ReportFormat: RawRepresentable, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static var allCases: [ReportFormat] { Reporters.all.map { $0.format } }

    /// The file name a format gets in `--output-dir`.
    public var fileName: String { Reporters.reporter(for: self)?.fileName ?? "readiness.\(rawValue)" }

    public var description: String { rawValue }

    /// The reporter of this format.
    public func reporter(_ options: ReportOptions = ReportOptions()) throws -> any Reporter {
        guard let type = Reporters.reporter(for: self) else {
            throw PreflightError.invalidArgument("unknown format '\(rawValue)'")
        }
        return try type.init(options: options)
    }

    /// Parses `text,json,html`; throws naming the unknown format.
    public static func list(_ text: String) throws -> [ReportFormat] {
        let names = allCases.map(\.rawValue).joined(separator: ", ")
        guard !text.split(separator: ",").isEmpty else {
            throw PreflightError.invalidArgument("--format names no format; use one or more of \(names), comma-separated")
        }
        return try text.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let type = Reporters.all.first(where: { $0.format.rawValue == trimmed || $0.aliases.contains(trimmed) }) else {
                throw PreflightError.invalidArgument("unknown format '\(trimmed)'; use one of \(names)")
            }
            return type.format
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

import PreflightKit

/// The Markdown report, for a pull-request comment or a CI job summary: verdict first, then what to do.
public struct MarkdownReporter: Reporter {
    public static let format = ReportFormat.markdown
    public static let fileName = "readiness.md"
    public static let aliases = ["md"]

    let renderer: TemplateRenderer

    public init(options: ReportOptions) throws { self.init(renderer: try TemplateRenderer(directory: options.templates)) }

    public init(renderer: TemplateRenderer) { self.renderer = renderer }

    public func render(_ evaluation: Evaluation) throws -> String {
        try renderer.render(ReportView(evaluation), template: "report.md")
    }
}

/// The self-contained HTML report for reviewers: inline CSS and SVG, no script, readable printed.
public struct HTMLReporter: Reporter {
    public static let format = ReportFormat.html
    public static let fileName = "readiness.html"

    let renderer: TemplateRenderer

    public init(options: ReportOptions) throws { self.init(renderer: try TemplateRenderer(directory: options.templates)) }

    public init(renderer: TemplateRenderer) { self.renderer = renderer }

    public func render(_ evaluation: Evaluation) throws -> String {
        try renderer.render(ReportView(evaluation), template: "report.html")
    }
}

extension ReportFormat {
    /// For a pull-request comment or a CI job summary.
    public static let markdown = ReportFormat(rawValue: "markdown")
    /// For reviewers: one self-contained file.
    public static let html = ReportFormat(rawValue: "html")
}

import PreflightKit

/// The Markdown report, for a pull-request comment or a CI job summary: verdict first, then what to do.
public struct MarkdownReporter: Reporter {
    let renderer: TemplateRenderer

    public init(renderer: TemplateRenderer) { self.renderer = renderer }

    public func render(_ evaluation: Evaluation) throws -> String {
        try renderer.render(ReportView(evaluation), template: "report.md")
    }
}

/// The self-contained HTML report for reviewers: inline CSS and SVG, no script, readable printed.
public struct HTMLReporter: Reporter {
    let renderer: TemplateRenderer

    public init(renderer: TemplateRenderer) { self.renderer = renderer }

    public func render(_ evaluation: Evaluation) throws -> String {
        try renderer.render(ReportView(evaluation), template: "report.html")
    }
}

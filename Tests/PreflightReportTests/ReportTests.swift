import Foundation
import Testing
@testable import PreflightKit
@testable import PreflightReport

/// Every report format, from hostile repository content, checked against published schemas and a real browser.
@Suite struct ReportTests {
    static let schemas = Fixtures.root.appendingPathComponent("schemas")
    static let now = ISO8601DateFormatter().date(from: "2026-11-18T11:06:40Z")!

    /// A repository whose file names, model name and attestation try to break every format they appear in.
    func hostileRepository() throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write("src/<img src=x onerror=alert(1)>.py", "import shap\n")
        try repo.write("docs/a&b \"q\".md", "# results\n")
        try repo.write("preflight.yaml", """
            version: 1
            model: { name: "<b onmouseover=alert(3)>fraud</b> \\"quoted\\" | pipe", version: "1.0" }
            """)
        try repo.write("readiness/attestations.yaml", """
            version: 1
            attestations:
              - item: data-2
                summary: "ablation ]]></failure><script>alert(2)</script> | [x](javascript:alert(4))\\n::error::injected %0A"
                by: "@everyone <eve@example.com>"
                date: 2026-11-01
                document: "docs/a&b \\"q\\".md"
            """)
        try repo.commitAll()
        return repo
    }

    func evaluate(_ repo: TemporaryDirectory) throws -> Evaluation {
        var options = GateOptions()
        options.now = Self.now
        return try Gate.evaluate(repository: repo.path, options: options)
    }

    func render(_ format: ReportFormat, _ evaluation: Evaluation) throws -> String {
        try format.reporter(ReportOptions()).render(evaluation)
    }

    /// Runs `validate.py` (Python's jsonschema / xmlschema, installed by the test command).
    func validate(_ kind: String, _ text: String) throws -> RunResult {
        let directory = try TemporaryDirectory()
        try directory.write("report", text)
        return try run("/usr/bin/env", ["python3", Self.schemas.appendingPathComponent("validate.py").path, kind, directory.path + "/report"])
    }

    @Test func hostileTextIsEscapedInEveryFormat() throws {
        let evaluation = try evaluate(try hostileRepository())
        #expect(evaluation.scorecard.items.first { $0.id == "data-2" }?.points == 0.5)

        let html = try render(.html, evaluation)
        for raw in ["<img src=x", "<script>alert", "<b onmouseover"] { #expect(!html.contains(raw), "HTML contains \(raw)") }
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;.py"))
        #expect(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))

        let markdown = try render(.markdown, evaluation)
        for raw in ["<img src=x", "<script>", "<b onmouseover", "[x](javascript:"] { #expect(!markdown.contains(raw), "Markdown contains \(raw)") }
        #expect(markdown.contains("\\| pipe"))

        let junit = try render(.junit, evaluation)
        #expect(!junit.contains("]]></failure><script>"))
        let junitCheck = try validate("junit", junit)
        #expect(junitCheck.status == 0, "\(junitCheck.errors)")

        let sarif = try render(.sarif, evaluation)
        let sarifCheck = try validate("sarif", sarif)
        #expect(sarifCheck.status == 0, "\(sarifCheck.errors)")
        let results = try #require(((try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(results.count == UnmetItem.list(evaluation).count)

        let annotations = try render(.github, evaluation).split(separator: "\n")
        // At most 10 of a kind (the verdict's kind holds it too); past that, the last of the kind counts the rest.
        let verdictKind = evaluation.verdict.decision == .approved ? "notice" : "error"
        let kinds = Dictionary(grouping: UnmetItem.list(evaluation), by: \.severity.githubCommand)
        let expected = kinds.map { kind, items in min(items.count, GitHubAnnotationsReporter.perKind - (kind == verdictKind ? 1 : 0)) }.reduce(0, +)
        #expect(annotations.count == expected + 1)
        for kind in ["error", "warning", "notice"] { #expect(annotations.filter { $0.hasPrefix("::\(kind) ") }.count <= 10) }
        #expect(annotations.allSatisfy { $0.hasPrefix("::") })
        #expect(!annotations.contains { $0.hasPrefix("::error::injected") })

        let codeQuality = try #require(try JSONSerialization.jsonObject(with: Data(try render(.gitlab, evaluation).utf8)) as? [[String: Any]])
        #expect(codeQuality.count == UnmetItem.list(evaluation).count)
        #expect(Set(codeQuality.compactMap { $0["fingerprint"] as? String }).count == codeQuality.count)
    }

    @Test func examplesValidateAgainstThePublishedSchemas() throws {
        for example in ["fraud-detector", "churn-notebook"] {
            let evaluation = try Gate.evaluate(repository: CLITests.examples.appendingPathComponent(example).path)
            let sarif = try validate("sarif", try render(.sarif, evaluation))
            #expect(sarif.status == 0, "\(example): \(sarif.errors)")
            let junit = try validate("junit", try render(.junit, evaluation))
            #expect(junit.status == 0, "\(example): \(junit.errors)")
        }
    }

    @Test func unmetItemsPointAtTheLineThatConfiguresThem() throws {
        let repo = try TemporaryDirectory()
        try repo.write("preflight.yaml", "version: 1\nrubric: ml-test-score\npolicy:\n  required:\n    - infra-3\n    - infra-6\nitems:\n  data-6: { skip: batch }\n")
        try repo.commitAll()
        let unmet = Dictionary(uniqueKeysWithValues: UnmetItem.list(try evaluate(repo)).map { ($0.item.id, $0) })
        #expect(unmet["infra-6"]?.path == "preflight.yaml" && unmet["infra-6"]?.line == 6)
        #expect(unmet["data-1"]?.path == "preflight.yaml" && unmet["data-1"]?.line == 2)   // the rubric: line
        #expect(unmet["data-6"] == nil)   // skipped: not applicable, not unmet
    }

    @Test func renderingIsDeterministic() throws {
        let repo = try hostileRepository()
        for format in ReportFormat.allCases {
            #expect(try render(format, try evaluate(repo)) == (try render(format, try evaluate(repo))), "\(format)")
        }
    }

    @Test func aTeamCanReplaceTheTemplates() throws {
        let templates = try TemporaryDirectory()
        try templates.write("report.md.mustache", "{{% CONTENT_TYPE: MARKDOWN }}ACME readiness: {{decision}} for {{title}}\n")
        let evaluation = try evaluate(try hostileRepository())
        let markdown = try ReportFormat.markdown.reporter(ReportOptions(templates: templates.url)).render(evaluation)
        #expect(markdown.hasPrefix("ACME readiness: Blocked for &lt;b onmouseover=alert(3)&gt;fraud&lt;/b&gt;"))
        // The HTML template was not replaced, so the bundled one is used.
        #expect(try ReportFormat.html.reporter(ReportOptions(templates: templates.url)).render(evaluation).contains("<!DOCTYPE html>"))
        try templates.write("report.md.mustache", "{{#unclosed}}\n")
        #expect(throws: ReportError.self) { _ = try ReportFormat.markdown.reporter(ReportOptions(templates: templates.url)) }
    }

    /// The HTML report in headless Chromium: it loads without a console message (the page's CSP would log any
    /// script or outside request an escaping bug let in), shows the verdict and section scores, and prints.
    @Test func theHTMLReportRendersInARealBrowser() throws {
        let output = try TemporaryDirectory(), hostileRepo = try hostileRepository()
        for (name, repo) in [("example", CLITests.examples.appendingPathComponent("fraud-detector").path), ("hostile", hostileRepo.path)] {
            let gate = try run(CLITests.binary, ["gate", repo, "--format", "html", "-o", output.path + "/\(name).html"],
                               environment: CLITests.fixedTime)
            #expect(gate.status <= 1, "\(gate.errors)")
        }
        let chromium = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
        let page = "file://\(output.path)/example.html"
        let dom = try run("/usr/bin/env", chromium + ["--enable-logging=stderr", "--v=0", "--dump-dom", page])
        #expect(dom.status == 0, "chromium failed (the test command installs it): \(dom.errors)")
        #expect(dom.output.contains(#"data-decision="Approved""#))
        for score in [#"data-section="data" data-points="5""#, #"data-section="model" data-points="6.5""#,
                      #"data-section="infra" data-points="7""#, #"data-section="monitor" data-points="7""#] {
            #expect(dom.output.contains(score), "missing \(score)")
        }
        #expect(!dom.errors.contains("CONSOLE"), "\(dom.errors)")
        let hostile = try run("/usr/bin/env", chromium + ["--enable-logging=stderr", "--v=0", "--dump-dom", "file://\(output.path)/hostile.html"])
        #expect(hostile.output.contains(#"data-decision="Blocked""#))
        #expect(!hostile.errors.contains("CONSOLE"), "\(hostile.errors)")

        let screenshot = try run("/usr/bin/env", chromium + ["--window-size=1100,2400", "--screenshot=\(output.path)/example.png", page])
        let png = try Data(contentsOf: URL(fileURLWithPath: output.path + "/example.png"))
        #expect(screenshot.status == 0 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
        _ = try run("/usr/bin/env", chromium + ["--no-pdf-header-footer", "--print-to-pdf=\(output.path)/example.pdf", page])
        let pdf = try Data(contentsOf: URL(fileURLWithPath: output.path + "/example.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)) && pdf.count > 10_000)
    }

    @Test func severalFormatsGoToADirectoryAndTheJobSummary() throws {
        let repo = try hostileRepository()
        let reports = try TemporaryDirectory()
        try reports.write("summary.md", "earlier step\n")
        let result = try run(CLITests.binary, ["gate", repo.path, "--format", "text,json,html,sarif,junit,markdown,github,gitlab",
                                               "--output-dir", reports.path + "/out"],
                             environment: CLITests.fixedTime.merging(["GITHUB_STEP_SUMMARY": reports.path + "/summary.md"]) { $1 })
        #expect(result.status == 1, "\(result.errors)")
        let written = try FileManager.default.contentsOfDirectory(atPath: reports.path + "/out").sorted()
        #expect(written == ReportFormat.allCases.map(\.fileName).sorted())
        let summary = try String(contentsOfFile: reports.path + "/summary.md", encoding: .utf8)
        #expect(summary.hasPrefix("earlier step\n") && summary.contains("Release blocked"))
        let refused = try run(CLITests.binary, ["gate", repo.path, "--format", "text,json"], environment: CLITests.fixedTime)
        #expect(refused.status == 2 && refused.errors.contains("several formats need --output-dir"))
    }
}

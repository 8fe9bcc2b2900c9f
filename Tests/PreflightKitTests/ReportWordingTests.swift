import Foundation
import Testing
@testable import PreflightKit
@testable import PreflightReport

/// What the reports and the smaller commands say: locations for code scanning, the rubric's own title, what a
/// half-point item lacks, and `explain` with custom rubrics.
@Suite struct ReportWordingTests {
    func preflight(_ arguments: [String], in directory: String? = nil) throws -> RunResult {
        try run(CLITests.binary, arguments, environment: CLITests.fixedTime, currentDirectory: directory)
    }

    /// A repository scored by its own rubric "Acme Readiness": `acme-dashboards-reviewed` earns only its manual
    /// level (a document, no CI job), `acme-1` earns nothing.
    func customRubricRepository() throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        let rubric = oneSectionRubric([
            "{ id: acme-dashboards-reviewed, title: Dashboards are reviewed, why: w, how: h, automated: { files: [\"**/dashboards-ci.yml\"] }, manual: { files: [\"docs/dashboards.md\"] } }",
            "{ id: acme-1, title: One, why: w, how: h, automated: { files: [\"**/never\"] } }",
        ], id: "acme").replacingOccurrences(of: "title: acme", with: "title: Acme Readiness")
        try repo.write("rubric.yaml", rubric)
        try repo.write("docs/dashboards.md", "# reviewed\n")
        try repo.write("preflight.yaml", "version: 1\nmodel: { name: acme-model, version: 1.0.0 }\nrubric: rubric.yaml\n")
        try repo.commitAll()
        return repo
    }

    func evaluate(_ path: String) throws -> Evaluation {
        var options = GateOptions()
        options.now = Date(timeIntervalSince1970: 1_795_000_000)
        return try Gate.evaluate(repository: path, options: options)
    }

    @Test func reportsLeadWithWhatTheRubricSaysCounts() throws {
        let repo = try TemporaryDirectory()
        let rubric = oneSectionRubric([
            "{ id: acme-dashboards-reviewed, title: Dashboards are reviewed, why: w, how: h, counts: { automated: a CI job that checks the dashboards, manual: a written dashboard review }, automated: { files: [\"**/dashboards-ci.yml\"] }, manual: { any: [{ files: [\"docs/dashboards.md\"] }, { attestation: true }] } }",
            "{ id: acme-1, title: One, why: w, how: h, counts: { automated: a release checklist in CI }, automated: { files: [\"**/never\"] } }",
        ], id: "acme")
        try repo.write("rubric.yaml", rubric)
        try repo.write("docs/dashboards.md", "# reviewed\n")
        try repo.write("preflight.yaml", "version: 1\nmodel: { name: acme-model, version: 1.0.0 }\nrubric: rubric.yaml\n")
        try repo.commitAll()
        let evaluation = try evaluate(repo.path)
        let byHand = "Done by hand: a written dashboard review. Not automated: a CI job that checks the dashboards."
        let missing = "Not found: a release checklist in CI."
        let text = try ReportFormat.text.reporter().render(evaluation)
        // The plain words come first; the probes' messages, with their globs, follow as the detail.
        let lines = text.components(separatedBy: "\n")
        let headline = try #require(lines.firstIndex { $0.hasSuffix(byHand) })
        #expect(lines[headline + 1].contains("manual: 1 file matches docs/dashboards.md"))
        #expect(text.contains("        " + missing + "\n"))
        let markdown = try ReportFormat.markdown.reporter().render(evaluation)
        #expect(markdown.contains("| " + byHand + "<details><summary>What was checked</summary>• 1 file matches docs/dashboards.md<br>"))
        let html = try ReportFormat.html.reporter().render(evaluation)
        #expect(html.contains("<p class=\"found\">" + missing + "</p>"))
        #expect(html.contains("<li>no tracked file matches **/never</li>"))
        let json = String(decoding: try ReportFormat.json.reporter().render(evaluation).utf8, as: UTF8.self)
        #expect(json.contains(#""counts" : {"#) && json.contains(#""manual" : "a written dashboard review""#))
    }

    @Test func countsMustDescribeRulesTheItemHas() throws {
        for (bad, message) in [
            ("{ id: a-1, title: t, why: w, how: h, counts: { manual: by hand }, automated: { files: [x] } }", "counts.manual describes a"),
            ("{ id: a-1, title: t, why: w, how: h, counts: { automated: '  ' }, automated: { files: [x] } }", "counts.automated is empty"),
            ("{ id: a-1, title: t, why: w, how: h, counts: { auto: x }, automated: { files: [x] } }", "auto"),
        ] {
            #expect { try RubricLoader.load(YAMLDocument(text: oneSectionRubric([bad], id: "a"), file: "r.yaml")) } throws: { error in
                "\(error)".contains(message)
            }
        }
    }

    @Test func aHalfPointItemSaysWhatItsFullPointLacks() throws {
        let repo = try customRubricRepository()
        let evaluation = try evaluate(repo.path)
        let item = try #require(evaluation.scorecard.items.first { $0.id == "acme-dashboards-reviewed" })
        #expect(item.level == .manual && item.points == 0.5)
        let gap = "missing for the full point: no tracked file matches **/dashboards-ci.yml"
        let text = try ReportFormat.text.reporter().render(evaluation)
        #expect(text.contains("manual: 1 file matches docs/dashboards.md\n") && text.contains(gap + "\n"), "\(text)")
        #expect(try ReportFormat.markdown.reporter().render(evaluation).contains("• Missing for the full point: no tracked file matches \\*\\*/dashboards-ci.yml<br>"))
        #expect(try ReportFormat.html.reporter().render(evaluation).contains("<li>Missing for the full point: no tracked file matches **/dashboards-ci.yml</li>"))
        // An item that earned nothing, or everything, has no such line.
        #expect(text.components(separatedBy: "missing for the full point").count == 2)
    }

    @Test func aCustomRubricLabelsTheScoreWithItsOwnTitle() throws {
        let repo = try customRubricRepository()
        let evaluation = try evaluate(repo.path)
        let text = try ReportFormat.text.reporter().render(evaluation)
        #expect(text.contains("\nAcme Readiness    0.5  any, weakest section: all\n"), "\(text)")
        #expect(text.contains("\nProduction scale  0.5 of 2 points"))
        for format in [ReportFormat.text, .markdown, .html, .github] {
            let report = try format.reporter().render(evaluation)
            #expect(!report.contains("ML Test Score"), "\(format)")
        }
        #expect(try ReportFormat.html.reporter().render(evaluation).contains("<div class=\"label\">Acme Readiness</div>"))
        #expect(try ReportFormat.markdown.reporter().render(evaluation).contains("**Acme Readiness 0.5**"))

        let recorded = try preflight(["gate", repo.path, "--record", "-q"])
        #expect(recorded.status == 0, "\(recorded.errors)")
        let trend = try preflight(["trend", "acme-model", "-C", repo.path])
        #expect(trend.status == 0 && trend.output.contains("Final (Acme Readiness)") && !trend.output.contains("ML Test Score"), "\(trend.output)")
    }

    @Test func explainListsLongIdsWholeAndUsesTheRubricOfPreflightYAML() throws {
        let repo = try customRubricRepository()
        let listed = try preflight(["explain", "--rubric", repo.path + "/rubric.yaml"])
        #expect(listed.status == 0 && listed.output.contains("  acme-dashboards-reviewed Dashboards are reviewed\n"), "\(listed.output)")
        #expect(listed.output.contains("  acme-1                   One\n"))
        let here = try preflight(["explain", "acme-1"], in: repo.path)
        #expect(here.status == 0 && here.output.hasPrefix("acme-1: One\nSection: all (Acme Readiness)"), "\(here.errors)")
        let bundled = try preflight(["explain", "monitor-4"], in: repo.path)
        #expect(bundled.status == 2 && bundled.errors.contains("unknown item 'monitor-4'"))
        #expect(try preflight(["explain", "monitor-4", "--rubric", "ml-test-score"], in: repo.path).status == 0)
    }

    /// Root may write anywhere, so the write is made to fail by a file name longer than the file system allows.
    @Test func aLedgerThatCannotBeWrittenSaysCannotWrite() throws {
        let repo = try CLITests().productionLikeRepository()
        let name = String(repeating: "a", count: 300)
        try repo.write("preflight.yaml", "version: 1\npolicy: { minimumScore: 0 }\nattestations: readiness/\(name).yaml\n")
        try repo.write("docs/a.md", "# a\n")
        try repo.commitAll()
        let result = try preflight(["attest", "data-2", "--summary", "s", "--doc", "docs/a.md", "--by", "a", "-C", repo.path])
        #expect(result.status == 2)
        #expect(result.errors.hasPrefix(repo.path + "/readiness/\(name).yaml: error: cannot write: "), "\(result.errors)")
        #expect(!result.errors.contains("cannot read"))
    }
}

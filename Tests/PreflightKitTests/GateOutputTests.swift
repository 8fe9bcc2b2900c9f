import Foundation
import Testing
@testable import PreflightKit

/// What `preflight gate` prints and writes, and that an output it cannot produce stops it before any verdict.
@Suite struct GateOutputTests {
    let cli = CLITests()

    func preflight(_ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
        try run(CLITests.binary, arguments, environment: CLITests.fixedTime.merging(environment) { _, new in new })
    }

    /// An approved repository (the production-like one, policy minimum 0).
    func approved() throws -> TemporaryDirectory { try cli.productionLikeRepository() }

    @Test func aTemplatesDirectoryThatDoesNotExistIsAnError() throws {
        let repo = try approved()
        let result = try preflight(["gate", repo.path, "--format", "markdown", "--templates", repo.path + "/no-such-templates"])
        #expect(result.status == 2)
        #expect(result.errors.contains("no-such-templates: error: --templates: no such directory"), "\(result.errors)")
        #expect(result.output.isEmpty)
        // A misspelt directory is an error even when no format of this run would read it.
        let json = try preflight(["gate", repo.path, "--format", "json", "--templates", repo.path + "/no-such-templates"])
        #expect(json.status == 2 && json.output.isEmpty)
    }

    @Test func aTemplatesDirectoryWithNeitherTemplateIsAnError() throws {
        let repo = try approved()
        let templates = try TemporaryDirectory()
        try templates.write("report.txt.mustache", "not one of ours")
        let result = try preflight(["gate", repo.path, "--format", "html", "--templates", templates.path])
        #expect(result.status == 2 && result.errors.contains("holds neither report.md.mustache nor report.html.mustache"))
        #expect(result.output.isEmpty)
    }

    @Test func oneCustomTemplateIsUsedWithTheBundledOther() throws {
        let repo = try approved()
        let templates = try TemporaryDirectory()
        try templates.write("report.md.mustache", "{{% CONTENT_TYPE: MARKDOWN }}ACME: {{decision}}\n")
        let markdown = try preflight(["gate", repo.path, "--format", "markdown", "--templates", templates.path])
        #expect(markdown.status == 0 && markdown.output == "ACME: Approved\n")
        let html = try preflight(["gate", repo.path, "--format", "html", "--templates", templates.path])
        #expect(html.status == 0 && html.output.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func aBrokenTemplateIsLocatedAndExplained() throws {
        let repo = try approved()
        let templates = try TemporaryDirectory()
        try templates.write("report.md.mustache", "# Report\n{{#reasons}}\n- {{message}}\n")
        let result = try preflight(["gate", repo.path, "--format", "markdown", "--templates", templates.path])
        #expect(result.status == 2)
        let line = try #require(result.errors.split(separator: "\n").first.map(String.init))
        #expect(line.hasPrefix(templates.path + "/report.md.mustache:4:1: error: template: a section is never closed"), "\(line)")
        #expect(!result.errors.contains("MustacheTemplate") && !result.errors.contains("ParserError"))
    }

    @Test func aStepSummaryThatCannotBeOpenedStopsTheGateBeforeAnyVerdict() throws {
        let repo = try approved()
        let notAFile = try TemporaryDirectory()
        let result = try preflight(["gate", repo.path], environment: ["GITHUB_STEP_SUMMARY": notAFile.path])
        #expect(result.status == 2)
        #expect(!result.output.contains("Verdict"), "\(result.output)")
        #expect(result.errors.contains("GITHUB_STEP_SUMMARY cannot be opened for appending"))
        let skipped = try preflight(["gate", repo.path, "--no-step-summary"], environment: ["GITHUB_STEP_SUMMARY": notAFile.path])
        #expect(skipped.status == 0 && skipped.output.contains("Verdict: APPROVED"))
    }

    @Test func theStepSummaryIsAppendedTo() throws {
        let repo = try approved()
        let directory = try TemporaryDirectory()
        try directory.write("summary.md", "earlier step\n")
        let summary = directory.path + "/summary.md"
        let result = try preflight(["gate", repo.path, "--format", "json"], environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(result.status == 0)
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.hasPrefix("earlier step\n## ✅ Release approved"))
    }

    @Test func anOutputDirectoryGetsTheFilesAndTheJobLogTheVerdict() throws {
        let repo = try approved()
        let out = try TemporaryDirectory()
        let reports = out.path + "/reports"
        let result = try preflight(["gate", repo.path, "--format", "text,json", "--output-dir", reports])
        #expect(result.status == 0 && result.output.isEmpty)
        #expect(result.errors == "Verdict: APPROVED\nReports written to \(reports): readiness.txt, readiness.json\n")
        #expect(FileManager.default.fileExists(atPath: reports + "/readiness.json"))
        let one = try preflight(["gate", repo.path, "--format", "json", "-o", out.path + "/r.json", "--min-score", "3"])
        #expect(one.status == 1 && one.errors == "Verdict: BLOCKED\nReport written to \(out.path)/r.json\n")
    }

    @Test func aReportThatCannotBeWrittenSaysSoBeforeTheGateRuns() throws {
        let repo = try approved()
        let result = try preflight(["gate", repo.path, "-o", repo.path + "/missing/dir/report.txt"])
        #expect(result.status == 2 && result.output.isEmpty)
        #expect(result.errors.contains("report.txt: error: cannot write: no such directory"), "\(result.errors)")
        #expect(!result.errors.contains("cannot read"))
        let file = try TemporaryDirectory()
        try file.write("plain", "x")
        let underFile = try preflight(["gate", repo.path, "--output-dir", file.path + "/plain/reports"])
        #expect(underFile.status == 2 && underFile.errors.contains("error: cannot write: the directory cannot be created"))
    }

    @Test func argumentsThatMakeNoSenseAreRefused() throws {
        let repo = try approved()
        let empty = try preflight(["gate", repo.path, "--format", ""])
        #expect(empty.status == 2 && empty.errors.contains("--format names no format") && !empty.errors.contains("several formats"))
        for flag in ["--time-limit=-1", "--history-timeout=-0.5", "--time-limit=nan"] {
            let result = try preflight(["gate", repo.path, flag])
            #expect(result.status == 2 && result.errors.contains("takes a number of seconds, 0 or more"), "\(flag): \(result.errors)")
            #expect(result.output.isEmpty)
        }
        #expect(try preflight(["gate", repo.path, "--time-limit", "0"]).status == 0)
        // Closed value sets are checked by the parser, which names the values it takes.
        let color = try preflight(["gate", repo.path, "--color", "purple"])
        #expect(color.status == 2 && color.errors.contains("'auto', 'always' or 'never'"), "\(color.errors)")
        let waiver = try preflight(["waive", "infra-7", "--policy", "minimumScore", "--reason", "r", "--expires", "1d", "-C", repo.path])
        #expect(waiver.status == 2 && waiver.errors.contains("name either an item or --policy RULE"), "\(waiver.errors)")
        let listing = try preflight(["history", "--format", "xml", "-C", repo.path])
        #expect(listing.status == 2 && listing.errors.contains("'table', 'json' or 'csv'"), "\(listing.errors)")
    }

    @Test func aMisspeltCommandGetsASuggestion() throws {
        let result = try preflight(["gaet", "."])
        #expect(result.status == 2 && result.errors.contains("unknown command 'gaet' (did you mean 'gate'?)"), "\(result.errors)")
        #expect(try preflight(["histroy"]).errors.contains("did you mean 'history'?"))
        #expect(try preflight(["help"]).status == 0)
    }

    @Test func validatePrintsEveryErrorOfARubric() throws {
        let result = try preflight(["validate", Fixtures.rubric("several-errors.yaml").path])
        #expect(result.status == 2)
        let lines = result.errors.split(separator: "\n").map { $0.split(separator: ": error: ").first.map(String.init) ?? "" }
        #expect(lines.map { $0.split(separator: ":").dropFirst().prefix(1).joined() } == ["23", "29", "31", "38"], "\(result.errors)")
    }

    /// The bundled rubric uses `$code`; a bad glob the user gave it is the user's preflight.yaml line, not the rubric's.
    @Test func aBadParameterGlobPointsAtPreflightYAML() throws {
        let repo = try approved()
        try repo.write("preflight.yaml", "version: 1\nparameters:\n  code: [\"src/**\", \"src/{a\"]\n")
        let result = try preflight(["gate", repo.path])
        #expect(result.status == 2 && result.output.isEmpty)
        #expect(result.errors.hasPrefix(repo.path + "/preflight.yaml:3:20: error: parameters.code[1]: bad glob: unbalanced '{'"), "\(result.errors)")
        #expect(!result.errors.contains("ml-test-score"))
    }
}

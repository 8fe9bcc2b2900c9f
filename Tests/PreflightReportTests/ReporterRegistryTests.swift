import Foundation
import Testing
@testable import PreflightKit
@testable import PreflightReport

/// The report formats come from one list: names, aliases and file names are distinct, and `--format` parses them.
@Suite struct ReporterRegistryTests {
    @Test func namesAndFilesAreDistinct() {
        let names = ReportFormat.allCases.map(\.rawValue)
        #expect(names == ["text", "json", "markdown", "html", "sarif", "junit", "github", "gitlab"])
        #expect(Set(ReportFormat.allCases.map(\.fileName)).count == names.count)
    }

    @Test func formatListsParseNamesAndAliases() throws {
        #expect(try ReportFormat.list("text, md,json") == [.text, .markdown, .json])
        #expect(throws: PreflightError.self) { try ReportFormat.list("text,pdf") }
        #expect(throws: PreflightError.self) { try ReportFormat.list(",") }
    }

    @Test func eachFormatBuildsItsOwnReporter() throws {
        for format in ReportFormat.allCases {
            let reporter = try format.reporter(ReportOptions())
            #expect(type(of: reporter).format == format)
        }
    }
}

extension ReportProbe {
    package static let name = "report"
    package static let selector = "report"
    package static let documentation = ProbeDocumentation(
        examples: [
            "report: { in: [$evidentlyReports], format: evidently, passed: true, maxAge: 7d }",
            "report: { in: [coverage.xml], format: cobertura, value: line-rate, atLeast: 0.8 }",
        ],
        holdsWhen: "the newest matching result file (by its own timestamp, else its last commit; outside git, its file time; a shallow clone's boundary commit dates nothing) passed by the tool's own verdict, or has a value at a key path within a bound; formats: `evidently` (0.4 Report/TestSuite, 0.7 snapshot), `great-expectations` (validation and checkpoint results), `deepchecks`, `junit`, `cobertura`, `lcov`, `json`, `yaml`. A file that cannot be read in its format, or a verdict asked of a format without one, is an *error*",
        remedy: "have the validation or monitoring job commit its result file where the globs select it, and keep it passing and recent")

    package var summary: String {
        let check: String
        switch self.check {
        case .passed: check = "passed every test, expectation or condition"
        case let .value(path, condition): check = "has \(path) \(condition)"
        }
        let age = maxAge.map { ", at most \(Durations.render($0)) old" } ?? ""
        return "the newest \(format.rawValue) report among \(files) \(check)\(age)"
    }

    package func declareNeeds(into plan: inout EvidencePlan) { plan.readReports(files, as: format) }

}

import ArgumentParser
import Foundation
import PreflightKit

/// Which repository, configuration and rubric a ledger command works on.
struct RepositoryOptions: ParsableArguments {
    @Option(name: [.customShort("C"), .long], help: "The model repository.")
    var repository = "."

    @Option(help: "A bundled rubric name or a rubric file; overrides preflight.yaml.")
    var rubric: String?

    @Option(help: "A preflight.yaml to use instead of REPOSITORY/preflight.yaml.")
    var config: String?

    @Option(help: "The model version (waivers can be bound to one).")
    var modelVersion: String?

    func context() throws -> GateContext {
        var options = GateOptions()
        options.rubric = rubric
        options.configPath = config
        options.modelVersion = modelVersion
        options.now = Clock.now()
        return try GateContext(repository: repository, options: options)
    }

    /// An expiry given as a duration (`14d`) or a date, as the date it falls on.
    static func expiry(_ text: String, from now: Date) throws -> String {
        guard let date = CalendarDate.parse(text, after: now) else {
            throw PreflightError.invalidArgument("--expires takes a duration like 14d or a date like 2026-12-31, not '\(text)'")
        }
        return CalendarDate.format(date)
    }
}

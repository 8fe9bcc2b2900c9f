import ArgumentParser
import Foundation
import PreflightKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check rubric, preflight.yaml and monitoring.yaml files; errors are printed as file:line:column.",
        discussion: "A file named preflight.yaml is checked as a model configuration, together with the rubric it names (and its monitoring plan's items); one named monitoring.yaml as a monitoring plan. Exits 0 when every file is valid, 2 otherwise."
    )

    @Argument(help: "Rubric, preflight.yaml or monitoring.yaml files, or names of bundled rubrics.")
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            do {
                print(try check(file))
            } catch let error as PreflightError {
                FileHandle.standardError.write(Data((error.localizedDescription + "\n").utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }

    private func check(_ file: String) throws -> String {
        let url = URL(fileURLWithPath: file)
        if url.lastPathComponent == MonitoringPlan.fileName {
            let plan = try MonitoringPlan.load(file: url, displayName: file)
            return "\(file): ok: monitoring plan for model '\(plan.context.model)', \(plan.metrics.count) metrics, \(plan.healthy.count) checks"
        }
        if url.lastPathComponent == ModelConfig.fileName {
            let config = try ModelConfig.load(file: url, displayName: file)
            let rubric = try RubricLoader.load(config.rubric ?? RubricLoader.defaultName,
                                               relativeTo: url.deletingLastPathComponent(), parameters: config.parameters)
            let applied = try rubric.applying(config)
            try config.check(against: applied)
            let overridden = applied.items.filter { item in config.items[item.id]?.overridesRules == true }.count
            return "\(file): ok: model configuration for rubric '\(rubric.id)'\(overridden > 0 ? ", with its own rules for \(overridden) item\(overridden == 1 ? "" : "s")" : "")"
        }
        let isBundledName = !FileManager.default.fileExists(atPath: file) && RubricLoader.bundledNames.contains(file)
        let rubric = try isBundledName ? RubricLoader.load(file) : RubricLoader.load(file: url, displayName: file)
        return "\(file): ok: rubric '\(rubric.id)' version \(rubric.version), \(rubric.sections.count) sections, \(rubric.items.count) items"
    }
}

import ArgumentParser
import Foundation
import PreflightKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check rubric, preflight.yaml and monitoring.yaml files; errors are printed as file:line:column.",
        discussion: "A file named preflight.yaml is checked as a model configuration, together with the rubric it names (and its monitoring plan's items); one named monitoring.yaml as a monitoring plan; a file under another name by what it holds (sections: a rubric; context and metrics: a plan; else a model configuration). Without files, ./preflight.yaml. Exits 0 when every file is valid, 2 otherwise."
    )

    @Argument(help: "Rubric, preflight.yaml or monitoring.yaml files, or names of bundled rubrics (default: preflight.yaml).")
    var files: [String] = []

    func run() throws {
        var failed = false
        for file in files.isEmpty ? [ModelConfig.fileName] : files {
            do {
                print(try check(file))
            } catch let error as PreflightError {
                FileHandle.standardError.write(Data((error.localizedDescription + "\n").utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }

    /// What a file holds, when its name does not say: a rubric has sections, a monitoring plan a context and metrics.
    private enum Kind { case rubric, config, plan }

    private func kind(of url: URL) -> Kind {
        if url.lastPathComponent == MonitoringPlan.fileName { return .plan }
        if url.lastPathComponent == ModelConfig.fileName { return .config }
        // Only a file the loaders would read is peeked at; a larger one is left to the rubric loader's refusal.
        guard let size = try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize, size <= InputLimits.standard.maxBytes,
              let text = try? String(contentsOf: url, encoding: .utf8),
              case .map(let pairs, _)? = try? StructuredParser.parse(text, path: url.lastPathComponent).first else { return .rubric }
        let keys = Set(pairs.map { $0.key })
        if keys.contains("sections") || keys.contains("id") { return .rubric }
        if keys.contains("context") && keys.contains("metrics") { return .plan }
        return keys.isDisjoint(with: ["model", "rubric", "policy", "items", "parameters", "artifacts", "monitoring"]) ? .rubric : .config
    }

    private func check(_ file: String) throws -> String {
        let url = URL(fileURLWithPath: file)
        let kind = FileManager.default.fileExists(atPath: file) ? kind(of: url) : .rubric
        if kind == .plan {
            let plan = try MonitoringPlan.load(file: url, displayName: file)
            return "\(file): ok: monitoring plan for model '\(plan.context.model)', \(plan.metrics.count) metrics, \(plan.healthy.count) checks"
        }
        if kind == .config {
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

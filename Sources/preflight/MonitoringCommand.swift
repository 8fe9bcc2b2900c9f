import ArgumentParser
import Foundation
import PreflightKit

struct MonitoringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring",
        abstract: "The model's monitoring plan: what healthy means in production, as Prometheus rules.",
        discussion: """
            The plan is preflight.yaml's `monitoring:`, or a monitoring.yaml beside it: the model and the label matchers \
            of its series, behaviour metrics, segments of traffic and what each must stay within. See README, \
            "A monitoring plan".
            """,
        subcommands: [MonitoringRulesCommand.self]
    )
}

struct MonitoringRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Write the Prometheus recording and alerting rules that enforce the plan.",
        discussion: """
            The same plan always gives the same file. Load it with Prometheus's rule_files; `promtool check rules` \
            accepts it. Exits 2 when the plan is missing or invalid (errors as file:line:column).
            """
    )

    @Argument(help: "The model repository, or a preflight.yaml or monitoring.yaml file.")
    var path = "."

    @Option(name: [.customShort("o"), .long], help: "Write the rules to this file instead of standard output.")
    var output: String?

    func run() throws {
        do {
            let (plan, source) = try Self.plan(at: path)
            let text = try PlanRules(plan).yaml(source: source)
            if let output {
                do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                    throw PreflightError.unwritable(path: output, reason: error.localizedDescription)
                }
            } else {
                print(text, terminator: "")
            }
        } catch let error as PreflightError {
            FileHandle.standardError.write(Data((error.localizedDescription + "\n").utf8))
            throw ExitCode(2)
        }
    }

    /// The plan at `path` (a repository, a preflight.yaml or a monitoring.yaml), with the name of the file it came from
    /// (a name only, so that the rules are the same bytes wherever they are generated).
    static func plan(at path: String) throws -> (MonitoringPlan, String) {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw PreflightError.unreadable(path: path, reason: "no such file or directory")
        }
        if !isDirectory.boolValue, url.lastPathComponent != ModelConfig.fileName {
            return (try MonitoringPlan.load(file: url, displayName: path), url.lastPathComponent)
        }
        let directory = isDirectory.boolValue ? url : url.deletingLastPathComponent()
        let shown = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
        func display(_ name: String) -> String { shown.isEmpty || shown == "." ? name : (shown as NSString).appendingPathComponent(name) }
        let config = try ModelConfig.load(in: directory, displayName: display(ModelConfig.fileName))
        guard let plan = try MonitoringPlan.load(in: directory, config: config, displayName: display(MonitoringPlan.fileName)) else {
            throw PreflightError.unreadable(path: path, reason: "no monitoring plan: add `monitoring:` to preflight.yaml or write \(MonitoringPlan.fileName)")
        }
        return (plan, config.monitoring != nil ? ModelConfig.fileName : MonitoringPlan.fileName)
    }
}

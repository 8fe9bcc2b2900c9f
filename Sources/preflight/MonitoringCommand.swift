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
        subcommands: [MonitoringRulesCommand.self, MonitoringCheckCommand.self]
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
            let (plan, file, _) = try Self.plan(at: path)
            let text = try PlanRules(plan).yaml(source: file)
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

    /// The plan at `path` (a repository, a preflight.yaml or a monitoring.yaml), the name of the file it came from
    /// (a name only, so that the rules are the same bytes wherever they are generated), and the preflight.yaml
    /// beside it (empty when there is none).
    static func plan(at path: String) throws -> (plan: MonitoringPlan, file: String, config: ModelConfig) {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw PreflightError.unreadable(path: path, reason: "no such file or directory")
        }
        let directory = isDirectory.boolValue ? url : url.deletingLastPathComponent()
        let shown = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
        func display(_ name: String) -> String { shown.isEmpty || shown == "." ? name : (shown as NSString).appendingPathComponent(name) }
        let config = try ModelConfig.load(in: directory, displayName: display(ModelConfig.fileName))
        if !isDirectory.boolValue, url.lastPathComponent != ModelConfig.fileName {
            return (try MonitoringPlan.load(file: url, displayName: path), url.lastPathComponent, config)
        }
        guard let plan = try MonitoringPlan.load(in: directory, config: config, displayName: display(MonitoringPlan.fileName)) else {
            throw PreflightError.unreadable(path: path, reason: "no monitoring plan: add `monitoring:` to preflight.yaml or write \(MonitoringPlan.fileName)")
        }
        return (plan, config.monitoring != nil ? ModelConfig.fileName : MonitoringPlan.fileName, config)
    }
}

struct MonitoringCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Hold the plan against the live Prometheus: its rules loaded, healthy and quiet, every segment present.",
        discussion: """
            For each alert the plan generates: loaded as generated (name, model, expression, labels, for), healthy, \
            evaluated in the last 10 minutes, neither pending nor firing; every segment value the plan expects has a \
            series under the plan's label; every `within` baseline has data. Then the recorded series per segment. \
            Exits 0 when all holds, 1 when something does not (or cannot be known yet), 2 on a bad plan or an \
            unreachable server.
            """
    )

    @Argument(help: "The model repository, or a preflight.yaml or monitoring.yaml file.")
    var path = "."

    @Option(help: "The Prometheus (or compatible) base URL; overrides preflight.yaml's sources.prometheus.url.")
    var prometheus: String?

    func run() throws {
        do {
            let (plan, _, config) = try MonitoringRulesCommand.plan(at: path)
            let source = try Self.source(flag: prometheus, configured: config.sources.prometheus)
            let rules = PlanRules(plan)
            let check = PlanCheck.live(plan: plan, rules: rules, source: source, environment: ProcessInfo.processInfo.environment, now: Date())
            let (outcome, _) = check.outcome(covering: nil)
            print(Self.render(check, plan: plan, source: source), terminator: "")
            if outcome == .error { throw ExitCode(2) }
            if outcome != .satisfied { throw ExitCode(1) }
        } catch let error as PreflightError {
            FileHandle.standardError.write(Data((error.localizedDescription + "\n").utf8))
            throw ExitCode(2)
        }
    }

    /// The server preflight.yaml configures, its URL replaced by the flag's as `gate --prometheus` does (credentials
    /// and headers kept), or the flag's alone.
    static func source(flag: String?, configured: PrometheusSource?) throws -> PrometheusSource {
        guard let flag else {
            guard let configured else {
                throw PreflightError.invalidArgument("no Prometheus to ask: pass --prometheus URL or set sources.prometheus in preflight.yaml")
            }
            return configured
        }
        guard case .success(let url) = PrometheusSource.baseURL(flag) else {
            throw PreflightError.invalidArgument("--prometheus takes an http(s) URL without credentials")
        }
        var source = configured ?? PrometheusSource(url: url)
        source.url = url
        return source
    }

    /// Plain words first: the verdict and each alert's state; then the series per segment.
    static func render(_ check: PlanCheck, plan: MonitoringPlan, source: PrometheusSource) -> String {
        let (outcome, reason) = check.outcome(covering: nil)
        var lines: [String] = []
        if check.failure != nil {
            lines.append("Monitoring plan for \(plan.context.model) at \(source.display): error — \(reason)")
            return lines.joined(separator: "\n") + "\n"
        }
        let counts = Dictionary(grouping: check.results, by: \.state).mapValues(\.count)
        let summary = PlanCheck.State.allCasesWorstFirst.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        lines.append("Monitoring plan for \(plan.context.model) at \(source.display): \(outcome == .satisfied ? "healthy" : "not healthy") — \(summary.joined(separator: ", "))")
        let width = check.results.map(\.alert.count).max() ?? 0
        for result in check.results {
            let mark = result.state == .healthy ? "✓" : result.state == .notAvailable ? "?" : "✗"
            let covers = result.covers.isEmpty ? "" : "  (\(result.covers.joined(separator: ", ")))"
            lines.append("  \(mark) \(result.alert.padding(toLength: width, withPad: " ", startingAt: 0))  \(result.state == .healthy ? "" : result.state.rawValue + ": ")\(result.detail)\(covers)")
        }
        if !check.table.isEmpty {
            lines.append("")
            lines.append("Series now, by segment:")
            for (series, cells) in Dictionary(grouping: check.table, by: \.series).sorted(by: { $0.key < $1.key }) {
                let values = cells.map { "\($0.segment) \($0.valueText)" }.joined(separator: "   ")
                lines.append("  \(series)   \(values)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import ArgumentParser
import Foundation
import PreflightAttestation
import PreflightHistory
import PreflightKit
import PreflightReport

struct GateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Score a model repository and approve or block its release.",
        discussion: """
        Uses PATH/preflight.yaml when present, else the bundled ML Test Score rubric. \
        Exits 0 when approved, 1 when blocked, 2 when no decision could be made. \
        Set SOURCE_DATE_EPOCH to fix the evaluation time (reproducible reports).
        """
    )

    @Argument(help: "The model repository to evaluate.")
    var path = "."

    @Option(help: "A bundled rubric name or a rubric file; overrides preflight.yaml.")
    var rubric: String?

    @Option(help: "A preflight.yaml to use instead of PATH/preflight.yaml.")
    var config: String?

    @Option(help: "Output formats, comma-separated: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String = "text"

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output (one format).")
    var output: String?

    @Option(help: "Write every format to this directory, each under its own name (readiness.txt, readiness.json, readiness.md, …).")
    var outputDir: String?

    @Option(help: "A directory of templates (report.md.mustache, report.html.mustache) replacing the bundled ones.")
    var templates: String?

    @Flag(help: "Do not append the Markdown report to GITHUB_STEP_SUMMARY under GitHub Actions.")
    var noStepSummary = false

    @Flag(name: .shortAndLong, help: "Print only the verdict (text format) and the notes its lines may refer to.")
    var quiet = false

    @Option(help: "Colour: auto (only on a terminal, and not with NO_COLOR), always or never.")
    var color: ColorMode = .auto

    @OptionGroup var policy: PolicyOptions

    @Option(help: "The model's name, for the report (overrides preflight.yaml).")
    var model: String?

    @Option(name: [.customLong("model-version"), .customLong("version")],
            help: "The model version being released (after `gate`, --version VALUE names the model's version; `preflight --version` prints Preflight's).")
    var modelVersion: String?

    @Option(help: "The Prometheus (or compatible) base URL for prometheus probes; overrides preflight.yaml's sources.prometheus.url.")
    var prometheus: String?

    @Flag(help: "Record this evaluation in the history (also `record: true` in preflight.yaml).")
    var record = false

    @Option(help: "The history database (default: PREFLIGHT_HISTORY, preflight.yaml's history, else .preflight/history.sqlite in the repository).")
    var history: String?

    @Option(help: "Seconds to wait for another job's lock on the history database before giving up.")
    var historyTimeout: Double = 30

    @Option(help: "Write a signed readiness statement (DSSE envelopes holding in-toto statements, one a line) to this file.")
    var attest: String?

    @Option(help: ArgumentHelp("The PEM private key (ECDSA P-256 or Ed25519) that signs --attest: a file, or env:NAME for a variable holding it.",
                               valueName: "key"))
    var signingKey: String?

    @Option(help: ArgumentHelp("A model file or directory the statement names by digest, relative to the current directory (repeatable; adds to preflight.yaml's artifacts, which are relative to the repository).",
                               valueName: "path"))
    var artifact: [String] = []

    @Option(help: "Give up with exit status 2 after this many seconds (0: no limit).")
    var timeLimit: Double = 300

    func validate() throws {
        for (flag, seconds) in [("--time-limit", timeLimit), ("--history-timeout", historyTimeout)] where !(seconds.isFinite && seconds >= 0) {
            throw ValidationError("\(flag) takes a number of seconds, 0 or more, not \(seconds)")
        }
    }

    func run() throws {
        Watchdog.start(seconds: timeLimit)
        let formats = try ReportFormat.list(format)
        guard formats.count == 1 || outputDir != nil else {
            throw PreflightError.invalidArgument("several formats need --output-dir DIR")
        }
        guard output == nil || outputDir == nil else { throw PreflightError.invalidArgument("use --output or --output-dir, not both") }
        // Every output target is checked before the gate runs: a report that cannot be written must not follow a verdict.
        let reportOptions = ReportOptions(color: try useColor(), quiet: quiet, templates: templates.map { URL(fileURLWithPath: $0) })
        let reporters = try formats.map { try $0.reporter(reportOptions) }
        if let directory = reportOptions.templates { _ = try TemplateRenderer(directory: directory) }   // also when no format uses it
        let destination = try ReportDestination(output: output, outputDir: outputDir)
        let stepSummary = noStepSummary ? nil : try StepSummary.open(environment: ProcessInfo.processInfo.environment)
        let summaryReporter = try stepSummary.map { _ in try ReportFormat.markdown.reporter(reportOptions) }
        let signing = try attestation()

        var options = GateOptions()
        options.rubric = rubric
        options.configPath = config
        options.policy = try policy.overrides()
        options.modelName = model
        options.modelVersion = modelVersion
        options.now = Clock.now()
        options.environment = ProcessInfo.processInfo.environment.filter { "env:\($0.key)" != signingKey }
        if let prometheus {
            guard case .success(let url) = PrometheusSource.baseURL(prometheus) else {
                throw PreflightError.invalidArgument("--prometheus takes an http(s) URL without credentials")
            }
            options.prometheusURL = url
        }
        options.history = HistorySettings(path: history, record: record, timeout: historyTimeout,
                                          environment: ProcessInfo.processInfo.environment, open: SQLiteHistoryStore.opener)
        let evaluation = try Gate.evaluate(repository: path, options: options)
        let reports = try zip(formats, reporters).map { ($0, try $1.render(evaluation)) }
        let summary = try summaryReporter?.render(evaluation)
        try destination.write(reports)
        if let stepSummary, let summary { try stepSummary.append(summary) }
        if destination.isStandardOutput {
            do { try FileHandle.standardOutput.write(contentsOf: Data(reports.map(\.1).joined().utf8)) } catch {
                throw PreflightError.unwritable(path: "standard output", reason: error.localizedDescription)
            }
        } else {
            // Files only: the job log still says what was decided and where the reports are.
            let verdict = try TextReporter(quiet: true).render(evaluation).split(separator: "\n").first.map(String.init) ?? ""
            FileHandle.standardError.write(Data("\(verdict)\n\(destination.describe(formats))\n".utf8))
        }
        let statement = try signing?.write(evaluation)
        // Last: a run that fails before here (a report that cannot be written) ends without a decision, and records nothing.
        _ = try Gate.record(evaluation, history: options.history, attestation: statement)
        throw ExitCode(evaluation.verdict.decision == .approved ? 0 : 1)
    }

    /// The key and the artifacts' digests, read before the gate runs: a statement that cannot be signed must not follow
    /// a verdict.
    private func attestation() throws -> StatementWriter? {
        guard let attest else {
            guard signingKey == nil, artifact.isEmpty else { throw PreflightError.invalidArgument("--signing-key and --artifact go with --attest FILE") }
            return nil
        }
        guard let signingKey else { throw PreflightError.invalidArgument("--attest needs --signing-key: a PEM file, or env:NAME") }
        let directory = URL(fileURLWithPath: attest).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: attest, isDirectory: &isDirectory), isDirectory.boolValue {
            throw PreflightError.unwritable(path: attest, reason: "it is a directory; name the statement file (readiness.intoto.jsonl)")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw PreflightError.unwritable(path: attest, reason: "its directory \(directory) does not exist or cannot be written")
        }
        let key = try SigningKey.load(signingKey, environment: ProcessInfo.processInfo.environment)
        // Read once, then gone: nothing the gate runs (git, a Prometheus credential named in preflight.yaml) can reach it.
        if signingKey.hasPrefix("env:") { unsetenv(String(signingKey.dropFirst(4))) }
        let root = URL(fileURLWithPath: path)
        let configured = try config.map { try ModelConfig.load(file: URL(fileURLWithPath: $0)) } ?? ModelConfig.load(in: root)
        let artifacts = try configured.artifacts.map { try ArtifactDigest.of(root.appendingPathComponent($0), name: $0) }
            + artifact.map { try ArtifactDigest.of(URL(fileURLWithPath: $0), name: $0) }
        // Whether the gate reads its commit, asked before it writes anything (reports, the history) into the tree.
        let inputs = [ModelConfig.fileName, MonitoringPlan.fileName, configured.attestations, configured.waivers]
            + (configured.rubric.map { $0.contains("/") || $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") ? [$0] : [] } ?? [])
        return StatementWriter(path: attest, key: key, artifacts: artifacts, changes: WorkTreeState.changes(at: root, inputs: inputs))
    }

    private func useColor() throws -> Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto: return output == nil && outputDir == nil && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

/// `--color`: its values are listed by `--help` and checked by the parser.
enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

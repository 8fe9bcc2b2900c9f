import Foundation
import PreflightTestSupport
import Testing
@testable import PreflightKit

/// The GitHub Action (action.yml) and the GitLab CI template, their steps run with bash as the runners run them: a
/// fake GitHub environment (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH) and GitLab's job variables.
@Suite struct CIIntegrationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// A YAML file of the repository, read as the CI readers read it.
    static func read(_ path: String) throws -> DataNode {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return try #require(try StructuredParser.parse(text, path: path).first)
    }

    /// A mapping's key-value pairs, in order; none for anything else.
    func pairs(_ node: DataNode?) -> [(key: String, value: DataNode)] {
        if case .map(let pairs, _)? = node { return pairs }
        return []
    }

    struct Step {
        var id: String?
        var run: String
        var env: [String: String]
    }

    /// The action's shell steps, each with its `env:` as written.
    func actionSteps() throws -> (document: DataNode, steps: [Step]) {
        let document = try Self.read("action.yml")
        let steps = (document["runs"]?["steps"]?.elements ?? []).compactMap { step -> Step? in
            guard let run = step["run"]?.string else { return nil }
            var env: [String: String] = [:]
            for (key, value) in pairs(step["env"]) { env[key] = value.string ?? "" }
            return Step(id: step["id"]?.string, run: run, env: env)
        }
        return (document, steps)
    }

    /// `${{ inputs.x }}` from `inputs` (else the action's default), `${{ steps.get.outputs.binary }}`, the action path.
    func expand(_ text: String, inputs: [String: String], document: DataNode, outputs: [String: String]) -> String {
        var result = text
        for (name, input) in pairs(document["inputs"]) {
            result = result.replacingOccurrences(of: "${{ inputs.\(name) }}", with: inputs[name] ?? input["default"]?.string ?? "")
        }
        for (name, value) in outputs { result = result.replacingOccurrences(of: "${{ steps.\(name) }}", with: value) }
        return result.replacingOccurrences(of: "${{ github.action_path }}", with: Self.root.path)
    }

    /// Runs the action's steps in order in `repo`, as the runner would: each step's env expanded, the outputs read
    /// back from GITHUB_OUTPUT. Returns each step's result, the outputs, and the step summary.
    func runAction(in repo: TemporaryDirectory, inputs: [String: String], environment: [String: String] = [:])
        throws -> (results: [RunResult], outputs: [String: String], summary: String) {
        let (document, steps) = try actionSteps()
        let output = repo.url.appendingPathComponent("github-output").path, summary = repo.url.appendingPathComponent("step-summary").path
        FileManager.default.createFile(atPath: output, contents: nil)
        FileManager.default.createFile(atPath: summary, contents: nil)
        var outputs: [String: String] = [:]
        var results: [RunResult] = []
        for step in steps {
            var env = ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary, "GITHUB_ACTION_PATH": Self.root.path,
                       "SOURCE_DATE_EPOCH": "1795000000", "NO_COLOR": "1"].merging(environment) { _, new in new }
            for (key, value) in step.env { env[key] = expand(value, inputs: inputs, document: document, outputs: outputs) }
            try Data().write(to: URL(fileURLWithPath: output))
            let result = try run("/bin/bash", ["-c", step.run], environment: env, currentDirectory: repo.path)
            results.append(result)
            for line in try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n") {
                guard let equals = line.firstIndex(of: "=") else { continue }
                outputs["\(step.id ?? "").outputs.\(line[..<equals])"] = String(line[line.index(after: equals)...])
            }
        }
        return (results, outputs, try String(contentsOfFile: summary, encoding: .utf8))
    }

    /// No input is spliced into script text, where a value such as `$(curl …)` would run.
    @Test func inputsReachTheScriptsOnlyThroughTheEnvironment() throws {
        let (document, steps) = try actionSteps()
        #expect(steps.count == 3)
        for step in steps { #expect(!step.run.contains("${{"), "\(step.run)") }
        let outputs = Set(pairs(document["outputs"]).map(\.key))
        #expect(outputs.isSuperset(of: ["verdict", "final-score", "report-dir", "sarif", "attestation"]))
    }

    @Test func anApprovedAndABlockedReleaseThroughTheAction() throws {
        let repo = try canaryRepository()
        let approved = try runAction(in: repo, inputs: ["binary": CLITests.binary, "require": "infra-6"])
        #expect(approved.results.map(\.status) == [0, 0, 0], "\(approved.results.map(\.errors))")
        #expect(approved.outputs["get.outputs.binary"] == CLITests.binary)
        #expect(approved.outputs["gate.outputs.verdict"] == "approved")
        #expect(approved.outputs["gate.outputs.status"] == "0")
        #expect(approved.outputs["gate.outputs.sarif"] == "preflight-report/readiness.sarif")
        #expect(Double(approved.outputs["gate.outputs.final-score"] ?? "") != nil)
        for file in ["readiness.txt", "readiness.json", "readiness.md", "readiness.sarif"] {
            #expect(FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("preflight-report/\(file)").path), "\(file)")
        }
        #expect(approved.summary.contains("Release approved"), "\(approved.summary.prefix(200))")
        #expect(approved.results[1].output.contains("::notice title=Preflight::Release approved"))

        // A blocked gate still ends its own step with 0 (so the SARIF upload runs); the last step fails the job.
        let blocked = try runAction(in: repo, inputs: ["binary": CLITests.binary, "min-score": "6"])
        #expect(blocked.results.map(\.status) == [0, 0, 1])
        #expect(blocked.outputs["gate.outputs.verdict"] == "blocked" && blocked.outputs["gate.outputs.status"] == "1")
        #expect(blocked.results[1].output.contains("::error title=Preflight::Release blocked"))
        // No binary to be found and none to build from: the first step fails, and the job with it.
        let missing = try runAction(in: repo, inputs: ["binary": "/nonexistent/preflight"])
        #expect(missing.results.first?.status == 2 && missing.results.first?.output.contains("no preflight binary") == true)
    }

    /// What would let a job pass without a gate fails it: an earlier run's reports, a path that looks like an option,
    /// arguments that take over the action's own settings; a repository's text cannot start a workflow command.
    @Test func misuseFailsClosedAndSaysWhy() throws {
        let repo = try canaryRepository()
        #expect(try runAction(in: repo, inputs: ["binary": CLITests.binary]).outputs["gate.outputs.verdict"] == "approved")
        // The approved run's reports are still there; this run decides nothing and must not report them.
        let broken = try runAction(in: repo, inputs: ["binary": CLITests.binary, "args": "--bogus"])
        #expect(broken.outputs["gate.outputs.status"] == "2" && broken.outputs["gate.outputs.verdict"] == nil, "\(broken.outputs)")
        #expect(broken.results[1].output.contains("::error title=Preflight::No decision (exit 2)"))
        #expect(!broken.results[1].output.contains("Release approved"))
        #expect(broken.results[2].status == 2)
        let help = try runAction(in: repo, inputs: ["binary": CLITests.binary, "path": "--help"])
        #expect(help.outputs["gate.outputs.status"] == "2" && help.results[2].status == 2)
        let takeover = try runAction(in: repo, inputs: ["binary": CLITests.binary, "args": "--min-score 0 --output-dir elsewhere"])
        #expect(takeover.outputs["gate.outputs.status"] == "2")
        #expect(takeover.results[1].output.contains("args may not set --output-dir"))
        // A preflight.yaml key that tries to start a workflow command in the job's log starts none.
        try repo.write("preflight.yaml", "version: 1\nitems:\n  \"x\\n::warning title=INJECTED::from the repository\": { skip: \"y\" }\n")
        try repo.commitAll()
        let injected = try runAction(in: repo, inputs: ["binary": CLITests.binary])
        let log = (injected.results[1].output + injected.results[1].errors).split(separator: "\n")
        #expect(log.contains { $0.contains("INJECTED") }, "\(log)")
        #expect(!log.contains { $0.hasPrefix("::warning title=INJECTED") })
    }

    /// GitHub shows at most 10 annotations of a kind a step: the rest are counted in one, and the verdict is shown.
    @Test func annotationsStayWithinGitHubsLimits() throws {
        let repo = try TemporaryDirectory()
        try repo.write("train.py", "print('a science project')\n")
        try repo.commitAll()
        let result = try runAction(in: repo, inputs: ["binary": CLITests.binary])
        let lines = result.results[1].output.split(separator: "\n").filter { $0.hasPrefix("::") }
        for kind in ["error", "warning", "notice"] {
            #expect(lines.filter { $0.hasPrefix("::\(kind) ") }.count <= 10, "\(kind)")
        }
        #expect(lines.contains { $0.hasPrefix("::warning title=Preflight::") && $0.contains("more like these") }, "\(lines)")
        #expect(lines.last?.hasPrefix("::error title=Preflight::Release blocked") == true)
    }

    /// The GitLab template's job script, run with its variables: the reports it publishes are where it says.
    @Test func theGitLabTemplatePublishesItsReports() throws {
        let template = try Self.read("Integrations/gitlab/Preflight.gitlab-ci.yml")
        let job = try #require(template[".preflight"])
        let script = (job["script"]?.elements ?? []).compactMap(\.string).joined(separator: "\n")
        var variables: [String: String] = [:]
        for (key, value) in pairs(job["variables"]) { variables[key] = value.string ?? "" }
        variables["PREFLIGHT"] = CLITests.binary
        let repo = try canaryRepository()
        let result = try run("/bin/bash", ["-ec", script], environment: variables.merging(CLITests.fixedTime) { _, new in new }, currentDirectory: repo.path)
        #expect(result.status == 0, "\(result.errors)")
        let reports = try #require(job["artifacts"]?["reports"])
        let quality = try #require(reports["codequality"]?.string), junit = try #require(reports["junit"]?.string)
        let issues = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: repo.url.appendingPathComponent(quality))) as? [[String: Any]])
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(!issues.isEmpty && Set(fingerprints).count == issues.count)
        #expect(try String(contentsOf: repo.url.appendingPathComponent(junit), encoding: .utf8).contains("<testsuite"))
        // GitLab's own reading of the template: a job template (hidden) that runs the gate.
        let pipelines = GitLabCI.parse(path: ".gitlab-ci.yml", document: template)
        #expect(pipelines.steps.isEmpty, "a hidden job runs only through extends")
    }
}

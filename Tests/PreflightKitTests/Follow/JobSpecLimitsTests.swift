import Foundation
import Testing
@testable import PreflightKit

/// The job-spec readers on hostile shapes: long chains, fan-out, many stages; bounded and linear-ish.
@Suite struct JobSpecLimitsTests {
    @Test func aLongDockerfileChainStaysLinear() {
        var text = "FROM python:3.11 AS s0\nRUN echo 0\n"
        for n in 1..<20_000 { text += "FROM s\(n - 1) AS s\(n)\nCOPY --from=s0 /a /b\nRUN --mount=type=cache,from=s\(n - 1),target=/c echo \(n)\n" }
        text += "CMD [\"pytest\"]\n" + String(repeating: "RUN <<A <<B <<C\n", count: 2_000)
        let start = Date()
        let dockerfile = Dockerfile(text)
        let runs = dockerfile.runs()
        // A sanity limit, not a benchmark: a quadratic step would take minutes.
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(dockerfile.stages.count == 20_000)
        #expect(runs.count == 20_001 && runs.first == FollowedStep(.shell("echo 0"), line: 2, via: ["s0"]))
        #expect(dockerfile.defaultCommand() == FollowedStep(.words(["pytest"]), line: 60_000, via: ["s19999"]))
    }

    @Test func composeDependencyChainsAreBounded() throws {
        var text = "services:\n"
        for n in 0..<5_000 { text += "  s\(n):\n    command: [run, \"\(n)\"]\n    depends_on: [\((0..<min(n, 3)).map { "s\(n - 1 - $0)" }.joined(separator: ", "))]\n" }
        let start = Date()
        let result = try #require(ComposeFollower.follow(["s4999"], path: "compose.yaml", text: text))
        let all = try #require(ComposeFollower.follow([], path: "compose.yaml", text: text))
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(result.steps.count < 2 * ComposeFollower.maxDependencyDepth && result.steps.last?.via == ["s4999"])
        #expect(result.problems.first?.message == "service s4967: depends_on nests too deep")
        #expect(all.steps.count == 5_000)
    }

    @Test func databricksJobsRunningJobsManyTimesAreCut() throws {
        // Each job runs the next one 50 times: 50^6 paths.
        var text = "resources:\n  jobs:\n"
        for n in 0..<6 {
            let tasks = (0..<50).map { "{task_key: t\($0), run_job_task: {job_id: \"${resources.jobs.j\(n + 1).id}\"}}" }
            text += "    j\(n):\n      tasks: [\(tasks.joined(separator: ", "))]\n"
        }
        text += "    j6:\n      tasks: [{task_key: f, spark_python_task: {python_file: f.py}}]\n"
        let start = Date()
        let result = try #require(DatabricksBundleFollower.follow(["j0"], path: "databricks.yml", text: text))
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(result.steps.count == DatabricksBundle.maxSteps)
        #expect(result.problems.map(\.message) == ["more than \(DatabricksBundle.maxSteps) steps; the rest is not read"])
    }

    @Test func nestedKubernetesListsAreBounded() throws {
        let job = #"{"kind": "Job", "spec": {"template": {"spec": {"containers": [{"command": ["pytest"]}]}}}}"#
        var text = job
        for _ in 0..<12 { text = #"{"kind": "List", "items": [\#(text), \#(job)]}"# }
        let result = try #require(KubernetesJobFollower.follow([], path: "list.json", text: text))
        #expect(result.steps.count == KubernetesJobs.maxListDepth)
    }
}

import Foundation
import Testing
@_spi(Fuzzing) @testable import PreflightKit

/// Every task-runner reader on large, deep and self-referring files: what can be read and problems, quickly.
@Suite struct TaskRunnerHostileInputTests {
    /// Long chains and wide fans of tasks calling tasks, in each format.
    static let chains = chains(2000)

    static func chains(_ count: Int) -> [(String, String)] {
        let indices = 0..<count
        return [
            ("taskfile", "version: '3'\ntasks:\n" + indices.map { "  test\($0 == 0 ? "" : "\($0)"):\n    deps: [test\($0 + 1), test\(($0 + 7) % count)]\n    cmds: [echo \($0)]\n" }.joined()),
            ("poe", "[tool.poe.tasks]\ntest = [\"t1\", \"t2\"]\n" + indices.map { "t\($0) = [\"t\($0 + 1)\", \"t\($0 / 2)\", { cmd = \"echo\" }]\n" }.joined()),
            ("pdm", "[tool.pdm.scripts]\ntest = { composite = [\"t1\"] }\n" + indices.map { "t\($0) = { composite = [\"t\($0 + 1)\", \"t\($0 / 3) x\"] }\n" }.joined()),
            ("hatch", "[envs.default.scripts]\ntest = [\"t1\"]\n" + indices.map { "t\($0) = [\"t\($0 + 1)\", \"t\($0 / 2)\", \"echo\"]\n" }.joined()),
            ("mise", "[tasks.test]\ndepends = [\"t1\"]\n" + indices.map { "[tasks.t\($0)]\ndepends = [\"t\($0 + 1)\", \"t\($0 / 2)\"]\nrun = \"echo\"\n" }.joined()),
            ("nox", "import nox\n" + indices.map { "@nox.session\ndef test\($0)(session):\n    session.run(\"echo\")\n    session.notify(\"test\($0 + 1)\")\n    test\($0 / 2)(session)\n" }.joined()),
            ("tox", "[tox]\nenvlist = " + indices.map { "e\($0)" }.joined(separator: ",") + "\n[testenv]\ncommands =\n" + indices.prefix(200).map { "    e\($0): run {[testenv]commands}\n" }.joined()),
        ]
    }

    @Test(arguments: 0..<7)
    func chainsOfTasksAreCutAtTheDepthBoundQuickly(index: Int) {
        let (name, text) = Self.chains[index]
        let start = ContinuousClock.now
        InputParsers.parse(Data(text.utf8), as: .taskRunners)
        #expect(ContinuousClock.now - start < .seconds(10), "\(name)")
    }

    @Test func deepAndOddInputIsReadWithoutCrashing() {
        let inputs = [
            String(repeating: "[", count: 50_000), String(repeating: "{\"a\": ", count: 20_000), String(repeating: "- ", count: 20_000) + "x",
            String(repeating: "(", count: 100_000) + "session.run(\"x\"", String(repeating: "\"\"\"", count: 999) + "'",
            "[testenv]\ncommands = " + String(repeating: "{", count: 100_000), String(repeating: "{[testenv]commands}", count: 10_000),
            "\u{FFFD}\u{0}\r\n[tasks]\r\ntest = \"x\"\r\n", "tasks:\n  test: &a [*a]\n",
        ]
        for input in inputs {
            let start = ContinuousClock.now
            InputParsers.parse(Data(input.utf8), as: .taskRunners)
            #expect(ContinuousClock.now - start < .seconds(10), "\(input.prefix(20))")
        }
    }

    @Test func aDeepChainEndsWithADepthProblem() throws {
        let text = (0..<100).map { "t\($0) = [\"t\($0 + 1)\"]\n" }.joined() + "t100 = \"pytest\"\n"
        let result = try #require(PoeFollower.follow(["t0"], path: "poe_tasks.toml", text: "[tasks]\n" + text))
        #expect(result.steps.isEmpty)
        #expect(result.problems == [CommandProblem(line: 33, message: "poe tasks nested deeper than 32: 't32' not followed")])
    }
}

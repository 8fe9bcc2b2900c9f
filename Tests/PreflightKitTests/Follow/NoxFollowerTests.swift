import Testing
@testable import PreflightKit

/// nox: the command asks for sessions; noxfile.py's decorated functions say what they run.
@Suite struct NoxFollowerTests {
    static let noxfile = #"""
        """Sessions for CI. Run session.run("pytest", "tests/e2e") by hand."""
        import nox
        from nox import session as nox_session

        nox.options.sessions = ["lint", "tests"]
        PYTHONS = ["3.11", "3.12"]


        @nox.session(python=["3.11", "3.12"], tags=["test"])
        def tests(session: nox.Session) -> None:
            session.install("-e", ".[training]")
            session.run(
                "pytest",
                "-m", "not slow",  # the fast ones
                *session.posargs,
            )
            with session.chdir("docs"):
                session.run(*"sphinx-build -W . _build".split())
            session.run("coverage", "xml")
            session.notify("report")


        @nox_session(name="lint", tags=["style"])
        def lint_session(session):
            # session.run("pytest", "tests/e2e")
            session.run("ruff", "check", ".")
            _mypy(session)


        def _mypy(session):
            session.run("mypy", "src", f"--python-version={session.python}")


        @nox.session(default=False)
        def report(session):
            session.run(PYTHON, "-m", "coverage", "report")
            session.run("coverage", "html")


        def not_a_session(session):
            session.run("pytest", "tests/e2e")


        @nox.session
        def e2e(session):
            """session.run("pytest") in a docstring is not run."""
            print('session.run("pytest")')
            session.run("pytest", 'tests/' 'e2e', env={"CI": "1"})
        """#

    @Test func requestsTheSessionsAndTagsAsked() {
        #expect(followRequest(NoxFollower.self, "nox") == FollowRequest(candidates: ["noxfile.py"]))
        #expect(followRequest(NoxFollower.self, "nox -s tests lint -- -k x")?.names == ["tests", "lint"])
        #expect(followRequest(NoxFollower.self, "nox --session tests --python 3.12")?.names == ["tests"])
        #expect(followRequest(NoxFollower.self, "nox --sessions=tests -t style")?.names == ["tests", "--tags=style"])
        #expect(followRequest(NoxFollower.self, "python -m nox -f ci/noxfile.py -e e2e") == FollowRequest(candidates: ["ci/noxfile.py"], names: ["e2e"]))
        #expect(followRequest(NoxFollower.self, "uvx nox -s tests-3.12")?.names == ["tests-3.12"])
        #expect(followRequest(NoxFollower.self, "nox --list") == nil)
        #expect(followRequest(NoxFollower.self, "echo nox -s tests") == nil)
    }

    @Test func followsTheDefaultSessionsWithTheirCallsAndNotifications() throws {
        let result = try #require(NoxFollower.follow([], path: "noxfile.py", text: Self.noxfile))
        #expect(result.steps == [
            FollowedStep(.words(["ruff", "check", "."]), line: 26, via: ["lint"]),
            FollowedStep(.words(["mypy", "src"]), line: 31, via: ["lint", "def _mypy"]),
            FollowedStep(.words(["pytest", "-m", "not slow"]), line: 12, via: ["tests"]),
            FollowedStep(.words(["sphinx-build", "-W", ".", "_build"]), line: 18, via: ["tests"], directory: "docs"),
            FollowedStep(.words(["coverage", "xml"]), line: 19, via: ["tests"]),
            FollowedStep(.words(["coverage", "html"]), line: 37, via: ["tests", "report"]),
        ])
        #expect(result.problems == [CommandProblem(line: 36, message: "session.run runs a command that is not a literal string: not followed")])
    }

    @Test func selectsByNameByPythonAndByTag() throws {
        let byPython = try #require(NoxFollower.follow(["tests-3.12"], path: "ci/noxfile.py", text: Self.noxfile))
        #expect(byPython.steps.map(\.via.first) == Array(repeating: "tests", count: 4))
        #expect(byPython.steps[1].directory == "ci/docs" && byPython.steps[0].directory == nil)
        let byTag = try #require(NoxFollower.follow(["--tags=style"], path: "noxfile.py", text: Self.noxfile))
        #expect(byTag.steps.map(\.shown) == ["[ruff check .]", "[mypy src]"])
        #expect(NoxFollower.follow(["tests-3.9"], path: "noxfile.py", text: Self.noxfile)?.problems == [CommandProblem(line: 1, message: "no nox session 'tests-3.9'")])
        let variable = "import nox\n@nox.session(python=PYTHONS)\ndef unit(session):\n    session.run('pytest')\n"
        #expect(NoxFollower.follow(["unit-3.12"], path: "noxfile.py", text: variable)?.steps.map(\.via) == [["unit"]])
        #expect(NoxFollower.follow(["unit-fast"], path: "noxfile.py", text: variable)?.steps.isEmpty == true)
        let e2e = try #require(NoxFollower.follow(["e2e"], path: "noxfile.py", text: Self.noxfile))
        #expect(e2e.steps == [FollowedStep(.words(["pytest", "tests/e2e"]), line: 48, via: ["e2e"])])
    }

    @Test func wordsInCommentsDocstringsAndUndecoratedFunctionsAreNotSteps() throws {
        let all = Self.noxfile.replacingOccurrences(of: "nox.options.sessions = [\"lint\", \"tests\"]", with: "")
        let result = try #require(NoxFollower.follow([], path: "noxfile.py", text: all))
        #expect(Set(result.steps.compactMap(\.via.first)) == ["tests", "lint", "e2e"])
        #expect(result.steps.filter { $0.shown.contains("e2e") }.map(\.line) == [48])
        #expect(!result.steps.contains { $0.shown.contains("install") })
    }

    @Test func aMissingSessionAndACycleAreProblems() throws {
        let missing = try #require(NoxFollower.follow(["nothing"], path: "noxfile.py", text: Self.noxfile))
        #expect(missing.steps.isEmpty && missing.problems == [CommandProblem(line: 1, message: "no nox session 'nothing'")])
        let cycle = "import nox\n@nox.session\ndef a(s):\n    s.run('x')\n    s.notify('b')\n@nox.session\ndef b(s):\n    s.notify('a')\n"
        let result = try #require(NoxFollower.follow(["b"], path: "noxfile.py", text: cycle))
        #expect(result.steps == [FollowedStep(.words(["x"]), line: 4, via: ["b", "a"])])
        #expect(result.problems == [CommandProblem(line: 5, message: "circular dependency b → a → b: not followed")])
    }

    @Test func hostileInputStaysBounded() throws {
        let nested = "import nox\n@nox.session\ndef t(session):\n    " + String(repeating: "session.run(", count: 20_000) + "\n"
        let start = ContinuousClock.now
        let result = try #require(NoxFollower.follow([], path: "noxfile.py", text: nested))
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(result.problems.contains { $0.message.hasPrefix("too many nested calls") })
        _ = NoxFollower.follow([], path: "noxfile.py", text: "@nox.session(\n\"\"\"\\\n'\u{FFFD}\\")
    }
}

extension NoxFollowerTests {
    @Test func windowsLineEndingsAndBackslashContinuationsAreOneCall() throws {
        let text = "import nox\r\n@nox.session\r\ndef t(session):\r\n    session.run('pytest', \\\r\n        '-q')\r\n    session.run('ruff')\r\n"
        let result = try #require(NoxFollower.follow([], path: "noxfile.py", text: text))
        #expect(result.steps == [FollowedStep(.words(["pytest", "-q"]), line: 4, via: ["t"]), FollowedStep(.words(["ruff"]), line: 6, via: ["t"])])
    }
}

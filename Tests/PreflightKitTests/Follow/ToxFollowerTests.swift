import Testing
@testable import PreflightKit

/// tox: the command asks for environments; tox.ini, setup.cfg, pyproject.toml and tox.toml say what they run.
@Suite struct ToxFollowerTests {
    static let toxIni = """
        [tox]
        envlist = py{39,310}-django, lint
        # envlist = e2e

        [gh-actions]
        python =
            3.9: py39-django
            3.10: py310-django, lint

        [testenv]
        deps = pytest
        commands_pre = python -m pip list
        commands =
            py39: pytest -m "not slow" {posargs:tests/unit}
            !py39: pytest {posargs} \\
                --cov={toxinidir}/src
            - coverage report  # ignored failure
            e2e: pytest tests/e2e
        commands_post = {envpython} -m coverage xml

        [testenv:lint]
        changedir = {toxinidir}/src
        commands =
            ruff check {toxinidir}/src
            {[testenv]commands_pre}
        description = pytest tests/e2e is not run here

        [testenv:docs]
        commands = sphinx-build docs out
        """

    @Test func requestsTheEnvironmentsAsked() {
        #expect(followRequest(ToxFollower.self, "tox") == FollowRequest(candidates: ["tox.ini", "setup.cfg", "pyproject.toml", "tox.toml"]))
        #expect(followRequest(ToxFollower.self, "tox -e py39,lint")?.names == ["py39", "lint"])
        #expect(followRequest(ToxFollower.self, "tox run -e x -- -k slow")?.names == ["x"])
        #expect(followRequest(ToxFollower.self, "python -m tox -epy")?.names == ["py"])
        #expect(followRequest(ToxFollower.self, "uvx tox p -e 'py{39,310}'")?.names == ["py39", "py310"])
        #expect(followRequest(ToxFollower.self, "TOXENV=lint tox")?.names == ["lint"])
        #expect(followRequest(ToxFollower.self, "tox -c ci/tox.ini -e py")?.candidates == ["ci/tox.ini"])
        #expect(followRequest(ToxFollower.self, "tox -m static")?.names == ["--label=static"])
        #expect(followRequest(ToxFollower.self, "tox list") == nil)
        #expect(followRequest(ToxFollower.self, "tox --version") == nil)
        #expect(followRequest(ToxFollower.self, "echo tox -e py") == nil)
        #expect(followRequest(ToxFollower.self, "toxic -e py") == nil)
    }

    @Test func followsEachEnvironmentWithFactorsAndTheBase() throws {
        let result = try #require(ToxFollower.follow(["py39-django", "py310-django"], path: "tox.ini", text: Self.toxIni))
        #expect(result.steps.map(\.shown) == ["python -m pip list", "pytest -m \"not slow\" tests/unit", "coverage report", "python -m coverage xml",
                                              "python -m pip list", "pytest --cov=./src", "coverage report", "python -m coverage xml"])
        #expect(result.steps.map(\.line) == [12, 14, 17, 19, 12, 15, 17, 19])
        #expect(result.steps.map(\.via) == Array(repeating: ["py39-django"], count: 4) + Array(repeating: ["py310-django"], count: 4))
        #expect(result.steps.allSatisfy { $0.directory == nil })
        #expect(result.problems.isEmpty)
    }

    @Test func anEnvironmentSectionOverridesTheBaseAndSetsItsDirectory() throws {
        let result = try #require(ToxFollower.follow(["lint"], path: "pkg/tox.ini", text: Self.toxIni))
        // commands_pre and commands_post come from the base; commands are the section's own.
        #expect(result.steps == [FollowedStep(.shell("python -m pip list"), line: 12, via: ["lint"], directory: "pkg/src"),
                                 FollowedStep(.shell("ruff check ../src"), line: 24, via: ["lint"], directory: "pkg/src"),
                                 FollowedStep(.shell("python -m pip list"), line: 12, via: ["lint"], directory: "pkg/src"),
                                 FollowedStep(.shell("python -m coverage xml"), line: 19, via: ["lint"], directory: "pkg/src")])
    }

    @Test func plainToxFollowsTheGitHubActionsMappingElseTheEnvList() throws {
        let mapped = try #require(ToxFollower.follow([], path: "tox.ini", text: Self.toxIni))
        #expect(Set(mapped.steps.map { $0.via[0] }) == ["py39-django", "py310-django", "lint"])
        #expect(mapped.steps.filter { $0.via == ["lint"] }.map(\.line) == [12, 24, 12, 19])
        let withoutMapping = Self.toxIni.replacingOccurrences(of: "[gh-actions]", with: "[other]")
        let listed = try #require(ToxFollower.follow([], path: "tox.ini", text: withoutMapping))
        #expect(listed.steps.map(\.via[0]).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } } == ["py39-django", "py310-django", "lint"])
        // Not in the env list, commented out, or only in a description: never run.
        #expect(!listed.steps.contains { $0.shown.contains("e2e") || $0.shown.contains("sphinx") })
    }

    @Test func anEnvironmentWithoutASectionUsesTheBaseAndAMissingOneIsAProblem() throws {
        let result = try #require(ToxFollower.follow(["e2e"], path: "tox.ini", text: Self.toxIni))
        #expect(result.steps.map(\.shown) == ["python -m pip list", "pytest --cov=./src", "coverage report", "pytest tests/e2e", "python -m coverage xml"])
        #expect(result.steps.map(\.line) == [12, 15, 17, 18, 19])
        let noBase = try #require(ToxFollower.follow(["x"], path: "tox.ini", text: "[tox]\nenvlist = lint\n[testenv:lint]\ncommands = ruff .\n"))
        #expect(noBase.steps.isEmpty && noBase.problems == [CommandProblem(line: 1, message: "no tox env 'x'")])
    }

    @Test func aLabelNamesItsEnvironments() throws {
        let ini = "[tox]\nlabels =\n    static = lint, type\n    test = py3{11,12}\n[testenv]\ncommands = pytest\n[testenv:lint]\ncommands = ruff check .\n"
        let result = try #require(ToxFollower.follow(["--label=test", "--label=static"], path: "tox.ini", text: ini))
        #expect(result.steps.map(\.via) == [["py311"], ["py312"], ["lint"], ["type"]])
        #expect(result.steps.map(\.shown) == ["pytest", "pytest", "ruff check .", "pytest"])
        let toml = "labels = { test = [\"3.12\"] }\n[env_run_base]\ncommands = [[\"pytest\"]]\n"
        #expect(ToxFollower.follow(["--label=test"], path: "tox.toml", text: toml)?.steps == [FollowedStep(.words(["pytest"]), line: 3, via: ["3.12"])])
        #expect(ToxFollower.follow(["--label=none"], path: "tox.toml", text: toml) == FollowResult(problems: [CommandProblem(line: 1, message: "no tox label 'none'")]))
    }

    @Test func readsPyprojectLegacyAndNativeTablesAndToxToml() throws {
        let legacy = "[project]\nname = \"m\"\n\n[tool.tox]\nlegacy_tox_ini = \"\"\"\n[tox]\nenvlist = py\n\n[testenv]\ncommands = pytest tests\n\"\"\"\n"
        let fromLegacy = try #require(ToxFollower.follow([], path: "pyproject.toml", text: legacy))
        #expect(fromLegacy.steps == [FollowedStep(.shell("pytest tests"), line: 10, via: ["py"])])
        let native = """
            [tool.tox]
            env_list = ["3.12", "type"]

            [tool.tox.env_run_base]
            commands = [["pytest", "{posargs}", "--cov={toxinidir}"], ["coverage", { replace = "posargs", default = ["report"] }]]

            [tool.tox.env.type]
            change_dir = "src"
            commands = [["mypy", "."]]
            """
        let fromNative = try #require(ToxFollower.follow([], path: "pyproject.toml", text: native))
        #expect(fromNative.steps == [FollowedStep(.words(["pytest", "--cov=."]), line: 5, via: ["3.12"]),
                                     FollowedStep(.words(["coverage", "report"]), line: 5, via: ["3.12"]),
                                     FollowedStep(.words(["mypy", "."]), line: 9, via: ["type"], directory: "src")])
        let toxToml = native.replacingOccurrences(of: "tool.tox.", with: "").replacingOccurrences(of: "[tool.tox]\n", with: "")
        #expect(ToxFollower.follow(["type"], path: "tox.toml", text: toxToml)?.steps.map(\.shown) == ["[mypy .]"])
    }

    @Test func aFileWithoutToxConfigurationIsPassedOver() throws {
        #expect(ToxFollower.follow([], path: "pyproject.toml", text: "[tool.pytest.ini_options]\naddopts = \"-q\"\n") == nil)
        #expect(ToxFollower.follow([], path: "setup.cfg", text: "[metadata]\nname = m\n[flake8]\nmax-line-length = 100\n") == nil)
        let setup = try #require(ToxFollower.follow([], path: "setup.cfg", text: "[tox:tox]\nenvlist = py\n[testenv]\ncommands = pytest\n"))
        #expect(setup.steps == [FollowedStep(.shell("pytest"), line: 4, via: ["py"])])
    }

    @Test func hostileInputStaysBounded() throws {
        let braces = "[tox]\nenvlist = " + String(repeating: "{a,b}", count: 40) + "\n" + String(repeating: "{", count: 5000) + "\n[testenv]\ncommands = x {[testenv]commands}\n  {[testenv]commands}\n"
        let result = try #require(ToxFollower.follow([], path: "tox.ini", text: braces))
        #expect(Set(result.steps.map(\.via[0])).count > 3)
        #expect(result.problems.contains { $0.message.hasPrefix("more commands than can be read") })
        #expect(ToxConfig.expandList(String(repeating: "{a,b}", count: 12)).count == ToxConfig.maxNames)
        #expect(ToxFollower.follow([], path: "tox.ini", text: "\u{FFFD}[\n=\n [x\n\\") != nil)
        let references = "[tox]\n[a]\nx = " + String(repeating: "{[a]x} ", count: 200) + "\n[testenv]\ncommands = run {[a]x}\n" + String(repeating: "  {[testenv]commands}\n", count: 200)
        let start = ContinuousClock.now
        let referenced = try #require(ToxFollower.follow(["a", "b", "c"], path: "tox.ini", text: references))
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(!referenced.steps.isEmpty && referenced.steps.count < 100_000)
    }
}

extension ToxFollowerTests {
    @Test func aGenerativeSectionNamesEachOfItsEnvironments() throws {
        let ini = "[testenv:py3{11,12}-{unit,e2e}]\ncommands =\n    unit: pytest tests/unit\n    e2e: pytest tests/e2e\n"
        let unit = try #require(ToxFollower.follow(["py311-unit"], path: "tox.ini", text: ini))
        #expect(unit.steps == [FollowedStep(.shell("pytest tests/unit"), line: 3, via: ["py311-unit"])])
        let e2e = try #require(ToxFollower.follow(["py312-e2e"], path: "tox.ini", text: ini))
        #expect(e2e.steps == [FollowedStep(.shell("pytest tests/e2e"), line: 4, via: ["py312-e2e"])])
        #expect(ToxFollower.follow(["py310-unit"], path: "tox.ini", text: ini)?.problems == [CommandProblem(line: 1, message: "no tox env 'py310-unit'")])
    }
}

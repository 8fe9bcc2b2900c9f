import Foundation
import Testing
@testable import PreflightKit

/// The shell reader on each construct a CI step uses, with the exact commands, words and positions expected.
@Suite struct ShellCommandLineTests {
    func words(_ text: String) -> [[String]] { ShellCommandLine(text).commands.map(\.words) }

    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var words: [[String]]
        var testDescription: String { text }
    }

    @Test(arguments: [
        Case(text: "pytest -q tests", words: [["pytest", "-q", "tests"]]),
        Case(text: "a && b || c; d | e & f\ng", words: [["a"], ["b"], ["c"], ["d"], ["e"], ["f"], ["g"]]),
        Case(text: "a |& b ;; c", words: [["a"], ["b"], ["c"]]),
        Case(text: "pytest \\\n  --cov=src \\\n  tests", words: [["pytest", "--cov=src", "tests"]]),
        Case(text: #"echo 'it''s' "a \"b\" \$c \\ \q" x\ y"#, words: [["echo", "its", #"a "b" $c \ \q"#, "x y"]]),
        Case(text: "pytest tests # run pytest later\n# pytest\nmake", words: [["pytest", "tests"], ["make"]]),
        Case(text: "echo a#b '#c'", words: [["echo", "a#b", "#c"]]),
        Case(text: "(cd docs && make html); { flake8; mypy src; }", words: [["cd", "docs"], ["make", "html"], ["flake8"], ["mypy", "src"]]),
        Case(text: "echo \"$(git rev-parse HEAD)\" `date -u`", words: [["git", "rev-parse", "HEAD"], ["date", "-u"], ["echo", "$(git rev-parse HEAD)", "`date -u`"]]),
        Case(text: "v=$(python -c 'print(1)' | tr -d x)", words: [["python", "-c", "print(1)"], ["tr", "-d", "x"]]),
        Case(text: "sh -c 'pytest -x && mypy .'", words: [["pytest", "-x"], ["mypy", "."]]),
        Case(text: "bash -euo pipefail -c \"make test\"", words: [["make", "test"]]),
        Case(text: "bash scripts/ci.sh --fast", words: [["bash", "scripts/ci.sh", "--fast"]]),
        Case(text: "exec nohup time sudo -u ci -E pytest", words: [["pytest"]]),
        Case(text: "env -i A=1 B=2 python train.py", words: [["python", "train.py"]]),
        Case(text: "python -m pytest -q", words: [["pytest", "-q"]]),
        Case(text: "python3 -u -W ignore -m pip install -e \".[training]\"", words: [["pip", "install", "-e", ".[training]"]]),
        Case(text: "python3.11 -mpytest", words: [["pytest"]]),
        Case(text: "coverage run --source src -m pytest tests", words: [["pytest", "tests"]]),
        Case(text: "coverage run -p --rcfile=.coveragerc -m unittest discover", words: [["unittest", "discover"]]),
        Case(text: "coverage run train.py && coverage report -m", words: [["coverage", "run", "train.py"], ["coverage", "report", "-m"]]),
        Case(text: "python -c 'import x' && python train.py", words: [["python", "-c", "import x"], ["python", "train.py"]]),
        Case(text: "uv run --extra dev pytest", words: [["pytest"]]),
        Case(text: "uv sync --all-extras", words: [["uv", "sync", "--all-extras"]]),
        Case(text: "poetry run python -m pytest; pdm run lint; hatch -e test run cov; pipenv run pytest", words: [["pytest"], ["lint"], ["cov"], ["pytest"]]),
        Case(text: "conda run -n ml --no-capture-output python train.py", words: [["python", "train.py"]]),
        Case(text: "npx -y prettier --check . && pnpm exec eslint src", words: [["prettier", "--check", "."], ["eslint", "src"]]),
        Case(text: "echo 'add pytest later'", words: [["echo", "add pytest later"]]),
        Case(text: "printf '%s\\n' pytest", words: [["printf", "%s\\n", "pytest"]]),
        Case(text: "cat <<EOF > x.py\nimport pytest\npytest.main()\nEOF\nmake test", words: [["cat"], ["make", "test"]]),
        Case(text: "cat <<-'END'\n\tpytest\n\tEND\nls", words: [["cat"], ["ls"]]),
        Case(text: "python - <<< 'print(1)'", words: [["python", "-"]]),
        Case(text: "pytest ${{ matrix.args }} -k \"${{ inputs.filter || 'a b' }}\"", words: [["pytest", "${{ matrix.args }}", "-k", "${{ inputs.filter || 'a b' }}"]]),
        Case(text: "pytest > out.txt 2>&1 < /dev/null; make &> log", words: [["pytest"], ["make"]]),
        Case(text: "echo ${VAR:-a b} $((1 + 2))", words: [["echo", "${VAR:-a b}", "$((1 + 2))"]]),
        Case(text: "if [ -f x ]; then pytest; else echo no; fi", words: [["[", "-f", "x", "]"], ["pytest"], ["echo", "no"]]),
        Case(text: "for f in *.py; do flake8 $f; done", words: [["flake8", "$f"]]),
        Case(text: "case $X in a|b) pytest ;; *) make ;; esac", words: [["pytest"], ["make"]]),
        Case(text: "f() { pytest; }; f", words: [["pytest"], ["f"]]),
        Case(text: "diff <(sort a) b", words: [["sort", "a"], ["diff", "<(sort a)", "b"]]),
        Case(text: "echo $'a\\'b'", words: [["echo", "a'b"]]),
        Case(text: "\"make\" 'test'", words: [["make", "test"]]),
    ])
    func readsCommands(_ example: Case) {
        let read = ShellCommandLine(example.text)
        #expect(read.commands.map(\.words) == example.words)
        #expect(read.problems.isEmpty, "\(read.problems)")
    }

    @Test func assignmentsArePartOfTheCommandNotItsWords() {
        let read = ShellCommandLine("CUDA_VISIBLE_DEVICES=0 PYTHONPATH=\"src:$X\" pytest\nexport A=1\nB=2\n\"C=3\" run")
        #expect(read.commands.map(\.words) == [["pytest"], ["export", "A=1"], ["C=3", "run"]])
        #expect(read.commands[0].assignments == ["CUDA_VISIBLE_DEVICES=0", "PYTHONPATH=src:$X"])
        #expect(read.commands[1].assignments.isEmpty)
        #expect(ShellCommandLine("env FOO=1 make test").commands[0].assignments == ["FOO=1"])
    }

    @Test func prefixesAreKeptAsWritten() {
        let prefixes = { (text: String) in ShellCommandLine(text).commands.map(\.prefixes) }
        #expect(prefixes("uv run --with pytest python -m pytest") == [["uv run --with pytest", "python -m"]])
        #expect(prefixes("conda run -n ml python train.py") == [["conda run -n ml"]])
        #expect(prefixes("sudo -E bash -c 'make test'") == [["sudo -E", "bash -c"]])
        #expect(prefixes("npx jest; pnpm exec vitest") == [["npx"], ["pnpm exec"]])
        #expect(prefixes("time pytest") == [["time"]])
        #expect(prefixes("uv run coverage run -m pytest") == [["uv run", "coverage run -m"]])
    }

    @Test func cdMovesTheCommandsAfterIt() {
        let read = ShellCommandLine("cd src && make\ncd ../docs; make html\n(cd /tmp && ls)\npwd\ncd app/./x/.. || exit 1\nbash -c 'cd sub && t'\nu")
        #expect(read.commands.map(\.words) == [["cd", "src"], ["make"], ["cd", "../docs"], ["make", "html"], ["cd", "/tmp"], ["ls"],
                                               ["pwd"], ["cd", "app/./x/.."], ["exit", "1"], ["cd", "sub"], ["t"], ["u"]])
        #expect(read.commands.map(\.directory) == [nil, "src", "src", "docs", "docs", "/tmp", "docs", "docs", "docs/app", "docs/app",
                                                   "docs/app/sub", "docs/app"])
    }

    @Test func positionsAreLinesAndColumnsOfTheText() {
        let read = ShellCommandLine("pip install -e .\n  pytest -q \\\n    tests && \\\n  mypy\nbash -c \"echo x\n  flake8\"", firstLine: 10)
        #expect(read.commands.map(\.line) == [10, 11, 13, 14, 15])
        #expect(read.commands.map(\.column) == [1, 3, 3, 10, 3])
        #expect(read.commands.map(\.words.first) == ["pip", "pytest", "mypy", "echo", "flake8"])
        #expect(read.commands[1].text == "pytest -q \\\n    tests")
    }

    @Test(arguments: [
        ("echo 'add pytest", 1, "unterminated single quote"),
        ("ls\necho \"a $(b", 2, "unterminated double quote"),
        ("a\n(b", 2, "'(' is not closed"),
        ("a )", 1, "unmatched ')'"),
        ("x `y", 1, "unterminated backtick"),
        ("cat <<EOF\nbody", 1, "here-document <<EOF is not terminated"),
        ("cat <<EOF", 1, "here-document <<EOF has no body"),
        ("echo ${{ x", 1, "unterminated ${{ expression"),
    ])
    func oddInputYieldsCommandsAndProblems(text: String, line: Int, message: String) {
        let read = ShellCommandLine(text)
        #expect(!read.commands.isEmpty)
        #expect(read.problems.contains(CommandProblem(line: line, message: message)), "\(read.problems)")
    }

    @Test func unterminatedQuoteKeepsTheRestAsOneWord() {
        let read = ShellCommandLine("pytest\necho 'add pytest\nlater")
        #expect(read.commands.map(\.words) == [["pytest"], ["echo", "add pytest\nlater"]])
        #expect(read.problems == [CommandProblem(line: 2, message: "unterminated single quote")])
    }

    @Test func nestingIsBoundedNotRecursedWithoutEnd() {
        // Quoted nesting doubles its backslashes every other level; 12 levels against a limit of 4.
        var text = "pytest"
        for level in 0..<12 {
            text = level % 2 == 0 ? "sh -c \"\(text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
                : "sh -c '\(text.replacingOccurrences(of: "'", with: "'\\''"))'"
        }
        var limits = ShellCommandLine.Limits()
        limits.maxDepth = 4
        let limited = ShellCommandLine(text, limits: limits)
        #expect(limited.commands.isEmpty)
        #expect(limited.problems == [CommandProblem(line: 1, message: "nesting deeper than 4 levels: not read")])
        #expect(ShellCommandLine(text).commands.map(\.words) == [["pytest"]])
        #expect(ShellCommandLine(text).commands.first?.prefixes.count == 12)
        // Nesting through `$( … )` needs no escaping, so 500 levels are short; each level is read as a word and as
        // commands, which would double the work per level without the bound on text read again.
        let deep = String(repeating: "sh -c \"$(", count: 500) + "pytest" + String(repeating: ")\"", count: 500)
        let start = Date()
        let read = ShellCommandLine(deep)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(read.problems.contains { $0.message == "nesting deeper than 64 levels: not read" })
        let shallow = ShellCommandLine("sh -c \"bash -c 'sh -c \\\"pytest -q\\\"'\"")
        #expect(shallow.commands.map(\.words) == [["pytest", "-q"]])
        #expect(shallow.commands[0].prefixes == ["sh -c", "bash -c", "sh -c"])

        let parentheses = ShellCommandLine(String(repeating: "(", count: 100_000) + "make" + String(repeating: ")", count: 100_000))
        #expect(parentheses.commands.map(\.words) == [["make"]])
        #expect(parentheses.problems == [CommandProblem(line: 1, message: "nesting deeper than 64 levels: read flat")])
        let substitutions = ShellCommandLine(String(repeating: "$(", count: 100_000) + "make" + String(repeating: ")", count: 100_000))
        // Each level runs the output of the level inside it as a command: 64 levels and the top one.
        #expect(substitutions.commands.count == 65)
        #expect(substitutions.problems.contains { $0.message == "nesting deeper than 64 levels: not read" })
    }

    @Test func hugeInputIsCutWithAProblem() {
        var limits = ShellCommandLine.Limits()
        limits.maxBytes = 1000
        let read = ShellCommandLine(String(repeating: "make test\n", count: 500), limits: limits)
        #expect(read.commands.count == 100)
        #expect(read.problems == [CommandProblem(line: 101, message: "input is 5000 bytes; only the first 1000 are read")])
        limits.maxCommands = 10
        let many = ShellCommandLine(String(repeating: "a;", count: 50), limits: limits)
        #expect(many.commands.count == 10 && many.problems.count == 1)
    }

    @Test func nonUTF8BytesAreReadLossily() {
        let bytes = Data("pytest -k ".utf8) + Data([0xff, 0xfe, 0x80]) + Data(" && make\n".utf8)
        let read = ShellCommandLine(CommandText.decode(bytes))
        #expect(read.commands.map(\.words) == [["pytest", "-k", "\u{FFFD}\u{FFFD}\u{FFFD}"], ["make"]])
    }
}

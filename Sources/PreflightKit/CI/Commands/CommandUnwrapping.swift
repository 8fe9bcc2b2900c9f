/// Takes a simple command's words apart: leading `NAME=value` assignments, then the wrappers that run another
/// command (`env`, `sudo`, `time`, `nohup`, `exec`, `python -m`, `coverage run -m`, `uv run`, `conda run -n env`,
/// `npx`, …), leaving
/// the words of what really runs, or the string an `sh -c` runs.
struct CommandUnwrapping {
    private(set) var words: ArraySlice<ShellWord>
    private(set) var assignments: [ShellWord] = []
    /// Each wrapper's words as written, outermost first.
    private(set) var prefixes: [String] = []
    /// The command string of `sh -c STRING`, and the wrapper as written (`bash -c`).
    private(set) var script: ShellWord?
    private(set) var shellPrefix: String?

    init(words: ArraySlice<ShellWord>) { self.words = words }

    /// A wrapper: its name, the subcommand that makes it one (`run` of `uv run`), options that take a value.
    private struct Runner {
        var subcommand: String?
        var valued: Set<String> = []
    }

    private static let runners: [String: Runner] = [
        "uv": Runner(subcommand: "run", valued: ["--with", "--with-requirements", "--extra", "--group", "--only-group", "--python", "-p",
                                                  "--project", "--directory", "--package", "--env-file", "--index", "--index-url", "--no-extra"]),
        "uvx": Runner(valued: ["--from", "--with", "--python", "-p", "--index-url"]),
        "poetry": Runner(subcommand: "run", valued: ["-C", "--directory", "-P", "--project"]),
        "pdm": Runner(subcommand: "run", valued: ["-p", "--project", "-G", "--group"]),
        "hatch": Runner(subcommand: "run", valued: ["-e", "--env"]),
        "pipenv": Runner(subcommand: "run"),
        "conda": Runner(subcommand: "run", valued: ["-n", "--name", "-p", "--prefix", "--cwd"]),
        "mamba": Runner(subcommand: "run", valued: ["-n", "--name", "-p", "--prefix", "--cwd"]),
        "micromamba": Runner(subcommand: "run", valued: ["-n", "--name", "-p", "--prefix", "--cwd"]),
        "npx": Runner(valued: ["-p", "--package"]),
        "pnpm": Runner(subcommand: "exec", valued: ["-C", "--dir", "--filter", "-F"]),
        "env": Runner(valued: ["-u", "--unset", "-C", "--chdir", "-S"]),
        "sudo": Runner(valued: ["-u", "-g", "-p", "-C", "-h", "-U", "-r", "-t", "-D", "--user", "--group"]),
        "time": Runner(valued: ["-f", "-o", "--format", "--output"]),
        "nohup": Runner(),
        "exec": Runner(valued: ["-a"]),
    ]

    private static let shells: Set<String> = ["sh", "bash", "zsh", "dash", "ksh", "ash"]

    mutating func run() {
        takeAssignments()
        // Each round removes at least one word, so this ends; the bound only keeps `sudo sudo sudo …` cheap.
        for _ in 0..<32 {
            guard let head = words.first else { return }
            let name = Self.baseName(head.string)
            if Self.shells.contains(name) {
                shell()
                return
            }
            if Self.isPython(name) {
                guard python() else { return }
                continue
            }
            if name == "coverage" {
                guard coverage() else { return }
                continue
            }
            guard let runner = Self.runners[name], unwrap(runner) else { return }
            if name == "env" { takeAssignments() }
        }
    }

    private mutating func takeAssignments() {
        while let first = words.first, first.isAssignment {
            assignments.append(first)
            words = words.dropFirst()
        }
    }

    /// Removes the wrapper and its options when `words` starts with it; false when it does not (`uv sync`).
    private mutating func unwrap(_ runner: Runner) -> Bool {
        var rest = words.dropFirst()
        var taken = [words.first!.string]
        if let subcommand = runner.subcommand {
            // Options before the subcommand: `hatch -e test run …`.
            while let option = rest.first?.string, option.hasPrefix("-"), option != subcommand {
                rest = rest.dropFirst()
                taken.append(option)
                if runner.valued.contains(option), let value = rest.first { taken.append(value.string); rest = rest.dropFirst() }
            }
            guard rest.first?.string == subcommand, !(rest.first?.isQuoted ?? true) else { return false }
            taken.append(subcommand)
            rest = rest.dropFirst()
        }
        while let option = rest.first?.string, option.hasPrefix("-"), option.count > 1 {
            rest = rest.dropFirst()
            if option == "--" { break }
            taken.append(option)
            if runner.valued.contains(option), let value = rest.first { taken.append(value.string); rest = rest.dropFirst() }
        }
        words = rest
        prefixes.append(taken.joined(separator: " "))
        return true
    }

    /// `python -m X args` becomes `X args`; true when it did.
    private mutating func python() -> Bool {
        var rest = words.dropFirst()
        var taken = [words.first!.string]
        while let option = rest.first?.string, option.hasPrefix("-"), option.count > 1 {
            rest = rest.dropFirst()
            if option == "-m" {
                guard !rest.isEmpty else { return false }
                taken.append(option)
                words = rest
                prefixes.append(taken.joined(separator: " "))
                return true
            }
            if option.hasPrefix("-m") {
                // `-mpytest`
                var module = words.first!
                module.scalars = Array(option.unicodeScalars.dropFirst(2))
                module.offsets = Array(repeating: module.start, count: module.scalars.count)
                taken.append("-m")
                words = [module] + rest
                prefixes.append(taken.joined(separator: " "))
                return true
            }
            if option == "-c" || option.hasPrefix("--") && option != "--" { return false }
            taken.append(option)
            if option == "-W" || option == "-X", let value = rest.first { taken.append(value.string); rest = rest.dropFirst() }
        }
        return false
    }

    /// `coverage run [options] -m X args` becomes `X args`; true when it did. `coverage run script.py` stays as it is:
    /// the script is not a program of its own.
    private mutating func coverage() -> Bool {
        let valued: Set<String> = ["--source", "--include", "--omit", "--rcfile", "--context", "--concurrency", "--data-file", "--debug"]
        var rest = words.dropFirst()
        var taken = [words.first!.string]
        while let option = rest.first?.string, option.hasPrefix("-"), option != "run" {
            rest = rest.dropFirst()
            taken.append(option)
            if option == "--rcfile", let value = rest.first { taken.append(value.string); rest = rest.dropFirst() }
        }
        guard rest.first?.string == "run", !(rest.first?.isQuoted ?? true) else { return false }
        taken.append("run")
        rest = rest.dropFirst()
        while let option = rest.first?.string, option.hasPrefix("-"), option.count > 1 {
            rest = rest.dropFirst()
            taken.append(option)
            if option == "-m" {
                guard !rest.isEmpty else { return false }
                words = rest
                prefixes.append(taken.joined(separator: " "))
                return true
            }
            if valued.contains(option), let value = rest.first { taken.append(value.string); rest = rest.dropFirst() }
        }
        return false
    }

    /// `sh -c STRING`, `bash -euo pipefail -c STRING`: the string is what runs. Without `-c` the shell runs a file.
    private mutating func shell() {
        var rest = words.dropFirst()
        var taken = [words.first!.string]
        var runsString = false
        while let option = rest.first?.string, option.hasPrefix("-") || option.hasPrefix("+"), option.count > 1 {
            rest = rest.dropFirst()
            taken.append(option)
            if option == "--" { break }
            if option.hasPrefix("--") { continue }
            let letters = option.dropFirst()
            if letters.contains("c") { runsString = true }
            if letters.contains("o"), let value = rest.first { taken.append(value.string); rest = rest.dropFirst() }
        }
        guard runsString, let string = rest.first else { return }
        script = string
        shellPrefix = "\(taken[0]) -c"
        words = []
    }

    static func baseName(_ word: String) -> String {
        word.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? word
    }

    /// `python`, `python3`, `python3.12`.
    static func isPython(_ name: String) -> Bool {
        guard name.hasPrefix("python") else { return false }
        return name.dropFirst(6).allSatisfy { $0 == "." || $0.isASCII && $0.isNumber }
    }
}

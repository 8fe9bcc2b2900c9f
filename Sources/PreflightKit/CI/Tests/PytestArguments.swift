/// A pytest command line (or `addopts`) read for what decides collection: the paths, what is ignored, the
/// configuration file and rootdir, `-o` overrides. A word after an option that takes a value is never a path.
struct PytestArguments: Sendable {
    var paths: [String] = []
    var ignores: [String] = []
    var ignoreGlobs: [String] = []
    var deselects: [String] = []
    var configFile: String?
    var rootdir: String?
    var overrides: [(name: String, value: String)] = []
    var pyargs = false
    var doctestModules = false
    /// `--nbmake`, `--nbval`, `--nbval-lax`: notebooks are collected too.
    var notebooks = false
    /// An option with which pytest runs no test (`--collect-only`, `--fixtures`, `--version`), as written.
    var runsNothing: String?
    /// Words after an option pytest does not know to take a value: a path when the repository has it.
    var ambiguous: [String] = []

    /// Options of pytest and its common plugins (xdist, cov, timeout, rerunfailures, html, split, …) that take a
    /// value, given as `--name value` or `--name=value`.
    static let valued: Set<String> = [
        "--ignore", "--ignore-glob", "--deselect", "--rootdir", "--config-file", "--inifile", "--confcutdir", "--basetemp",
        "--junitxml", "--junit-xml", "--junitprefix", "--junit-prefix", "--result-log", "--maxfail", "--tb", "--durations",
        "--durations-min", "--capture", "--color", "--code-highlight", "--import-mode", "--log-level", "--log-format",
        "--log-date-format", "--log-cli-level", "--log-cli-format", "--log-cli-date-format", "--log-file", "--log-file-mode",
        "--log-file-level", "--log-file-format", "--log-file-date-format", "--log-disable", "--override-ini",
        "--pythonwarnings", "--doctest-glob", "--doctest-report", "--pdbcls", "--assert", "--verbosity",
        "--cov", "--cov-report", "--cov-config", "--cov-fail-under", "--cov-context",
        "--numprocesses", "--maxprocesses", "--max-worker-restart", "--dist", "--tx", "--rsyncdir", "--rsyncignore",
        "--timeout", "--timeout-method", "--timeout_method", "--session-timeout",
        "--reruns", "--reruns-delay", "--only-rerun", "--rerun-except", "--html", "--css", "--json-report-file",
        "--report-log", "--alluredir", "--splits", "--group", "--splitting-algorithm", "--durations-path", "--count",
        "--repeat-scope", "--random-order-seed", "--random-order-bucket", "--randomly-seed", "--hypothesis-seed",
        "--hypothesis-profile", "--hypothesis-verbosity", "--benchmark-json", "--benchmark-save", "--benchmark-storage",
        "--benchmark-min-rounds", "--benchmark-columns", "--benchmark-sort", "--benchmark-group-by", "--ds", "--dc",
        "--base-url", "--driver", "--browser", "--asyncio-mode", "--md-report-output", "--junit-suite-name", "--env",
    ]
    /// Options with which pytest lists, shows or plans instead of running tests.
    static let listing: Set<String> = [
        "--collect-only", "--co", "--fixtures", "--funcargs", "--fixtures-per-test", "--markers", "--setup-plan",
        "--setup-only", "--version", "--help", "--cache-show",
    ]
    /// Short options that take a value, joined (`-kfast`, `-n4`) or as the next word: `-k` `-m` `-o` `-p` `-c` `-n`
    /// `-W` `-r`.
    static let shortValued: Set<Character> = ["k", "m", "o", "p", "c", "n", "W", "r"]

    init(_ words: some Sequence<String>) {
        var words = Array(words)[...]
        while let word = words.popFirst() {
            if word == "--" {
                paths += words
                return
            }
            if word.hasPrefix("--") {
                let (name, joined) = Self.split(word)
                if name == "--pyargs" { pyargs = true; continue }
                if name == "--doctest-modules" { doctestModules = true; continue }
                if ["--nbmake", "--nbval", "--nbval-lax"].contains(name) { notebooks = true; continue }
                if Self.listing.contains(name) { runsNothing = runsNothing ?? name; continue }
                if Self.valued.contains(name) {
                    guard let value = joined ?? words.popFirst() else { continue }
                    take(name, value)
                } else if joined == nil, let next = words.first, !next.hasPrefix("-") {
                    ambiguous.append(next)
                    words = words.dropFirst()
                }
                continue
            }
            if word.hasPrefix("-"), word.count > 1 {
                var letters = word.dropFirst()
                while let letter = letters.popFirst() {
                    if letter == "h" || letter == "V" { runsNothing = runsNothing ?? word }
                    guard Self.shortValued.contains(letter) else { continue }
                    let value = letters.isEmpty ? words.popFirst() : String(letters)
                    if let value { take("-" + String(letter), value) }
                    break
                }
                continue
            }
            if word != "-" { paths.append(word) }
        }
    }

    private mutating func take(_ option: String, _ value: String) {
        switch option {
        case "--ignore": ignores.append(value)
        case "--ignore-glob": ignoreGlobs.append(value)
        case "--deselect": deselects.append(value)
        case "--rootdir": rootdir = value
        case "-c", "--config-file", "--inifile": configFile = value
        case "-o", "--override-ini":
            if let equals = value.firstIndex(of: "=") {
                overrides.append((String(value[..<equals]), String(value[value.index(after: equals)...])))
            }
        default: break
        }
    }

    /// `--name=value` as the name and the value; `--name` as the name alone.
    private static func split(_ word: String) -> (String, String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    /// Takes the words after unknown options that name an existing path as paths; the others were values.
    mutating func adoptExistingPaths(_ exists: (String) -> Bool) {
        paths += ambiguous.filter(exists)
        ambiguous = []
    }

    /// The command line after `addopts`, as pytest joins them: options and paths of both count.
    mutating func prepend(_ other: PytestArguments) {
        paths = other.paths + paths
        ignores = other.ignores + ignores
        ignoreGlobs = other.ignoreGlobs + ignoreGlobs
        deselects = other.deselects + deselects
        overrides = other.overrides + overrides
        pyargs = pyargs || other.pyargs
        doctestModules = doctestModules || other.doctestModules
        notebooks = notebooks || other.notebooks
        runsNothing = other.runsNothing ?? runsNothing
        rootdir = rootdir ?? other.rootdir
    }
}

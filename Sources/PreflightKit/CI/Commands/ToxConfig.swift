import Foundation

/// A tox configuration as the commands its environments run: tox.ini or setup.cfg (INI, `[tox]`/`[tox:tox]`,
/// `[testenv]`, `[testenv:NAME]`), pyproject.toml (`[tool.tox]` with `legacy_tox_ini`, or native tables) and
/// tox.toml (`env_list`, `[env_run_base]`, `[env.NAME]`).
struct ToxConfig {
    /// One command an environment runs.
    struct Command: Hashable {
        var action: FollowedStep.Action
        var line: Int
    }

    /// What an environment runs: `commands_pre`, `commands`, `commands_post`, and its `changedir`.
    struct Environment {
        var commands: [Command] = []
        /// The directory its commands run in, relative to the tox file's directory; nil for that directory.
        var changedir: String?
    }

    private enum Source {
        case ini(ToxIni, main: String)
        case toml(DataNode)
    }

    private let source: Source
    /// The names of `env_list`/`envlist`, brace lists expanded.
    let envList: [String]
    /// The environments `[gh-actions]` maps Python versions to, each once, in order.
    let ghActionsEnvs: [String]
    /// The environments of each label (`labels` of the core settings), for `tox -m LABEL`.
    let labels: [String: [String]]
    var problems: [CommandProblem] = []
    private var sectionNames: [String: Int] = [:]

    static let maxNames = 1000

    /// Reads the tox configuration of `text`, the file at `path`; nil when the file holds none.
    init?(path: String, text: String) {
        let (text, cut) = TaskFiles.bounded(text)
        var problems = cut
        let name = path.split(separator: "/").last.map(String.init) ?? path
        switch name {
        case "pyproject.toml", "tox.toml":
            let (document, unread) = TaskFiles.document(text, path: name)
            problems += unread
            guard let document else {
                if name == "pyproject.toml" { return nil }
                self.init(toml: .map([], line: 1), problems: problems)
                return
            }
            let root = name == "pyproject.toml" ? document["tool"]?["tox"] : document
            guard let root else { return nil }
            if let legacy = root["legacy_tox_ini"], let ini = legacy.string {
                let start = legacy.line ?? 1
                // A newline right after the opening quotes is dropped by TOML, so the text starts a line below.
                let opening = text.split(separator: "\n", maxSplits: start, omittingEmptySubsequences: false).dropFirst(start - 1).first ?? ""
                let firstLine = opening.trimmingCharacters(in: .whitespaces).hasSuffix("\"\"\"") || opening.hasSuffix("'''") ? start + 1 : start
                self.init(ini: ToxIni(ini, firstLine: firstLine), main: "tox", problems: problems)
            } else {
                self.init(toml: root, problems: problems)
            }
        case "setup.cfg":
            let ini = ToxIni(text)
            guard ini.sections.contains(where: { $0.name == "tox:tox" || $0.name == "testenv" || $0.name.hasPrefix("testenv:") }) else { return nil }
            self.init(ini: ini, main: "tox:tox", problems: problems)
        default:
            self.init(ini: ToxIni(text), main: "tox", problems: problems)
        }
    }

    private init(ini: ToxIni, main: String, problems: [CommandProblem]) {
        source = .ini(ini, main: main)
        self.problems = problems
        let list = ini.section(main).flatMap { $0.entry("envlist") ?? $0.entry("env_list") }
        envList = Self.expandList(list?.lines.map(\.text).joined(separator: ",") ?? "")
        var labels: [String: [String]] = [:]
        for line in ini.section(main)?.entry("labels")?.lines ?? [] {
            guard let equals = line.text.firstIndex(of: "=") else { continue }
            let label = line.text[..<equals].trimmingCharacters(in: .whitespaces)
            labels[label, default: []] += Self.expandList(String(line.text[line.text.index(after: equals)...]))
        }
        self.labels = labels
        var mapped: [String] = []
        if let python = ini.section("gh-actions")?.entry("python") {
            for line in python.lines where line.text.contains(":") {
                let envs = line.text[line.text.index(after: line.text.firstIndex(of: ":")!)...]
                mapped += Self.expandList(String(envs))
                if mapped.count >= Self.maxNames { break }
            }
        }
        var seen: Set<String> = []
        ghActionsEnvs = mapped.filter { seen.insert($0).inserted }
        // Generative section names (`[testenv:py{39,310}]`) expand to at most `maxNames` in all.
        var named = 0
        for (index, section) in ini.sections.enumerated() where section.name.hasPrefix("testenv:") && named < Self.maxNames * 10 {
            for env in Self.expandList(String(section.name.dropFirst(8))) { sectionNames[env] = index; named += 1 }
        }
    }

    private init(toml root: DataNode, problems: [CommandProblem]) {
        source = .toml(root)
        self.problems = problems
        envList = ((root["env_list"] ?? root["envlist"])?.strings ?? []).flatMap { Self.expandList($0) }
        ghActionsEnvs = []
        var labels: [String: [String]] = [:]
        if case .map(let pairs, _)? = root["labels"] {
            for (label, envs) in pairs { labels[label] = envs.strings.flatMap { Self.expandList($0) } }
        }
        self.labels = labels
    }

    /// Whether the file declares `env` itself (a section or table of its own), not only through the base.
    func declares(_ env: String) -> Bool {
        switch source {
        case .ini: return sectionNames[env] != nil
        case .toml(let root): return root["env"]?[env] != nil
        }
    }

    /// Whether the file has a base every environment inherits (`[testenv]`, `env_run_base`).
    var hasBase: Bool {
        switch source {
        case .ini(let ini, _): return ini.section("testenv") != nil
        case .toml(let root): return root["env_run_base"] != nil
        }
    }

    /// What `env` runs.
    /// What `env` runs. Each line read and each substitution costs `budget`, shared by the environments of one
    /// reading, so that references between sections stay linear-ish; past it, nothing more is read.
    func environment(_ env: String, budget: inout Int) -> Environment {
        switch source {
        case .ini(let ini, _): return iniEnvironment(env, ini, budget: &budget)
        case .toml(let root): return tomlEnvironment(env, root, budget: &budget)
        }
    }

    // MARK: INI

    private func iniEntry(_ ini: ToxIni, env: String, keys: [String]) -> ToxIni.Entry? {
        let own = sectionNames[env].map { ini.sections[$0] }
        for section in [own, ini.section("testenv")].compactMap({ $0 }) {
            for key in keys { if let entry = section.entry(key) { return entry } }
        }
        return nil
    }

    private func iniEnvironment(_ env: String, _ ini: ToxIni, budget: inout Int) -> Environment {
        var environment = Environment()
        if let entry = iniEntry(ini, env: env, keys: ["changedir", "change_dir"]), let value = entry.lines.first?.text {
            environment.changedir = Self.changedir(substitute(value, env: env, ini: ini, toxinidir: "{toxinidir}", depth: 0, budget: &budget))
        }
        let toxinidir = Self.relativeToxinidir(from: environment.changedir)
        for key in ["commands_pre", "commands", "commands_post"] {
            guard let entry = iniEntry(ini, env: env, keys: [key]) else { continue }
            environment.commands += iniCommands(entry.lines, env: env, ini: ini, toxinidir: toxinidir, depth: 0, budget: &budget)
        }
        return environment
    }

    private func iniCommands(_ lines: [(text: String, line: Int)], env: String, ini: ToxIni, toxinidir: String, depth: Int,
                             budget: inout Int) -> [Command] {
        var logical: [(text: String, line: Int)] = []
        var pending: (text: String, line: Int)?
        for raw in lines {
            guard budget > 0 else { break }
            budget -= 1
            let text = Self.strippingComment(raw.text)
            if var open = pending {
                open.text += " " + text
                pending = open
            } else {
                pending = (text, raw.line)
            }
            if pending!.text.hasSuffix("\\") {
                pending!.text.removeLast()
            } else {
                logical.append(pending!)
                pending = nil
            }
        }
        if let pending { logical.append(pending) }
        let factors = env.split(separator: "-").map(String.init)
        var commands: [Command] = []
        for (text, line) in logical {
            var text = text.trimmingCharacters(in: .whitespaces)
            if let (condition, rest) = Self.factorCondition(text) {
                guard Self.matches(condition, factors: factors) else { continue }
                text = rest
            }
            if text.hasPrefix("{["), text.hasSuffix("}"), let close = text.firstIndex(of: "]"),
               !text[text.index(after: close)...].contains("{") {
                let section = String(text[text.index(text.startIndex, offsetBy: 2)..<close])
                let key = String(text[text.index(after: close)..<text.index(before: text.endIndex)])
                guard depth < 8 else { continue }
                if let entry = ini.section(section)?.entry(key.lowercased()) {
                    commands += iniCommands(entry.lines, env: env, ini: ini, toxinidir: toxinidir, depth: depth + 1, budget: &budget)
                }
                continue
            }
            text = substitute(text, env: env, ini: ini, toxinidir: toxinidir, depth: depth, budget: &budget)
            text = Self.strippingPrefixes(TaskFiles.collapsingSpaces(text))
            if !text.isEmpty { commands.append(Command(action: .shell(text), line: line)) }
        }
        return commands
    }

    /// tox's `{…}` substitutions, written plainly: positional arguments by their default, paths as seen from
    /// where the command runs, the Python of the environment as `python`.
    private func substitute(_ text: String, env: String, ini: ToxIni?, toxinidir: String, depth: Int, budget: inout Int) -> String {
        guard budget > 0 else { return "" }
        guard text.contains("{") else { return text }
        budget -= 1 + text.utf8.count / 64
        let characters = Array(text)
        // Each `{` paired with its `}` in one pass, so that unbalanced braces cost no rescans.
        var closes = [Int?](repeating: nil, count: characters.count)
        var opens: [Int] = []
        for (offset, character) in characters.enumerated() where offset == 0 || characters[offset - 1] != "\\" {
            if character == "{" { opens.append(offset) } else if character == "}", let open = opens.popLast() { closes[open] = offset }
        }
        var output = ""
        var index = 0
        while index < characters.count, budget > 0 {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, characters[index + 1] == "{" || characters[index + 1] == "}" {
                output.append(characters[index + 1])
                index += 2
                continue
            }
            guard character == "{", let close = closes[index] else {
                output.append(character)
                index += 1
                continue
            }
            let inner = String(characters[(index + 1)..<close])
            var after = close + 1
            let replacement: String
            switch inner {
            case "posargs", "env:PYTEST_ADDOPTS": replacement = ""
            case "toxinidir", "tox_root": replacement = toxinidir
            case "envname", "env_name": replacement = env
            case "envpython", "env_python": replacement = "python"
            case "envbindir", "env_bin_dir":
                replacement = ""
                if after < characters.count, characters[after] == "/" { after += 1 }
            case "/": replacement = "/"
            case ":": replacement = ":"
            default:
                if inner.hasPrefix("posargs:") {
                    replacement = depth < 8 ? substitute(String(inner.dropFirst(8)), env: env, ini: ini, toxinidir: toxinidir, depth: depth + 1, budget: &budget) : ""
                } else if inner.hasPrefix("env:") {
                    let rest = inner.dropFirst(4)
                    let fallback = rest.firstIndex(of: ":").map { String(rest[rest.index(after: $0)...]) } ?? ""
                    replacement = depth < 8 ? substitute(fallback, env: env, ini: ini, toxinidir: toxinidir, depth: depth + 1, budget: &budget) : ""
                } else if inner.hasPrefix("["), let ini, let bracket = inner.firstIndex(of: "]"),
                          let entry = ini.section(String(inner[inner.index(after: inner.startIndex)..<bracket]))?
                            .entry(String(inner[inner.index(after: bracket)...]).lowercased()) {
                    let value = entry.lines.map(\.text).joined(separator: " ")
                    budget -= value.utf8.count / 16
                    replacement = depth < 8 ? substitute(value, env: env, ini: ini, toxinidir: toxinidir, depth: depth + 1, budget: &budget) : ""
                } else {
                    replacement = "{" + inner + "}"
                }
            }
            budget -= replacement.utf8.count / 16
            output += replacement
            index = after
        }
        return output
    }

    // MARK: TOML

    private func tomlValue(_ root: DataNode, env: String, keys: [String]) -> DataNode? {
        for table in [root["env"]?[env], root["env_run_base"]].compactMap({ $0 }) {
            for key in keys { if let value = table[key] { return value } }
        }
        return nil
    }

    private func tomlEnvironment(_ env: String, _ root: DataNode, budget: inout Int) -> Environment {
        var environment = Environment()
        if let value = tomlValue(root, env: env, keys: ["change_dir", "changedir"])?.string {
            environment.changedir = Self.changedir(substitute(value, env: env, ini: nil, toxinidir: "{toxinidir}", depth: 0, budget: &budget))
        }
        let toxinidir = Self.relativeToxinidir(from: environment.changedir)
        for key in ["commands_pre", "commands", "commands_post"] {
            guard let value = tomlValue(root, env: env, keys: [key]) else { continue }
            for command in value.elements {
                guard budget > 0 else { break }
                budget -= 1
                guard case .list(let items, let line) = command else { continue }
                var words: [String] = []
                for item in items {
                    if let word = item.string {
                        if word == "{posargs}" { continue }
                        words.append(substitute(word, env: env, ini: nil, toxinidir: toxinidir, depth: 0, budget: &budget))
                    } else if item["replace"]?.string == "posargs" {
                        words += (item["default"]?.strings ?? []).map { substitute($0, env: env, ini: nil, toxinidir: toxinidir, depth: 0, budget: &budget) }
                    }
                }
                if !words.isEmpty { environment.commands.append(Command(action: .words(words), line: line ?? 1)) }
            }
        }
        return environment
    }

    // MARK: Text

    /// Everything from an unescaped `#` on is a comment in tox 4; `\#` is a `#`.
    static func strippingComment(_ text: String) -> String {
        var output = ""
        var escaped = false
        for character in text {
            if character == "#", !escaped { break }
            if escaped, character != "#" { output.append("\\") }
            escaped = character == "\\" && !escaped
            if !escaped { output.append(character) }
        }
        if escaped { output.append("\\") }
        return output.trimmingCharacters(in: .whitespaces)
    }

    /// `- pytest` (exit code ignored) and `! pytest` (inverted) run `pytest`.
    static func strippingPrefixes(_ text: String) -> String {
        var text = Substring(text)
        while let first = text.first, first == "-" || first == "!" {
            text = text.dropFirst().drop { $0 == " " || $0 == "\t" }
        }
        return String(text).trimmingCharacters(in: .whitespaces)
    }

    /// `py39,py310: pytest` as its condition and command; nil when the line has no condition.
    static func factorCondition(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":"), colon > text.startIndex else { return nil }
        let condition = text[..<colon]
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,!{}- ")
        guard condition.allSatisfy(allowed.contains), condition.first != " ", condition.first != "-" else { return nil }
        let rest = text[text.index(after: colon)...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return (condition.replacingOccurrences(of: " ", with: ""), rest.trimmingCharacters(in: .whitespaces))
    }

    /// Whether an environment with `factors` meets `condition`: any alternative (`a,b`) whose factors (`a-b`)
    /// all hold, `!a` holding when `a` is not a factor.
    static func matches(_ condition: String, factors: [String]) -> Bool {
        expandList(condition).contains { alternative in
            alternative.split(separator: "-").allSatisfy { factor in
                factor.hasPrefix("!") ? !factors.contains(String(factor.dropFirst())) : factors.contains(String(factor))
            }
        }
    }

    /// `py{38,39}-django, lint` as `py38-django`, `py39-django`, `lint`: commas and newlines outside braces
    /// separate names, brace lists multiply; at most `maxNames`.
    static func expandList(_ text: String) -> [String] {
        var names: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 } else if character == "}" { depth = max(0, depth - 1) }
            if depth == 0, character == "," || character == "\n" {
                names += expand(current.trimmingCharacters(in: .whitespaces), limit: maxNames - names.count, depth: 0)
                current = ""
            } else {
                current.append(character)
            }
            if names.count >= maxNames { return names }
        }
        names += expand(current.trimmingCharacters(in: .whitespaces), limit: maxNames - names.count, depth: 0)
        return Array(names.prefix(maxNames))
    }

    private static func expand(_ text: String, limit: Int, depth: Int) -> [String] {
        guard !text.isEmpty, limit > 0 else { return [] }
        guard depth < 16, let open = text.firstIndex(of: "{"), let close = matchingBrace(text, from: open) else {
            return [text.replacingOccurrences(of: " ", with: "")]
        }
        let prefix = text[..<open]
        let suffix = text[text.index(after: close)...]
        var options: [String] = []
        var current = ""
        var nesting = 0
        for character in text[text.index(after: open)..<close] {
            if character == "{" { nesting += 1 } else if character == "}" { nesting -= 1 }
            if nesting == 0, character == "," {
                options.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        options.append(current)
        var names: [String] = []
        for option in options {
            names += expand(prefix + option.trimmingCharacters(in: .whitespaces) + suffix, limit: limit - names.count, depth: depth + 1)
            if names.count >= limit { break }
        }
        return names
    }

    /// The `}` that closes the `{` at `open`; nil when none does.
    static func matchingBrace(_ text: String, from open: String.Index) -> String.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
            if text[index] == "{" { depth += 1 } else if text[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// A `changedir` value as a path relative to the tox file's directory; nil when it is somewhere tox makes
    /// (`{envtmpdir}`) or absolute.
    static func changedir(_ value: String) -> String? {
        var value = value
        if value == "{toxinidir}" { return "." }
        if value.hasPrefix("{toxinidir}/") { value = String(value.dropFirst(12)) }
        guard !value.isEmpty, !value.hasPrefix("/"), !value.contains("{"), !value.contains("$") else { return nil }
        return value
    }

    /// `{toxinidir}` as seen from `changedir`: `.` or `..` for each directory down.
    static func relativeToxinidir(from changedir: String?) -> String {
        guard let changedir, let normal = TaskFiles.join("", changedir), normal != "." else { return "." }
        return normal.split(separator: "/").map { _ in ".." }.joined(separator: "/")
    }
}

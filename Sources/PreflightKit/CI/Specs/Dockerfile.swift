import Foundation

/// A Dockerfile as the commands it declares: its stages, and in each the RUN instructions (run by `docker build`)
/// and the CMD / ENTRYPOINT a container of the image runs. Read as BuildKit reads it: parser directives
/// (`# escape=`), line continuations, comment lines (also inside a continuation), heredocs (`RUN <<EOF`), exec
/// form (a JSON array) and shell form, `SHELL`.
struct Dockerfile {
    static let maxBytes = 4 << 20

    struct Instruction: Sendable, Hashable {
        /// The keyword, upper case: `RUN`, `CMD`, `FROM`.
        var keyword: String
        /// What follows the keyword on its logical line, continuations joined, flags (`--mount=…`) kept.
        var arguments: String
        /// The bodies of its heredocs, in order.
        var heredocs: [String] = []
        var line: Int
        /// The index of the stage it belongs to; -1 before the first `FROM` (`ARG`).
        var stage: Int
    }

    struct Stage: Sendable, Hashable {
        /// The image or earlier stage it starts from.
        var base: String
        /// Its `AS` name, lower case; nil when unnamed.
        var name: String?
        var line: Int
    }

    private(set) var instructions: [Instruction] = []
    private(set) var stages: [Stage] = []
    private(set) var problems: [CommandProblem] = []
    /// The instructions of each stage, by index into `instructions`.
    private var members: [[Int]] = []
    /// The shell of each stage's shell form, from its last `SHELL` or the stage it starts from.
    private var shells: [[String]] = []
    private var named: [String: [Int]] = [:]

    init(_ text: String) {
        let (kept, cut) = CommandText.truncated(text, maxBytes: Self.maxBytes)
        var lines = kept.split(separator: "\n", omittingEmptySubsequences: false).map { $0.last == "\r" ? $0.dropLast() : $0 }
        if lines.last?.isEmpty == true { lines.removeLast() }
        var escape: Character = "\\"
        var number = 0
        // Parser directives: `# name=value` lines before anything else.
        while number < lines.count, let directive = Self.directive(lines[number]) {
            if directive.name == "escape", let character = directive.value.first, directive.value.count == 1,
               character == "`" || character == "\\" {
                escape = character
            }
            number += 1
        }
        while number < lines.count {
            let blank = lines[number].drop { $0 == " " || $0 == "\t" }
            if blank.isEmpty || blank.first == "#" {
                number += 1
                continue
            }
            let first = number
            var logical = ""
            var continued = true
            while continued, number < lines.count {
                var line = lines[number]
                number += 1
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                if trimmed.first == "#" || (trimmed.isEmpty && !logical.isEmpty) { continue }
                while line.last == " " || line.last == "\t" { line.removeLast() }
                if line.last == escape {
                    logical += line.dropLast()
                } else {
                    logical += line
                    continued = false
                }
            }
            let text = logical.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            let keywordEnd = text.firstIndex { $0 == " " || $0 == "\t" } ?? text.endIndex
            let keyword = text[..<keywordEnd].uppercased()
            let arguments = text[keywordEnd...].trimmingCharacters(in: .whitespaces)
            var instruction = Instruction(keyword: keyword, arguments: arguments, line: first + 1, stage: stages.count - 1)
            if ["RUN", "COPY", "ADD"].contains(keyword) {
                for (delimiter, stripsTabs) in Self.heredocMarkers(arguments) {
                    var body: [Substring] = []
                    var closed = false
                    while number < lines.count {
                        let line = lines[number]
                        number += 1
                        let content = stripsTabs ? line.drop { $0 == "\t" } : line[...]
                        if content == delimiter { closed = true; break }
                        body.append(content)
                    }
                    if !closed { problems.append(CommandProblem(line: first + 1, message: "heredoc \(delimiter) is not closed")) }
                    instruction.heredocs.append(body.joined(separator: "\n") + (body.isEmpty ? "" : "\n"))
                }
            }
            if keyword == "FROM" {
                let words = arguments.split(whereSeparator: { $0 == " " || $0 == "\t" }).filter { !$0.hasPrefix("--") }
                let name = words.count >= 3 && words[1].lowercased() == "as" ? words[2].lowercased() : nil
                stages.append(Stage(base: words.first.map(String.init) ?? "", name: name, line: first + 1))
                instruction.stage = stages.count - 1
            }
            instructions.append(instruction)
        }
        if let cut { problems.append(cut) }
        members = Array(repeating: [], count: stages.count)
        for (index, instruction) in instructions.enumerated() where instruction.stage >= 0 { members[instruction.stage].append(index) }
        for (index, stage) in stages.enumerated() {
            if let name = stage.name { named[name, default: []].append(index) }
            let own = members[index].last { instructions[$0].keyword == "SHELL" && Self.execForm(instructions[$0].arguments) != nil }
            if let own {
                shells.append(Self.execForm(instructions[own].arguments) ?? [])
            } else {
                shells.append(self.stage(named: stage.base, before: index).map { shells[$0] } ?? ["/bin/sh", "-c"])
            }
        }
    }

    private func instructions(of stage: Int) -> [Instruction] {
        members.indices.contains(stage) ? members[stage].map { instructions[$0] } : []
    }

    /// The index of the stage `reference` names (its name, or its number), if an earlier one.
    func stage(named reference: String, before limit: Int? = nil) -> Int? {
        let lower = reference.lowercased()
        let end = limit ?? stages.count
        if let indices = named[lower] {
            // The last stage of that name before `end`: a binary search, the indices being increasing.
            var low = 0, high = indices.count
            while low < high {
                let middle = (low + high) / 2
                if indices[middle] < end { low = middle + 1 } else { high = middle }
            }
            if low > 0 { return indices[low - 1] }
        }
        if let index = Int(reference), index >= 0, index < end { return index }
        return nil
    }

    /// The stages a build of `target` (its name; the last stage when nil) runs, as BuildKit does: the target and
    /// the stages it starts from, copies from or mounts, transitively. Nil when there is no such stage.
    func stagesBuilt(target: String? = nil) -> Set<Int>? {
        guard !stages.isEmpty else { return [] }
        guard let start = target.map({ stage(named: $0) }) ?? stages.count - 1 else { return nil }
        var built: Set<Int> = []
        var pending = [start]
        while let index = pending.popLast() {
            guard built.insert(index).inserted else { continue }
            var references = [stages[index].base]
            for instruction in instructions(of: index) {
                references += Self.flags(instruction.arguments).compactMap { flag in
                    if flag.hasPrefix("--from=") { return String(flag.dropFirst(7)) }
                    guard flag.hasPrefix("--mount=") else { return nil }
                    return flag.dropFirst(8).split(separator: ",").first { $0.hasPrefix("from=") }.map { String($0.dropFirst(5)) }
                }
            }
            pending += references.compactMap { stage(named: $0, before: index) }
        }
        return built
    }

    /// The RUN instructions a build of `target` runs, in file order, each as a step (via its stage's name).
    func runs(target: String? = nil) -> [FollowedStep] {
        let built = stagesBuilt(target: target) ?? []
        return instructions.filter { $0.keyword == "RUN" && built.contains($0.stage) }.map { run in
            FollowedStep(action(of: run, dropping: true), line: run.line, via: via(run.stage))
        }
    }

    /// What a container of the image built for `target` (the last stage when nil) runs when given no command:
    /// its ENTRYPOINT and CMD as Docker combines them, inherited from the stage it starts from; nil when the
    /// Dockerfile sets neither (the base image's then run).
    func defaultCommand(target: String? = nil) -> FollowedStep? {
        guard let start = target.map({ stage(named: $0) }) ?? (stages.isEmpty ? nil : stages.count - 1) else { return nil }
        var chain = [start]
        while let parent = stage(named: stages[chain[chain.count - 1]].base, before: chain[chain.count - 1]) { chain.append(parent) }
        var entrypoint: Instruction?
        var command: Instruction?
        for index in chain.reversed() {
            var commandInherited = command != nil
            for instruction in instructions(of: index) {
                if instruction.keyword == "ENTRYPOINT" {
                    entrypoint = instruction
                    if commandInherited { command = nil }
                } else if instruction.keyword == "CMD" {
                    command = instruction
                    commandInherited = false
                }
            }
        }
        guard let last = entrypoint.map({ entry in command.map { max($0.line, entry.line) } ?? entry.line }) ?? command?.line else { return nil }
        let via = via(start)
        guard let entrypoint else { return command.map { FollowedStep(action(of: $0), line: last, via: via) } }
        guard let command, let entryWords = Self.execForm(entrypoint.arguments) else {
            return FollowedStep(action(of: entrypoint), line: last, via: via)
        }
        let commandWords = Self.execForm(command.arguments) ?? shell(command.stage) + [command.arguments]
        return FollowedStep(.words(entryWords + commandWords), line: last, via: via)
    }

    private func via(_ stage: Int) -> [String] {
        stages.indices.contains(stage) ? stages[stage].name.map { [$0] } ?? [] : []
    }

    private func shell(_ stage: Int) -> [String] {
        shells.indices.contains(stage) ? shells[stage] : ["/bin/sh", "-c"]
    }

    /// An instruction's command: exec form as words, shell form as shell text (or the words of a `SHELL` that is
    /// not a POSIX shell). A heredoc-only RUN runs its body; `dropping` removes RUN's leading flags.
    private func action(of instruction: Instruction, dropping: Bool = false) -> FollowedStep.Action {
        var text = instruction.arguments
        if dropping {
            let flags = Self.flags(text)
            text = text.split(separator: " ", maxSplits: flags.count, omittingEmptySubsequences: true).dropFirst(flags.count)
                .joined(separator: " ").trimmingCharacters(in: .whitespaces)
        }
        if let words = Self.execForm(text) { return .words(words) }
        if !instruction.heredocs.isEmpty {
            let markers = Self.heredocMarkers(text)
            if markers.count == 1, text.hasPrefix("<<"), !text.contains(" ") {
                text = instruction.heredocs[0]
            } else {
                for (body, marker) in zip(instruction.heredocs, markers) { text += "\n" + body + marker.delimiter }
            }
        }
        let shell = shell(instruction.stage)
        let program = shell.first?.split(separator: "/").last.map(String.init) ?? ""
        return program.hasSuffix("sh") && shell.last == "-c" ? .shell(text) : .words(shell + [text])
    }

    /// The leading `--name=value` flags of an instruction's arguments.
    private static func flags(_ arguments: String) -> [Substring] {
        Array(arguments.split(separator: " ").prefix { $0.hasPrefix("--") })
    }

    /// A JSON array of strings (`["python", "train.py"]`); nil for anything else, which Docker reads as shell form.
    static func execForm(_ text: String) -> [String]? {
        guard text.hasPrefix("["), text.hasSuffix("]"),
              let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else { return nil }
        let words = array.compactMap { $0 as? String }
        return words.count == array.count ? words : nil
    }

    /// The heredocs `<<EOF`, `<<-EOF`, `<<"EOF"` an instruction opens, in order: words that are a marker, as
    /// BuildKit finds them (`$((1<<2))` is not one).
    private static func heredocMarkers(_ text: String) -> [(delimiter: String, stripsTabs: Bool)] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { word in
            guard word.hasPrefix("<<") else { return nil }
            var rest = word.dropFirst(2)
            let stripsTabs = rest.first == "-"
            if stripsTabs { rest = rest.dropFirst() }
            if let quote = rest.first, quote == "\"" || quote == "'" {
                guard rest.count > 2, rest.last == quote else { return nil }
                rest = rest.dropFirst().dropLast()
            }
            guard let first = rest.first, first.isLetter || first == "_",
                  rest.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            return (String(rest), stripsTabs)
        }
    }

    private static func directive(_ line: Substring) -> (name: String, value: String)? {
        guard line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { return nil }
        let name = line[line.index(after: line.startIndex)..<equals].trimmingCharacters(in: .whitespaces).lowercased()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter }) else { return nil }
        return (name, line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
    }
}

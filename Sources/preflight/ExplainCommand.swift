import ArgumentParser
import Foundation
import PreflightKit

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rubric item: what it means, why it matters, how to satisfy it, what evidence counts.",
        discussion: "Without an item id, lists the rubric's items."
    )

    @Argument(help: "An item id, such as monitor-4.")
    var item: String?

    @Option(help: "A bundled rubric name or a rubric file (default: the rubric ./preflight.yaml names, else ml-test-score).")
    var rubric: String?

    func run() throws {
        let rubric = try loadRubric()
        guard let id = item else {
            let width = max(10, rubric.items.map(\.id.count).max() ?? 0)
            for section in rubric.sections {
                print("\(section.title) (\(section.id))")
                for item in section.items {
                    print("  \(item.id + String(repeating: " ", count: width - item.id.count)) \(item.title)")
                }
            }
            return
        }
        guard let item = rubric.item(id), let section = rubric.section(of: id) else {
            throw PreflightError.unknownName(kind: "item", name: id, suggestion: Suggestion.closest(to: id, in: rubric.items.map(\.id)))
        }
        let scoring = rubric.scoring
        var lines = ["\(item.id): \(item.title)", "Section: \(section.title) (\(rubric.title))", "", "Why it matters:",
                     wrap(item.why), "", "How to satisfy it:", wrap(item.how)]
        if let rule = item.automated {
            lines += ["", "Evidence for \(Score.format(scoring.automatedPoints)) point (automated, run repeatedly):"]
            if let words = item.counts?.automated { lines.append(wrap(words.prefix(1).uppercased() + words.dropFirst() + ".")) }
            lines += rule.describe(indent: "  ")
        }
        if let rule = item.manual {
            lines += ["", "Evidence for \(Score.format(scoring.manualPoints)) point (manual, results documented):"]
            if let words = item.counts?.manual { lines.append(wrap(words.prefix(1).uppercased() + words.dropFirst() + ".")) }
            lines += rule.describe(indent: "  ")
        }
        let kinds = [item.automated, item.manual].compactMap { $0 }.flatMap(ProbeKinds.used(by:))
        var described: [String] = []
        for kind in kinds where !described.contains(kind.name) {
            if described.isEmpty { lines += ["", "What the probes count, and what to do when they find nothing:"] }
            described.append(kind.name)
            lines += ["  \(kind.name): holds when \(kind.documentation.holdsWhen)", "    when it does not: \(kind.documentation.remedy)"]
        }
        print(lines.joined(separator: "\n"))
    }

    /// The flag's rubric; else the one ./preflight.yaml names (with its parameters), as `gate .` would use.
    private func loadRubric() throws -> Rubric {
        if let rubric { return try RubricLoader.load(rubric) }
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let config = try ModelConfig.load(in: here, displayName: ModelConfig.fileName)
        return try RubricLoader.load(config.rubric ?? RubricLoader.defaultName, relativeTo: here, parameters: config.parameters)
    }

    private func wrap(_ text: String, width: Int = 100) -> String {
        var lines: [String] = [], line = " "
        for word in text.split(whereSeparator: \.isWhitespace) {
            if line.count + word.count + 1 > width { lines.append(line); line = " " }
            line += " " + word
        }
        return (lines + [line]).joined(separator: "\n")
    }
}

struct RubricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rubrics", abstract: "List the bundled rubrics.")

    func run() throws {
        for name in RubricLoader.bundledNames {
            let rubric = try RubricLoader.load(name)
            print("\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(rubric.title) — \(rubric.sections.count) sections, \(rubric.items.count) items")
        }
    }
}

/// The probe kinds' documentation, rendered for people: the README's table and `preflight probes`.
extension ProbeKinds {
    /// Each kind's name and documentation, in registry order.
    public static var documented: [(name: String, documentation: ProbeDocumentation)] {
        all.map { ($0.name, $0.documentation) }
    }

    /// The README's probe table, in Markdown.
    public static var markdownTable: String {
        var lines = ["| probe | example | holds when | when it does not |", "|---|---|---|---|"]
        for (name, documentation) in documented {
            let examples = documentation.examples.map { "`\($0)`" }.joined(separator: " · ")
            lines.append("| \(name) | \(examples) | \(documentation.holdsWhen) | \(documentation.remedy) |")
        }
        return lines.joined(separator: "\n")
    }

    /// The documentation of the kinds that `rule` uses, each once, in registry order.
    public static func used(by rule: Rule) -> [any ProbeKind.Type] {
        let names = Set(rule.probes.map(\.kind))
        return all.filter { names.contains($0.name) }
    }
}

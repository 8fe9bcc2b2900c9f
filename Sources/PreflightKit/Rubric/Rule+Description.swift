/// Plain-language descriptions of rules, for `preflight explain` and reports.
extension Rule {
    /// Indented lines, one per rule node.
    public func describe(indent: String = "") -> [String] {
        switch self {
        case .all(let rules): return ["\(indent)all of:"] + rules.flatMap { $0.describe(indent: indent + "  ") }
        case .any(let rules): return ["\(indent)any of:"] + rules.flatMap { $0.describe(indent: indent + "  ") }
        case .not(let rule): return ["\(indent)none of:"] + rule.describe(indent: indent + "  ")
        case .probe(let probe, _): return ["\(indent)- \(probe.summary)"]
        }
    }
}

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

extension Probe {
    /// One sentence saying what the probe looks for.
    public var summary: String {
        switch self {
        case .files(let probe):
            let count = probe.atLeast > 1 ? "at least \(probe.atLeast) " : "a "
            guard let pattern = probe.contains else { return "\(count)tracked file matching \(probe.files)" }
            return "\(count)line matching /\(pattern)/ in files \(probe.files)\(probe.inComments ? " (comments count)" : "")"
        case .key(let probe):
            return "key \(probe.key)\(probe.matches.map { " matching /\($0)/" } ?? "") in \(probe.files)"
        case .ci(let probe):
            var parts: [String] = []
            if let step = probe.step { parts.append("runs a step matching /\(step)/") }
            if let scheduled = probe.scheduled { parts.append(scheduled ? "on a schedule" : "not on a schedule") }
            if let pullRequest = probe.pullRequest { parts.append(pullRequest ? "on pull requests" : "not on pull requests") }
            return "a \(probe.system?.rawValue ?? "CI") pipeline that \(parts.joined(separator: ", "))"
        case .changed(let probe):
            return "a file matching \(probe.files) changed within \(Durations.render(probe.within))"
        case .owners(let probe):
            return "CODEOWNERS names an owner for every file matching \(probe.files)"
        case .attestation:
            return "a signed attestation that the test was run by hand, with its results documented"
        case .prometheus(let probe):
            return "in the live Prometheus, \(probe.question)"
        case .report(let probe):
            let check: String
            switch probe.check {
            case .passed: check = "passed every test, expectation or condition"
            case let .value(path, condition): check = "has \(path) \(condition)"
            }
            let age = probe.maxAge.map { ", at most \(Durations.render($0)) old" } ?? ""
            return "the newest \(probe.format.rawValue) report among \(probe.files) \(check)\(age)"
        }
    }
}

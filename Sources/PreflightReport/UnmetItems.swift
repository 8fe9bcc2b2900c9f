import Foundation
import PreflightKit

/// The items that did not earn their full points, each with a place in the repository to attach it to, as the
/// code-review formats (SARIF, annotations, Code Quality) need.
struct UnmetItem {
    enum Severity: Int, Comparable {
        /// Earned the manual level only.
        case partial
        /// Earned nothing.
        case missing
        /// Could not be evaluated (error or no data).
        case undecided

        static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

        /// What the item lacks, in the words of every code-review format.
        var summary: String {
            switch self {
            case .partial: "manual level only"
            case .missing: "no evidence"
            case .undecided: "could not be evaluated"
            }
        }

        /// SARIF's `level`.
        var sarifLevel: String {
            switch self {
            case .partial: "note"
            case .missing: "warning"
            case .undecided: "error"
            }
        }

        /// The GitHub Actions workflow command.
        var githubCommand: String {
            switch self {
            case .partial: "notice"
            case .missing: "warning"
            case .undecided: "error"
            }
        }

        /// GitLab Code Quality's `severity`.
        var gitlabSeverity: String {
            switch self {
            case .partial: "minor"
            case .missing: "major"
            case .undecided: "critical"
            }
        }
    }

    var item: ItemResult
    var severity: Severity
    var message: String
    /// Repository-relative path (always one: a file, else the repository root `.`) and line, when there is one.
    var path: String
    var line: Int?

    /// Unmet items in rubric order.
    static func list(_ evaluation: Evaluation) -> [UnmetItem] {
        evaluation.scorecard.items.compactMap { item in
            guard item.outcome != .notApplicable, item.points < item.maxPoints else { return nil }
            let severity: Severity = item.outcome == .error || item.outcome == .notAvailable ? .undecided
                : item.points > 0 ? .partial : .missing
            let found = item.evidenceSummary
            let problems = item.problems.isEmpty ? "" : " Problems: \(item.problemMessages.joined(separator: "; "))."
            let message = "\(item.id) \(item.title): \(severity.summary) — \(found).\(problems) How to satisfy it: \(item.how)"
            let (path, line) = place(for: item, in: evaluation)
            return UnmetItem(item: item, severity: severity, message: message, path: fromCheckout(path, evaluation), line: line)
        }
    }

    /// The first file a finding of the item names, else the rubric line when the rubric lives in the repository,
    /// else preflight.yaml, else the repository's README (or its root): code-scanning uploads refuse a result
    /// without a location.
    private static func place(for item: ItemResult, in evaluation: Evaluation) -> (String, Int?) {
        let findings = [item.automated, item.manual].compactMap { $0 }
        if let proof = findings.flatMap(allProofs).first(where: { $0.path != nil }), let path = proof.path {
            return (relative(path, evaluation), proof.line)
        }
        if let location = item.location, location.file.hasSuffix(".yaml") || location.file.hasSuffix(".yml") {
            return (relative(location.file, evaluation), location.line)
        }
        if let config = evaluation.config { return (relative(config, evaluation), evaluation.configLines[item.id] ?? 1) }
        return (fallbackPath(evaluation), nil)
    }

    /// README.md (or another README) at the repository root when there is one, else the root itself.
    static func fallbackPath(_ evaluation: Evaluation) -> String {
        let root = URL(fileURLWithPath: evaluation.repository.path)
        let readme = ["README.md", "README.rst", "README.txt", "README"].first { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
        return readme ?? "."
    }

    private static func allProofs(_ finding: Finding) -> [Proof] {
        finding.proofs + finding.children.flatMap(allProofs)
    }

    /// A repository given as a relative path (`models/wine`) is a directory of the checkout the CI job runs in, and
    /// GitHub, GitLab and code scanning place a file from the checkout's root: the path is put under it. A repository
    /// given as an absolute path keeps paths from its own root.
    static func fromCheckout(_ path: String, _ evaluation: Evaluation) -> String {
        var root = evaluation.repository.path
        if root.hasPrefix("./") { root = String(root.dropFirst(2)) }
        while root.hasSuffix("/") { root = String(root.dropLast()) }
        guard !root.isEmpty, root != ".", !root.hasPrefix("/"), !root.hasPrefix("~"), !root.contains("..") else { return path }
        return path == "." ? root : root + "/" + path
    }

    /// Report paths carry the repository path the user typed; code-review tools want paths from the repository root.
    static func relative(_ path: String, _ evaluation: Evaluation) -> String {
        let root = evaluation.repository.path
        guard root != ".", path.hasPrefix(root) else { return path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
        let rest = path.dropFirst(root.count)
        return String(rest.drop { $0 == "/" })
    }
}

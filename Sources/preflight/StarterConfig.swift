import Foundation
import PreflightKit

/// The preflight.yaml `preflight init` writes, and what it says of the repository afterwards.
struct StarterConfig {
    var layout: RepositoryLayout
    var name: String
    /// The final score under the bundled rubric today.
    var score: Double

    var text: String {
        var lines = [
            "# preflight.yaml, started by `preflight init` from what this repository holds. Edit it freely:",
            "# `preflight validate preflight.yaml` checks it, `preflight explain ITEM` says what an item asks for.",
            "version: 1",
            "model: { name: \(Self.quoted(name)) }            # add `version:` for the release being gated",
            "rubric: ml-test-score",
        ]
        if !layout.codeRoots.isEmpty {
            let globs = (layout.codeAtTop ? ["\"/*.py\""] : []) + layout.codeRoots.map { Self.quoted("\($0)/**/*.py") }
                + ["\"!**/tests/**\"", "\"!**/test_*.py\""]
            lines += [
                "parameters:",
                "  # The model's own code: where the rubric looks for training, feature and pipeline code.",
                "  code: [\(globs.joined(separator: ", "))]",
            ]
        }
        lines += [
            "policy:",
            "  # The minimum is the score today, \(Score.format(score)): a release that scores less is blocked. Raise it as the",
            "  # repository improves (the ML Test Score calls 2 a first pass at productionization).",
            "  minimumScore: \(Score.format(score))",
            "  maxScoreDrop: 0.5              # against the last approved version, once history is recorded",
        ]
        if !layout.artifacts.isEmpty {
            lines += ["# The model files a signed verdict names by digest (`preflight gate --attest`); each must exist when the gate",
                      "# signs (pull DVC outputs first)."]
            lines += ["artifacts: [\(layout.artifacts.prefix(10).map(Self.quoted).joined(separator: ", "))]"]
        }
        if !layout.servingFiles.isEmpty {
            lines += [
                "# The code serves the model (\(layout.servingFiles.prefix(3).joined(separator: ", "))). A monitoring plan says what",
                "# healthy means in production; `preflight monitoring rules` turns it into Prometheus rules. Uncomment and",
                "# fill in the metrics your service exports (see the README, \"A monitoring plan\"); the gate then checks it",
                "# against your Prometheus, named under `sources: { prometheus: { url: … } }` or with --prometheus:",
                "# monitoring:",
                "#   context: { model: \(Self.label(name)), selector: { job: \(Self.label(name)) } }",
                "#   alerting: { for: 10m, severity: ticket }",
                "#   metrics:",
                "#     latency_p99: { histogram: http_request_duration_seconds, quantile: 0.99, window: 5m, unit: seconds }",
                "#     requests:    { rate: http_requests_total, window: 5m, unit: requests/s }",
                "#   healthy:",
                "#     - { metric: latency_p99, atMost: 0.3, covers: [monitor-6] }",
                "#     - { metric: requests, fresh: 10m, covers: [monitor-6] }",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What init found, the verdict under the new file, and the cheapest items to raise the score.
    static func summary(_ layout: RepositoryLayout, _ evaluation: Evaluation, file: String) -> String {
        var out = "Wrote \(file).\n\nFound:\n"
        func line(_ label: String, _ value: String) { out += "  \(label.padding(toLength: 14, withPad: " ", startingAt: 0)) \(value)\n" }
        line("code", layout.codeRoots.isEmpty ? "no package directory (the rubric's default globs apply)" : layout.codeRoots.joined(separator: ", "))
        line("tests", "\(layout.testFiles) Python test files")
        line("notebooks", "\(layout.notebooks)")
        line("CI", layout.ci.isEmpty ? "none found" : layout.ci.map { "\($0.system) (\($0.files.count))" }.joined(separator: ", "))
        line("deploy", layout.deployFiles.isEmpty ? "none found" : list(layout.deployFiles))
        line("monitoring", layout.monitoringFiles.isEmpty ? "none found" : list(layout.monitoringFiles))
        line("serving", layout.servingFiles.isEmpty ? "no serving code found" : list(layout.servingFiles))
        line("artifacts", layout.artifacts.isEmpty ? "none found" : list(layout.artifacts))
        let card = evaluation.scorecard
        out += "\n\(evaluation.verdict.decision == .approved ? "Approved" : "Blocked") with it: \(evaluation.rubric.title) \(Score.format(card.final))"
        out += " (\(card.sections.map { "\($0.id) \(Score.format($0.points))" }.joined(separator: ", ")))\n"
        // Blocked at once: what could not be read blocks too (onError: block), and says so.
        for reason in evaluation.verdict.reasons.prefix(3) {
            out += "  ✗ \(reason.message.split(separator: "\n").first.map(String.init) ?? reason.message)\n"
        }
        if evaluation.verdict.reasons.count > 3 { out += "  … and \(evaluation.verdict.reasons.count - 3) more: `preflight gate` lists them\n" }
        // The final score is the weakest section's: only the sections at the minimum raise it, the unmet items first.
        let weakest = card.sections.filter { $0.points == card.sections.map(\.points).min() }
        let next = weakest.flatMap { section in section.items.filter { $0.points < $0.maxPoints && $0.outcome != .notApplicable } }
            .sorted { $0.points < $1.points }.prefix(5)
        if !next.isEmpty {
            let sections = weakest.map(\.id).joined(separator: ", ")
            out += "\nThe cheapest points next (\(weakest.count > 1 ? "sections \(sections) are tied at the minimum: raise each" : "section \(sections), the weakest")):\n"
            for item in next {
                // Where a test done by hand is all that counts at the manual level, the attestation is the cheap step.
                let byHand = item.counts?.manual.map { "by hand, \($0)" } ?? "by hand, `preflight attest \(item.id)` with its document"
                let how = item.points == 0 ? byHand : (item.counts?.automated.map { "automated, \($0)" } ?? "")
                out += "  \(item.id)  \(item.title): \(how)\n"
            }
            out += "`preflight explain ITEM` says more about each. Files count once committed: the gate reads what git tracks.\n"
        }
        if !layout.committed {
            out += "\nNote: this is not a git checkout with a commit. The gate reads tracked files and git history: commit first.\n"
        }
        return out
    }

    private static func list(_ files: [String]) -> String {
        files.prefix(3).joined(separator: ", ") + (files.count > 3 ? " and \(files.count - 3) more" : "")
    }

    /// A name as a Prometheus label value and YAML plain scalar: lowercase letters, digits and `_`.
    static func label(_ text: String) -> String {
        let mapped = String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return mapped.first?.isLetter == true ? mapped : "model_" + mapped
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

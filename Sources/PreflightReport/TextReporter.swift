import PreflightKit

/// The human report for a terminal: sections table, every item with its proof or what to do, the scales, the verdict.
public struct TextReporter: Reporter {
    public var color: Bool
    public var quiet: Bool

    public static let format = ReportFormat.text
    public static let fileName = "readiness.txt"

    public init(options: ReportOptions) { self.init(color: options.color, quiet: options.quiet) }

    public init(color: Bool = false, quiet: Bool = false) {
        self.color = color
        self.quiet = quiet
    }

    public func render(_ evaluation: Evaluation) throws -> String {
        var out: [String] = []
        if !quiet {
            out += header(evaluation)
            out += sectionTable(evaluation.scorecard)
            for section in evaluation.scorecard.sections { out += items(of: section) }
            out += scales(evaluation.scorecard, title: evaluation.rubric.title)
            out += manual(evaluation.manual)
            out += baseline(evaluation)
            out += notes(evaluation)
            out.append("")
        }
        out += verdict(evaluation)
        // The verdict's lines may refer to the notes (a source that could not be asked): a quiet report keeps them.
        if quiet { out += notes(evaluation) }
        return out.joined(separator: "\n") + "\n"
    }

    private func notes(_ evaluation: Evaluation) -> [String] {
        evaluation.notes.isEmpty ? [] : ["", bold("Notes")] + evaluation.notes.map { "  \($0)" }
    }

    private func header(_ evaluation: Evaluation) -> [String] {
        let model = evaluation.model.map { " — \($0.name)\($0.version.map { " \($0)" } ?? "")" } ?? ""
        let repo = evaluation.repository
        let commit = repo.commit.map { " @ \($0.prefix(12))\(repo.branch.map { " (\($0))" } ?? "")" } ?? " (not a git repository)"
        return [bold("Preflight readiness report\(model)"),
                "Rubric      \(evaluation.rubric.title) (\(evaluation.rubric.origin), version \(evaluation.rubric.version))",
                "Repository  \(repo.path)\(commit), \(repo.filesIndexed) files",
                "Config      \(evaluation.config ?? "none (bundled defaults)")", ""]
    }

    private func sectionTable(_ scorecard: Scorecard) -> [String] {
        let width = max(30, scorecard.sections.map { $0.title.count + $0.id.count + 3 }.max() ?? 0)
        var lines = [bold(pad("Section", width) + "  Score   Max")]
        for section in scorecard.sections {
            lines.append(pad("\(section.title) (\(section.id))", width) + "  "
                         + padLeft(Score.format(section.points), 5) + "  " + padLeft(Score.format(section.maxPoints), 4))
        }
        return lines
    }

    private func items(of section: SectionScore) -> [String] {
        var lines = ["", bold("\(section.title) — \(Score.format(section.points)) of \(Score.format(section.maxPoints))")]
        for item in section.items {
            let (mark, paint) = symbol(item)
            lines.append("  \(paint(mark)) \(pad(item.id, 10)) \(padLeft(Score.format(item.points), 3))  \(item.title)")
            lines += detail(item).map { "        \($0)" }
        }
        return lines
    }

    private func detail(_ item: ItemResult) -> [String] {
        if let reason = item.skipReason { return ["not applicable: \(reason)"] }
        var lines: [String] = []
        // Plain words first, when the rubric gives them; the probes' messages follow as the detail.
        let headline = item.headline
        if let headline { lines.append(headline) }
        let detail = headline == nil ? { (text: String) in text } : { (text: String) in dim(text) }
        if let level = item.level {
            let finding = level == .automated ? item.automated : item.manual
            lines.append(detail("\(level.rawValue): \(summary(finding))"))
            lines += (finding?.satisfiedProofs ?? []).prefix(3).map { "  \($0)" }
            if let gap = item.fullPointGap { lines.append(detail("missing for the full point: \(gap)")) }
        } else {
            for (name, finding) in [("automated", item.automated), ("manual", item.manual)] {
                guard let finding else { continue }
                lines.append(detail("\(name): \(summary(finding))"))
                lines += finding.failingProofs.prefix(3).map { "  \($0)" }
            }
            lines.append(dim("how: \(item.how)"))
        }
        lines += item.problemMessages.map { "problem: \($0)" }
        return lines
    }

    private func summary(_ finding: Finding?) -> String {
        guard let finding else { return "" }
        if finding.children.isEmpty { return finding.message }
        if finding.outcome == .satisfied, let child = finding.children.first(where: { $0.outcome == .satisfied }) {
            return summary(child)
        }
        let leaves = finding.leafMessages(with: finding.outcome)
        return leaves.isEmpty ? finding.message : leaves.prefix(2).joined(separator: "; ")
    }

    /// The final score under the rubric's own title, and the production scale, in two aligned lines.
    private func scales(_ scorecard: Scorecard, title: String) -> [String] {
        let weakest = scorecard.weakestSection.map { ", weakest section: \($0.title)" } ?? ""
        let width = max(title.count, "Production scale".count) + 2
        return ["",
                bold(pad(title, width) + Score.format(scorecard.final)) + "  \(scorecard.finalBand.label)\(weakest)",
                bold(pad("Production scale", width) + "\(Score.format(scorecard.total)) of \(Score.format(scorecard.maxTotal)) points")
                    + "  \(scorecard.production.label)" + (scorecard.production.danger.map { " (danger: \($0))" } ?? "")]
    }

    private func baseline(_ evaluation: Evaluation) -> [String] {
        guard let comparison = evaluation.baseline else { return [] }
        var lines = ["", bold("Baseline") + "  \(comparison.note)"]
        if let delta = comparison.finalDelta {
            lines.append("  final score \(BaselineComparison.signed(delta))"
                         + comparison.sections.filter { $0.delta != 0 }.map { ", \($0.id) \(BaselineComparison.signed($0.delta))" }.joined())
        }
        lines += comparison.items.map { "  \($0.now > $0.before ? "+" : "-") \($0.id) \(Score.format($0.before)) → \(Score.format($0.now))  \($0.title)" }
        if let entry = evaluation.history {
            lines.append(entry.recordID.map { "  recorded as #\($0) in \(entry.path)" } ?? "  to be recorded in \(entry.path) once every report is written")
        }
        return lines
    }

    private func manual(_ records: ManualRecords) -> [String] {
        var lines: [String] = []
        if !records.attestations.isEmpty {
            lines += ["", bold("Attestations (\(records.attestationsFile))")]
            lines += records.attestations.map { entry in
                let state = entry.state == .valid ? entry.status : paint(entry.status, 31)
                return "  \(pad(entry.attestation.item, 10)) \(entry.attestation.by), \(CalendarDate.format(entry.date)): \(state)"
            }
        }
        if !records.waivers.isEmpty {
            lines += ["", bold("Waivers (\(records.waiversFile))")]
            lines += records.waivers.map { entry in
                let state = entry.state == .expired ? paint(entry.status, 33) : entry.status
                return "  \(pad(entry.waiver.target, 10)) approved by \(entry.waiver.approver): \(state) — \(entry.waiver.reason)"
            }
        }
        if !records.problems.isEmpty {
            lines += ["", bold("Rejected attestations and waivers (never counted)")] + records.problems.map { "  \($0)" }
        }
        return lines
    }

    private func verdict(_ evaluation: Evaluation) -> [String] {
        let verdict = evaluation.verdict
        let approved = verdict.decision == .approved
        let title = approved ? paint("APPROVED", 32) : paint("BLOCKED", 31)
        let raw = verdict.rawDecision != verdict.decision ? " (with waivers; without them: \(verdict.rawDecision.rawValue.uppercased()))" : ""
        var lines = [bold("Verdict: ") + bold(title) + raw]
        for check in verdict.checks {
            if let waiver = check.waivedBy {
                lines.append("  \(paint("~", 33)) \(check.message) — \(waiver)")
            } else {
                lines.append("  \(check.passed ? "✓" : paint("✗", 31)) \(check.message)" + (check.waiverHint.map { dim(" — \($0)") } ?? ""))
            }
        }
        if evaluation.verdict.checks.isEmpty { lines.append("  the policy sets no requirement") }
        return lines
    }

    private func symbol(_ item: ItemResult) -> (String, (String) -> String) {
        let status = ItemStatus(item)
        return (status.symbol, { text in status.terminalColor.map { paint(text, $0) } ?? dim(text) })
    }

    private func paint(_ text: String, _ code: Int) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    private func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
    private func padLeft(_ text: String, _ width: Int) -> String { text.count >= width ? text : String(repeating: " ", count: width - text.count) + text }
}

extension ReportFormat {
    /// For a terminal.
    public static let text = ReportFormat(rawValue: "text")
}

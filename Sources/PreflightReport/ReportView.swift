import Foundation
import PreflightKit

/// What the Markdown and HTML templates show, computed once from an evaluation: every number formatted, every
/// list sorted, the chart's geometry worked out. Templates only lay it out; they escape every string themselves.
struct ReportView {
    struct Check {
        var symbol: String
        var message: String
        var waivedBy: String?
        /// For a blocking check: the waiver that would exempt it, or that none may.
        var waiverHint: String?
    }

    struct Section {
        var id: String
        var title: String
        var points: String
        var maxPoints: String
        var minimum: String?
        var meetsMinimum: Bool
        // Bar chart geometry, in SVG user units.
        var y: Int
        var textY: Int
        var barWidth: String
        var minimumX: String?
    }

    struct Evidence {
        var place: String
        var text: String?
    }

    struct Item {
        var id: String
        var title: String
        var sectionTitle: String
        var status: String
        /// CSS class and symbol: colour is never the only signal.
        var statusClass: String
        var symbol: String
        var points: String
        var maxPoints: String
        /// The result in plain words (the rubric's `counts`), or the probes' summary when the rubric gives none.
        var headline: String
        /// The probes' own messages, with their patterns and globs, and what failed: folded under the headline.
        var detail: [String]
        var evidence: [Evidence]
        var problems: [String]
        var how: String
        var skipReason: String?
    }

    struct Step {
        var edge: String
        var label: String
        var danger: String?
        var current: Bool
    }

    struct Manual {
        var subject: String
        var person: String
        var state: String
        var counts: Bool
        var detail: String
        var location: String
    }

    struct TrendPoint {
        var version: String
        var score: String
        var x: String
        var y: String
    }

    struct Delta {
        var label: String
        var before: String
        var now: String
        var delta: String
        var worse: Bool
        /// ▼ worse, ▲ better, = unchanged: the direction is never told by colour alone.
        var symbol: String
    }

    var title: String
    var model: String?
    var generatedAt: String
    var tool: String
    var rubric: String
    /// The rubric's own title, which labels its final score ("The ML Test Score").
    var rubricTitle: String
    var repository: String
    var commit: String?
    var branch: String?
    var config: String
    var approved: Bool
    var decision: String
    var rawDecision: String?
    var reasons: [Check]
    var waived: [Check]
    var passedChecks: [Check]
    var finalScore: String
    var finalBand: String
    var weakestSection: String?
    var total: String
    var maxTotal: String
    var productionLabel: String
    var productionDanger: String?
    var sections: [Section]
    var chartHeight: Int
    var chartScaleMax: String
    var finalSteps: [Step]
    var productionSteps: [Step]
    var attention: [Item]
    var passed: [Item]
    var notApplicable: [Item]
    var attestations: [Manual]
    var waivers: [Manual]
    var problems: [String]
    var notes: [String]
    /// Earlier evaluations of the same model and this one, oldest first; empty without a history.
    var trend: [TrendPoint]
    var baselineNote: String?
    var deltas: [Delta]
    // Mustache sees stored properties only.
    var hasTrend = false
    var hasManual = false

    /// Chart geometry: each row is a title line over a bar spanning `chartWidth` for the largest section maximum;
    /// titles sit above the bars so the chart stays legible when a phone scales it down.
    static let chartLeft = 0.0, chartWidth = 420.0, rowHeight = 56

    init(_ evaluation: Evaluation) {
        let card = evaluation.scorecard, verdict = evaluation.verdict, policy = evaluation.policy
        model = evaluation.model.map { "\($0.name)\($0.version.map { " \($0)" } ?? "")" }
        title = model ?? evaluation.repository.name
        generatedAt = ISO8601DateFormatter().string(from: evaluation.generatedAt)
        tool = evaluation.tool
        rubricTitle = evaluation.rubric.title
        rubric = "\(evaluation.rubric.title) (\(evaluation.rubric.origin), version \(evaluation.rubric.version))"
        repository = evaluation.repository.path
        commit = evaluation.repository.commit.map { String($0.prefix(12)) }
        branch = evaluation.repository.branch
        config = evaluation.config ?? "none (bundled defaults)"
        approved = verdict.decision == .approved
        decision = approved ? "Approved" : "Blocked"
        rawDecision = verdict.rawDecision != verdict.decision ? verdict.rawDecision.rawValue : nil
        reasons = verdict.reasons.map { Check(symbol: "✗", message: $0.message, waiverHint: $0.waiverHint) }
        waived = verdict.waived.map { Check(symbol: "~", message: $0.message, waivedBy: $0.waivedBy) }
        passedChecks = verdict.checks.filter(\.passed).map { Check(symbol: "✓", message: $0.message) }
        finalScore = Score.format(card.final)
        finalBand = card.finalBand.label
        weakestSection = card.weakestSection?.title
        total = Score.format(card.total)
        maxTotal = Score.format(card.maxTotal)
        productionLabel = card.production.label
        productionDanger = card.production.danger

        let scaleMax = max(card.sections.map(\.maxPoints).max() ?? 1, 1)
        sections = card.sections.enumerated().map { index, section in
            let minimum = policy.sectionMinimums[section.id] ?? (card.sections.count > 1 ? policy.minimumScore : nil)
            let y = 26 + index * Self.rowHeight
            return Section(id: section.id, title: section.title, points: Score.format(section.points),
                           maxPoints: Score.format(section.maxPoints), minimum: minimum.map(Score.format),
                           meetsMinimum: minimum.map { section.points >= $0 } ?? true, y: y, textY: y - 8,
                           barWidth: Self.number(Self.chartWidth * section.points / scaleMax),
                           minimumX: minimum.map { Self.number(Self.chartLeft + Self.chartWidth * min($0, scaleMax) / scaleMax) })
        }
        chartHeight = 8 + card.sections.count * Self.rowHeight
        chartScaleMax = Score.format(scaleMax)
        finalSteps = Self.steps(card.finalBand)
        productionSteps = Self.steps(card.production)

        let items = card.sections.flatMap { section in section.items.map { (section.title, $0) } }
        attention = items.filter { $0.1.outcome != .satisfied && $0.1.outcome != .notApplicable || $0.1.level == .manual }
            .map(Self.item)
        passed = items.filter { $0.1.level == .automated }.map(Self.item)
        notApplicable = items.filter { $0.1.outcome == .notApplicable }.map(Self.item)

        attestations = evaluation.manual.attestations.map { entry in
            Manual(subject: entry.attestation.item, person: entry.attestation.by,
                   state: entry.status,
                   counts: entry.state == .valid, detail: "\(entry.attestation.summary) — \(entry.attestation.document)",
                   location: "\(entry.location)")
        }
        waivers = evaluation.manual.waivers.map { entry in
            Manual(subject: entry.waiver.target, person: entry.waiver.approver, state: entry.status,
                          counts: entry.state == .inForce, detail: entry.waiver.reason, location: "\(entry.location)")
        }
        problems = evaluation.manual.problems
        notes = evaluation.notes
        // The trend is read before this run is recorded, so it never holds this run.
        let points = evaluation.trend.map { (version: $0.version, final: $0.final) }
            + [(version: evaluation.model?.version ?? "this run", final: card.final)]
        trend = Self.trend(points)
        baselineNote = evaluation.baseline?.note
        let comparison = evaluation.baseline
        let final = card.final
        deltas = (comparison?.finalDelta.map { delta in
            [Delta(label: "Final score", before: Score.format(final - delta), now: Score.format(final),
                   delta: BaselineComparison.signed(delta), worse: delta < 0, symbol: Self.direction(delta))]
        } ?? []) + (comparison?.sections ?? []).map {
            Delta(label: $0.title, before: Score.format($0.before), now: Score.format($0.now),
                  delta: BaselineComparison.signed($0.delta), worse: $0.delta < 0, symbol: Self.direction($0.delta))
        } + (comparison?.items ?? []).map {
            Delta(label: "\($0.id) \($0.title)", before: Score.format($0.before), now: Score.format($0.now),
                  delta: BaselineComparison.signed($0.now - $0.before), worse: $0.now < $0.before,
                  symbol: Self.direction($0.now - $0.before))
        }
        hasTrend = !self.trend.isEmpty
        hasManual = !attestations.isEmpty || !waivers.isEmpty || !problems.isEmpty
    }

    private static func steps(_ placement: BandPlacement) -> [Step] {
        placement.bands.enumerated().map { index, band in
            Step(edge: band.edge ?? "above", label: band.label, danger: band.danger, current: index == placement.index)
        }
    }

    private static func item(_ pair: (String, ItemResult)) -> Item {
        let (sectionTitle, item) = pair
        let itemStatus = ItemStatus(item)
        let (status, statusClass, symbol) = (itemStatus.label, itemStatus.cssClass, itemStatus.symbol)
        let finding = item.level == .automated ? item.automated : item.level == .manual ? item.manual : nil
        let proofs = finding?.satisfiedProofs ?? []
        let evidence = proofs.prefix(5).map { proof in
            Evidence(place: [proof.path, proof.line.map(String.init)].compactMap { $0 }.joined(separator: ":"), text: proof.text)
        }
        return Item(id: item.id, title: item.title, sectionTitle: sectionTitle, status: status, statusClass: statusClass,
                    symbol: symbol, points: Score.format(item.points), maxPoints: Score.format(item.maxPoints),
                    headline: item.headline ?? item.evidenceSummary,
                    detail: (item.headline == nil ? [] : [item.evidenceSummary]) + (item.fullPointGap.map { ["Missing for the full point: \($0)"] } ?? [])
                        + (item.level == nil ? item.failingProofs.prefix(5).map(\.description) : []),
                    evidence: evidence, problems: item.problemMessages, how: item.how,
                    skipReason: item.skipReason)
    }

    private static func direction(_ delta: Double) -> String { delta < 0 ? "▼" : delta > 0 ? "▲" : "=" }

    private static func trend(_ points: [(version: String, final: Double)]) -> [TrendPoint] {
        guard points.count > 1 else { return [] }
        let top = max(points.map(\.final).max() ?? 1, 1)
        let step = 480.0 / Double(points.count - 1)
        return points.enumerated().map { index, point in
            TrendPoint(version: point.version, score: Score.format(point.final), x: number(60 + step * Double(index)),
                       y: number(120 - 100 * point.final / top))
        }
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }
}

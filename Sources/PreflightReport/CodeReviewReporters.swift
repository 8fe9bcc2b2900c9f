import Foundation
import PreflightKit

/// GitHub Actions workflow commands: an annotation per unmet item on its file, and the verdict. GitHub shows at
/// most 10 annotations of each kind (error, warning, notice) a step: past that, the last one of the kind says how
/// many more the report holds, and the verdict is always shown.
public struct GitHubAnnotationsReporter: Reporter {
    public static let format = ReportFormat.github
    public static let fileName = "readiness.github.txt"
    /// GitHub's limit of annotations of one kind in one step.
    public static let perKind = 10

    public init() {}

    public init(options: ReportOptions) {}

    public func render(_ evaluation: Evaluation) throws -> String {
        let verdict = evaluation.verdict
        let score = "\(evaluation.rubric.title) \(Score.format(evaluation.scorecard.final))"
        let (verdictKind, verdictLine) = verdict.decision == .approved
            ? ("notice", "::notice title=Preflight::\(Self.data("Release approved (\(score))\(verdict.rawDecision == .blocked ? " with waivers" : "")"))")
            : ("error", "::error title=Preflight::\(Self.data("Release blocked (\(score)): \(verdict.reasons.map(\.message).joined(separator: "; "))"))")
        var lines: [String] = []
        let unmet = UnmetItem.list(evaluation)
        for kind in ["error", "warning", "notice"] {
            let items = unmet.filter { $0.severity.githubCommand == kind }
            // The verdict takes one place of its kind; a "more" line takes the last when they do not all fit.
            let room = Self.perKind - (kind == verdictKind ? 1 : 0)
            let shown = items.count <= room ? items.count : room - 1
            lines += items.prefix(shown).map { unmet in
                var properties = ["title=\(Self.property("Preflight \(unmet.item.id): \(unmet.item.title)"))"]
                properties.insert("file=\(Self.property(unmet.path))", at: 0)
                if let line = unmet.line { properties.insert("line=\(line)", at: 1) }
                return "::\(kind) \(properties.joined(separator: ","))::\(Self.data(unmet.message))"
            }
            if shown < items.count {
                let rest = items.dropFirst(shown).map(\.item.id).joined(separator: ", ")
                lines.append("::\(kind) title=Preflight::\(Self.data("\(items.count - shown) more like these (\(rest)): see the report"))")
            }
        }
        lines.append(verdictLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes a message as the runner expects (`%`, CR, LF), so repository text cannot start a new command.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value, which also may not contain `:` or `,`.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// GitLab Code Quality JSON: one issue per unmet item, with a fingerprint stable across runs.
public struct GitLabCodeQualityReporter: Reporter {
    public static let format = ReportFormat.gitlab
    public static let fileName = "readiness.codequality.json"

    public init() {}

    public init(options: ReportOptions) {}

    public func render(_ evaluation: Evaluation) throws -> String {
        let issues = UnmetItem.list(evaluation).map { unmet in
            let path = unmet.path
            return Issue(description: unmet.message, check_name: "preflight/\(unmet.item.id)",
                         fingerprint: ContentHash.of("\(evaluation.rubric.id)/\(unmet.item.id)/\(path)"),
                         severity: unmet.severity.gitlabSeverity,
                         location: .init(path: path, lines: .init(begin: unmet.line ?? 1)))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(issues), as: UTF8.self) + "\n"
    }

    struct Issue: Encodable {
        var type = "issue"
        var description: String
        var check_name: String
        var fingerprint: String
        var severity: String
        var location: Location
    }

    struct Location: Encodable {
        var path: String
        var lines: Lines
    }

    struct Lines: Encodable { var begin: Int }
}

extension ReportFormat {
    /// GitHub Actions annotations.
    public static let github = ReportFormat(rawValue: "github")
}

extension ReportFormat {
    /// GitLab Code Quality.
    public static let gitlab = ReportFormat(rawValue: "gitlab")
}

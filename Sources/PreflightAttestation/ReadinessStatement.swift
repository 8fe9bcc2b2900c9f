import Crypto
import Foundation
import PreflightKit

/// An in-toto Statement v1: what it is about (subjects with digests), and a typed predicate that says something of it.
public struct InTotoStatement<Predicate: Codable & Sendable>: Codable, Sendable {
    public static var type: String { "https://in-toto.io/Statement/v1" }

    public var type = Self.type
    public var subject: [StatementSubject]
    public var predicateType: String
    public var predicate: Predicate

    enum CodingKeys: String, CodingKey {
        case type = "_type"
        case subject, predicateType, predicate
    }

    public init(subject: [StatementSubject], predicateType: String, predicate: Predicate) {
        self.subject = subject
        self.predicateType = predicateType
        self.predicate = predicate
    }
}

/// The summary policy engines read: the shape of SLSA's Verification Summary Attestation (VSA v1).
public struct VerificationSummary: Codable, Sendable, Hashable {
    public static let predicateType = "https://slsa.dev/verification_summary/v1"

    public struct Verifier: Codable, Sendable, Hashable {
        public var id: String
        public var version: [String: String]
    }

    public struct PolicyReference: Codable, Sendable, Hashable {
        public var uri: String
        public var digest: [String: String]
    }

    public var verifier: Verifier
    public var timeVerified: String
    public var resourceUri: String
    public var policy: PolicyReference
    /// PASSED when the release was approved, FAILED when it was blocked.
    public var verificationResult: String
    /// `PREFLIGHT_APPROVED` or `PREFLIGHT_BLOCKED`, and `PREFLIGHT_MLTS_BAND_<n>` (the final score's band, 0 first).
    public var verifiedLevels: [String]
}

/// Preflight's own record of the evaluation, for whoever audits the release.
public struct ReadinessPredicate: Codable, Sendable {
    public static let predicateType = "https://preflight.dev/attestation/readiness/v1"

    public struct Item: Codable, Sendable, Hashable {
        public var id: String
        public var section: String
        public var points: Double
        public var maxPoints: Double
        public var outcome: String
        public var level: String?
        /// The sha256 of the item's findings as the JSON report writes them.
        public var evidenceDigest: String
    }

    public struct Section: Codable, Sendable, Hashable {
        public var id: String
        public var points: Double
        public var maxPoints: Double
    }

    public struct Baseline: Codable, Sendable, Hashable {
        public var version: String
        public var commit: String?
        public var final: Double
    }

    public var tool: String
    public var evaluatedAt: String
    public var model: ModelIdentity?
    public var commit: String?
    public var branch: String?
    public var rubric: Evaluation.RubricInfo
    public var policy: Policy
    /// The sha256 of the rubric's content hash and the policy in force, as the summary's `policy.digest` says.
    public var policyDigest: String
    public var decision: String
    /// The decision before waivers.
    public var rawDecision: String
    public var reasons: [String]
    public var final: Double
    public var total: Double
    public var maxTotal: Double
    public var band: String
    public var sections: [Section]
    public var items: [Item]
    public var waivers: [Waiver]
    public var baseline: Baseline?
    public var artifacts: [ArtifactDigest]
    /// "clean", or the paths that differed from the commit when the gate ran (then no commit is a subject).
    public var workTree: String?
}

/// The two statements `gate --attest` signs about one evaluation: the summary and the detailed record, with the same
/// subjects — the model artifacts and the git commit.
public enum ReadinessStatement {
    public static let verifierID = "https://preflight.dev/preflight"

    /// The artifacts, and the commit when the work tree was that commit (`clean`).
    public static func subjects(_ evaluation: Evaluation, artifacts: [ArtifactDigest], clean: Bool) -> [StatementSubject] {
        var subjects = artifacts.map(\.subject)
        if clean, let commit = evaluation.repository.commit {
            subjects.append(StatementSubject(name: "git:\(evaluation.repository.name)", digest: ["gitCommit": commit]))
        }
        return subjects
    }

    /// The digest that names the rubric and policy a verdict was reached under: the SHA-256 of the rubric's content
    /// digest (its text, parameters and the model's item rules) and of the policy in force.
    public static func policyDigest(_ evaluation: Evaluation) throws -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(evaluation.rubric.contentDigest ?? evaluation.rubric.contentHash)\n".utf8))
        hasher.update(data: try canonicalEncoder.encode(evaluation.policy))
        return ArtifactDigest.hex(hasher.finalize())
    }

    public static func summary(_ evaluation: Evaluation) throws -> VerificationSummary {
        let approved = evaluation.verdict.decision == .approved
        return VerificationSummary(
            verifier: .init(id: verifierID, version: ["preflight": Preflight.version]),
            timeVerified: Timestamp.format(evaluation.generatedAt),
            resourceUri: evaluation.repository.commit.map { "git+\(evaluation.repository.name)@\($0)" } ?? evaluation.repository.name,
            policy: .init(uri: "preflight:rubric/\(evaluation.rubric.id)", digest: ["sha256": try policyDigest(evaluation)]),
            verificationResult: approved ? "PASSED" : "FAILED",
            verifiedLevels: [approved ? "PREFLIGHT_APPROVED" : "PREFLIGHT_BLOCKED", "PREFLIGHT_MLTS_BAND_\(evaluation.scorecard.finalBand.index)"])
    }

    public static func detail(_ evaluation: Evaluation, artifacts: [ArtifactDigest], workTree: String?) throws -> ReadinessPredicate {
        let items = try evaluation.scorecard.items.map { item in
            let findings = try canonicalEncoder.encode([item.automated, item.manual])
            return ReadinessPredicate.Item(id: item.id, section: item.section, points: item.points, maxPoints: item.maxPoints,
                                           outcome: item.outcome.rawValue, level: item.level?.rawValue,
                                           evidenceDigest: ArtifactDigest.hex(SHA256.hash(data: findings)))
        }
        let baseline = evaluation.baseline?.baseline.map {
            ReadinessPredicate.Baseline(version: $0.version, commit: $0.commit, final: $0.final)
        }
        return ReadinessPredicate(
            tool: evaluation.tool, evaluatedAt: Timestamp.format(evaluation.generatedAt), model: evaluation.model,
            commit: evaluation.repository.commit, branch: evaluation.repository.branch, rubric: evaluation.rubric,
            policy: evaluation.policy, policyDigest: try policyDigest(evaluation),
            decision: evaluation.verdict.decision.rawValue, rawDecision: evaluation.verdict.rawDecision.rawValue,
            reasons: evaluation.verdict.reasons.map(\.message), final: evaluation.scorecard.final,
            total: evaluation.scorecard.total, maxTotal: evaluation.scorecard.maxTotal, band: evaluation.scorecard.finalBand.label,
            sections: evaluation.scorecard.sections.map { .init(id: $0.id, points: $0.points, maxPoints: $0.maxPoints) },
            items: items, waivers: evaluation.manual.waivers.filter { $0.state == .inForce }.map(\.waiver),
            baseline: baseline, artifacts: artifacts, workTree: workTree)
    }

    /// The signed bundle: the summary's envelope, then the detail's. `changes`: the paths where the work tree was not
    /// the commit (nil when git could not tell): then the statement names no commit. A statement about nothing is
    /// refused.
    public static func bundle(_ evaluation: Evaluation, artifacts: [ArtifactDigest], changes: [String]?, key: SigningKey) throws -> Data {
        let clean = changes?.isEmpty == true
        let subject = subjects(evaluation, artifacts: artifacts, clean: clean)
        guard !subject.isEmpty else {
            let why = evaluation.repository.commit == nil ? "the repository is no git checkout" : "the work tree is not its commit (\(changes?.count ?? 0) files differ)"
            throw AttestationError.artifact("list", "is empty and \(why): the statement would name nothing; give --artifact or artifacts: in preflight.yaml")
        }
        let workTree = evaluation.repository.commit == nil ? nil
            : clean ? "clean" : changes.map { "\($0.count) changed or untracked: \($0.prefix(10).joined(separator: ", "))" } ?? "unknown (git status failed)"
        let summary = InTotoStatement(subject: subject, predicateType: VerificationSummary.predicateType, predicate: try summary(evaluation))
        let detail = InTotoStatement(subject: subject, predicateType: ReadinessPredicate.predicateType,
                                     predicate: try detail(evaluation, artifacts: artifacts, workTree: workTree))
        return try AttestationBundle.encode([
            try DSSEEnvelope.signed(try canonicalEncoder.encode(summary), key: key),
            try DSSEEnvelope.signed(try canonicalEncoder.encode(detail), key: key),
        ])
    }

    /// The sha256 of a written statement file, as the history keeps it.
    public static func digest(_ bundle: Data) -> String { ArtifactDigest.hex(SHA256.hash(data: bundle)) }

    static var canonicalEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

/// RFC 3339 times: written in UTC to the second; read with fractional seconds and in lowercase too.
enum Timestamp {
    static func format(_ date: Date) -> String { formatter().string(from: date) }

    static func parse(_ text: String) -> Date? {
        let upper = text.uppercased()
        return formatter().date(from: upper) ?? formatter(fractional: true).date(from: upper)
    }

    private static func formatter(fractional: Bool = false) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }
}

import Foundation
import PreflightKit

/// What the deploy step requires of a readiness statement besides a valid signature.
public struct ReadinessRequirements: Sendable {
    /// Artifacts the deploy is about to ship; each must be a subject, by digest.
    public var artifacts: [ArtifactDigest] = []
    /// The commit being deployed (a prefix of 7 or more hex digits will do).
    public var commit: String?
    public var maxAge: TimeInterval?
    /// Whether a blocked verdict is refused (the default); auditors may read any.
    public var approved = true
    /// The rubric-and-policy digest the deploy expects (the summary's `policy.digest.sha256`).
    public var policyDigest: String?
    public var now = Date()

    public init() {}
}

/// A statement whose signature verified, with what each accepted check found.
public struct VerifiedReadiness: Sendable {
    public var summary: VerificationSummary
    public var detail: ReadinessPredicate?
    public var subjects: [StatementSubject]
    /// One line for each check that passed, in order.
    public var checks: [String]
}

/// `preflight verify`: the signature first (a statement no key of the deploy's signed is nothing), then the statement's
/// shape, then what the deploy requires of it.
public enum ReadinessVerifier {
    /// Throws `.invalid` for what is not a signed readiness statement (exit 2), `.notAcceptable` with every failed
    /// check for one that says something the deploy refuses (exit 1).
    public static func verify(_ data: Data, key: VerifyingKey, requirements: ReadinessRequirements) throws -> VerifiedReadiness {
        let envelopes = try AttestationBundle.decode(data)
        var checks = ["signature: \(envelopes.count == 1 ? "the envelope verifies" : "all \(envelopes.count) envelopes verify") with the \(key.algorithm) key \(key.keyID.prefix(16))…"]
        var summary: (VerificationSummary, [StatementSubject])?
        var detail: (ReadinessPredicate, [StatementSubject])?
        let decoder = JSONDecoder()
        for (index, envelope) in envelopes.enumerated() {
            let payload = try envelope.verifiedPayload(key: key)
            let what = envelopes.count == 1 ? "the statement" : "statement \(index + 1)"
            let header: StatementHeader
            do { header = try decoder.decode(StatementHeader.self, from: payload) } catch {
                throw AttestationError.invalid("\(what) is not an in-toto statement: \(AttestationBundle.reason(error))")
            }
            guard header.type == InTotoStatement<VerificationSummary>.type else {
                throw AttestationError.invalid("\(what) has _type \(header.type), not \(InTotoStatement<VerificationSummary>.type)")
            }
            guard !header.subject.isEmpty else { throw AttestationError.invalid("\(what) names no subject") }
            do {
                switch header.predicateType {
                case VerificationSummary.predicateType:
                    guard summary == nil else { throw AttestationError.invalid("two verification summaries") }
                    summary = (try decoder.decode(InTotoStatement<VerificationSummary>.self, from: payload).predicate, header.subject)
                case ReadinessPredicate.predicateType:
                    guard detail == nil else { throw AttestationError.invalid("two readiness records") }
                    detail = (try decoder.decode(InTotoStatement<ReadinessPredicate>.self, from: payload).predicate, header.subject)
                default:
                    throw AttestationError.invalid("\(what) has predicate type \(header.predicateType), which Preflight does not write")
                }
            } catch let error as DecodingError {
                throw AttestationError.invalid("\(what)'s predicate is malformed: \(AttestationBundle.reason(error))")
            }
        }
        guard let (verdict, subjects) = summary else {
            throw AttestationError.invalid("no statement has predicate type \(VerificationSummary.predicateType)")
        }
        if let (record, recordSubjects) = detail {
            // Both statements must be of one evaluation: a summary of one run beside the record of another is no verdict.
            guard Set(recordSubjects) == Set(subjects) else { throw AttestationError.invalid("the statements name different subjects") }
            guard record.policyDigest == verdict.policy.digest["sha256"], record.evaluatedAt == verdict.timeVerified,
                  (record.decision == "approved") == (verdict.verificationResult == "PASSED") else {
                throw AttestationError.invalid("the summary and the record are of different evaluations (time, policy or decision differ)")
            }
        }
        checks.append("statement: in-toto v1, \(VerificationSummary.predicateType)\(detail == nil ? "" : " and \(ReadinessPredicate.predicateType)")")
        var refusals: [String] = []
        func check(_ passed: Bool, _ pass: String, _ refusal: String) {
            if passed { checks.append(pass) } else { refusals.append(refusal) }
        }
        if requirements.approved {
            check(verdict.verificationResult == "PASSED", "result: PASSED (\(verdict.verifiedLevels.joined(separator: ", ")))",
                  "result: the release was blocked (\(verdict.verificationResult); \(detail?.0.reasons.joined(separator: "; ") ?? "see the report"))")
        } else {
            checks.append("result: \(verdict.verificationResult) (\(verdict.verifiedLevels.joined(separator: ", "))), either accepted")
        }
        for artifact in requirements.artifacts {
            guard subjects.contains(where: { $0.digest["sha256"] == artifact.sha256 }) else {
                refusals.append("subject: \(artifact.name) (sha256 \(artifact.sha256.prefix(12))…) is not what the statement names (\(names(subjects)))")
                continue
            }
            guard !artifact.files.isEmpty else {
                checks.append("subject: \(artifact.name) (sha256 \(artifact.sha256.prefix(12))…)")
                continue
            }
            // A directory's digest covers its files' bytes, not their names: the record's file list does.
            guard let signed = detail?.0.artifacts.first(where: { $0.sha256 == artifact.sha256 }) else {
                refusals.append("subject: \(artifact.name) is a directory, and the statement holds no list of its files to check their names against")
                continue
            }
            let renamed = Set(Set(artifact.files).symmetricDifference(signed.files).map(\.path)).sorted()
            check(renamed.isEmpty, "subject: \(artifact.name) (sha256 \(artifact.sha256.prefix(12))…, \(artifact.files.count) files, each by name)",
                  "subject: \(artifact.name) holds the approved bytes under other names (\(renamed.prefix(5).joined(separator: ", ")))")
        }
        if let commit = requirements.commit?.lowercased() {
            let commits = subjects.compactMap { $0.digest["gitCommit"]?.lowercased() }
            check(commit.count >= 7 && commits.contains { $0.hasPrefix(commit) }, "commit: \(commit)",
                  "commit: \(commit) is not the statement's (\(commits.isEmpty ? "it names no commit" : commits.joined(separator: ", ")))")
        }
        if let digest = requirements.policyDigest?.lowercased() {
            check(verdict.policy.digest["sha256"] == digest, "policy: \(verdict.policy.uri), rubric and policy digest \(digest)",
                  "policy: the verdict was reached under rubric and policy \(verdict.policy.digest["sha256"] ?? "?"), not \(digest)")
        } else {
            // Shown in full, for a deploy that wants to pin it with --rubric-digest.
            checks.append("policy: \(verdict.policy.uri), rubric and policy digest \(verdict.policy.digest["sha256"] ?? "none") (not required)")
        }
        guard let time = Timestamp.parse(verdict.timeVerified) else {
            throw AttestationError.invalid("timeVerified \(verdict.timeVerified) is not an RFC 3339 time")
        }
        let age = requirements.now.timeIntervalSince(time)
        if age < -300 {
            refusals.append("time: the statement is dated \(verdict.timeVerified), in the future")
        } else if let maxAge = requirements.maxAge {
            check(age <= maxAge, "time: \(verdict.timeVerified), \(Durations.age(max(0, age))) old",
                  "time: the statement is \(Durations.age(age)) old (\(verdict.timeVerified)); at most \(Durations.age(maxAge)) is accepted")
        }
        guard refusals.isEmpty else { throw AttestationError.notAcceptable(refusals) }
        return VerifiedReadiness(summary: verdict, detail: detail?.0, subjects: subjects, checks: checks)
    }

    private static func names(_ subjects: [StatementSubject]) -> String {
        subjects.map { subject in "\(subject.name) " + subject.digest.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.prefix(12))…" }.joined(separator: " ") }
            .joined(separator: ", ")
    }

    private struct StatementHeader: Decodable {
        var type: String
        var subject: [StatementSubject]
        var predicateType: String
        enum CodingKeys: String, CodingKey {
            case type = "_type"
            case subject, predicateType
        }
    }
}

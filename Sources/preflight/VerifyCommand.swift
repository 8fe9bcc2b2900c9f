import ArgumentParser
import Foundation
import PreflightAttestation
import PreflightKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a signed readiness statement before deploying.",
        discussion: """
        Checks the signature with the team's public key, then that the statement approves the release and names the \
        artifacts and commit being deployed. Exits 0 when verified and acceptable; 1 when verified but not acceptable \
        (blocked, too old, another artifact or commit, another policy); 2 when invalid (bad signature, wrong key, \
        malformed). Each message names the check that failed.
        """
    )

    @Argument(help: "The statement `gate --attest` wrote.")
    var statement: String

    @Option(help: ArgumentHelp("The PEM public key (ECDSA P-256 or Ed25519): a file, or env:NAME.", valueName: "key"))
    var key: String

    @Option(help: ArgumentHelp("A model file or directory being deployed; the statement must name its digest (repeatable).", valueName: "path"))
    var artifact: [String] = []

    @Option(help: "The commit being deployed (7 or more hex digits).")
    var commit: String?

    @Option(help: "The oldest statement accepted, as a duration (7d, 36h, 30m).")
    var maxAge: String?

    @Option(help: "approved: refuse a blocked verdict; any: accept either (for audits).")
    var require: Requirement = .approved

    @Option(help: "The rubric-and-policy digest the verdict must have been reached under.")
    var rubricDigest: String?

    enum Requirement: String, ExpressibleByArgument, CaseIterable { case approved, any }

    func run() throws {
        var requirements = ReadinessRequirements()
        requirements.approved = require == .approved
        requirements.commit = commit
        requirements.policyDigest = rubricDigest
        requirements.now = Clock.now()
        if let maxAge {
            guard let seconds = Durations.parse(maxAge) else { throw ValidationError("--max-age takes a duration like 7d, 36h or 30m, not \(maxAge)") }
            requirements.maxAge = seconds
        }
        requirements.artifacts = try artifact.map { try ArtifactDigest.of(URL(fileURLWithPath: $0), name: $0) }
        let verifying = try VerifyingKey.load(key, environment: ProcessInfo.processInfo.environment)
        let data: Data
        do {
            let url = URL(fileURLWithPath: statement)
            let size = try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
            guard size <= DSSEEnvelope.maxBytes else {
                throw AttestationError.invalid("\(statement) is \(size) bytes; a readiness statement is at most \(DSSEEnvelope.maxBytes)")
            }
            data = try Data(contentsOf: url)
        } catch let error as AttestationError { throw error } catch {
            throw PreflightError.unreadable(path: statement, reason: error.localizedDescription)
        }
        let verified = try ReadinessVerifier.verify(data, key: verifying, requirements: requirements)
        let model = verified.detail?.model.map { "\($0.name)\($0.version.map { " \($0)" } ?? "")" } ?? verified.summary.resourceUri
        print("✓ verified: \(model), \(verified.summary.verificationResult) under \(verified.summary.policy.uri)")
        for check in verified.checks { print("  \(check)") }
    }
}

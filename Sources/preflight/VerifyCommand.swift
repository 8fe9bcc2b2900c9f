import ArgumentParser
import Foundation
import PreflightAttestation
import PreflightKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a signed readiness statement before deploying.",
        discussion: """
        Checks the signature with the team's public key (kept outside the repository being deployed), then that the \
        statement approves the release and names the artifacts and commit being deployed. Without --artifact, \
        --commit and --max-age, any approved statement that key signed passes, however old: give them. \
        Exits 0 when verified and acceptable; 1 when verified but not acceptable (blocked, too old, another artifact \
        or commit, another policy); 2 when invalid (bad signature, wrong key, malformed) or when an option is wrong. \
        Each message names the check that failed. The age is measured by this machine's clock, never SOURCE_DATE_EPOCH.
        """
    )

    @Argument(help: "The statement `gate --attest` wrote.")
    var statement: String

    @Option(help: ArgumentHelp("The PEM public key (ECDSA P-256 or Ed25519): a file, or env:NAME.", valueName: "key"))
    var key: String

    @Option(help: ArgumentHelp("A model file or directory being deployed, relative to the current directory; the statement must name its digest (a directory: each file by name too; repeatable).", valueName: "path"))
    var artifact: [String] = []

    @Option(help: "The commit being deployed (7 or more hex digits).")
    var commit: String?

    @Option(help: "The oldest statement accepted, as a duration (7d, 36h, 30m).")
    var maxAge: String?

    @Option(help: "approved: refuse a blocked verdict; any: accept either (for audits).")
    var require: Requirement = .approved

    @Option(help: "The rubric-and-policy digest the verdict must have been reached under (64 hex digits; `verify` prints it on its policy: line).")
    var rubricDigest: String?

    enum Requirement: String, ExpressibleByArgument, CaseIterable { case approved, any }

    /// The statement's bytes, read through a handle up to one byte past the limit: a pipe (`<(…)`, /dev/stdin) has no
    /// size to ask first, and a hostile file is refused without being read whole.
    static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PreflightError.unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw PreflightError.unreadable(path: path, reason: "it is a directory, not a statement file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw PreflightError.unreadable(path: path, reason: "it cannot be opened") }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: DSSEEnvelope.maxBytes + 1) ?? Data() } catch {
            throw PreflightError.unreadable(path: path, reason: error.localizedDescription)
        }
        guard data.count <= DSSEEnvelope.maxBytes else {
            throw AttestationError.invalid("\(path) is over \(DSSEEnvelope.maxBytes) bytes; a readiness statement is at most that")
        }
        return data
    }

    func validate() throws {
        if let commit, commit.count < 7 || commit.count > 64 || !commit.allSatisfy(\.isHexDigit) {
            throw ValidationError("--commit takes 7 to 64 hex digits of the commit being deployed, not '\(commit)'")
        }
        if let rubricDigest, rubricDigest.count != 64 || !rubricDigest.allSatisfy(\.isHexDigit) {
            throw ValidationError("--rubric-digest takes the 64 hex digits verify prints on its policy: line, not '\(rubricDigest)'")
        }
        if let maxAge, Durations.parse(maxAge) == nil {
            throw ValidationError("--max-age takes a duration like 7d, 36h or 30m, not \(maxAge)")
        }
    }

    func run() throws {
        var requirements = ReadinessRequirements()
        requirements.approved = require == .approved
        requirements.commit = commit
        requirements.policyDigest = rubricDigest
        // The deploy's own clock: SOURCE_DATE_EPOCH, set for reproducible builds, must not stop statements ageing.
        requirements.now = Date()
        requirements.maxAge = maxAge.flatMap(Durations.parse)
        let verifying = try VerifyingKey.load(key, environment: ProcessInfo.processInfo.environment)
        let data = try Self.read(statement)
        requirements.artifacts = try artifact.map { try ArtifactDigest.of(URL(fileURLWithPath: $0), name: $0) }
        let verified = try ReadinessVerifier.verify(data, key: verifying, requirements: requirements)
        let model = verified.detail?.model.map { "\($0.name)\($0.version.map { " \($0)" } ?? "")" } ?? verified.summary.resourceUri
        print("✓ verified: \(model), \(verified.summary.verificationResult) under \(verified.summary.policy.uri)")
        for check in verified.checks { print("  \(check)") }
    }
}

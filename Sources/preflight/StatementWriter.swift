import Foundation
import PreflightAttestation
import PreflightKit

/// Signs the verdict and writes the statement where `--attest` asked.
struct StatementWriter {
    var path: String
    var key: SigningKey
    var artifacts: [ArtifactDigest]
    /// What differed from the commit before the gate ran (nil when git could not tell; empty outside git).
    var changes: [String]?

    /// Writes the statement; returns its sha256, which the history keeps. A work tree that is not its commit is said,
    /// and the statement then names no commit.
    func write(_ evaluation: Evaluation) throws -> String {
        let changes = evaluation.repository.commit == nil ? [] : self.changes
        if let commit = evaluation.repository.commit, changes?.isEmpty != true {
            let count = changes.map { "\($0.count) files differ" } ?? "git status failed"
            FileHandle.standardError.write(Data("note: the work tree is not commit \(commit.prefix(12)) (\(count)); the statement names no commit\n".utf8))
        }
        let bundle = try ReadinessStatement.bundle(evaluation, artifacts: artifacts, changes: changes, key: key)
        do { try bundle.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw PreflightError.unwritable(path: path, reason: error.localizedDescription)
        }
        return ReadinessStatement.digest(bundle)
    }
}

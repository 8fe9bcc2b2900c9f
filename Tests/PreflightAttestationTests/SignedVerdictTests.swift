import Crypto
import Foundation
import PreflightTestSupport
import Testing
@testable import PreflightAttestation

/// `gate --attest` and `verify`, run as the gate job and the deploy job run them, checked against independent
/// implementations: securesystemslib verifies what Preflight signs and signs what Preflight verifies, and OpenSSF
/// model signing hashes the model directory the statement names.
@Suite struct SignedVerdictTests {
    static let binary = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("preflight").path
    static let interop = Bundle.module.bundleURL.appendingPathComponent("Fixtures/dsse_interop.py").path
    /// The gates of a test run are dated now, to the second (verify ages statements by the real clock).
    static let now = Int(Date().timeIntervalSince1970)
    static let time = ["SOURCE_DATE_EPOCH": "\(now)", "NO_COLOR": "1"]
    static var nowText: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(now)))
    }

    struct Keys {
        var directory: TemporaryDirectory
        var privateKey: String
        var publicKey: String
        var privatePEM: String
    }

    /// A key pair written as OpenSSL writes it: PKCS #8 and SubjectPublicKeyInfo PEM.
    static func keys(_ algorithm: String) throws -> Keys {
        let directory = try TemporaryDirectory()
        let (privatePEM, publicPEM): (String, String)
        if algorithm == "p256" {
            let key = P256.Signing.PrivateKey()
            (privatePEM, publicPEM) = (key.pemRepresentation, key.publicKey.pemRepresentation)
        } else {
            let key = Curve25519.Signing.PrivateKey()
            privatePEM = PEMBlock.encode("PRIVATE KEY", Data(SigningKey.ed25519PKCS8Prefix) + key.rawRepresentation)
            publicPEM = PEMBlock.encode("PUBLIC KEY", Data(VerifyingKey.ed25519SPKIPrefix) + key.publicKey.rawRepresentation)
        }
        try directory.write("key.pem", privatePEM)
        try directory.write("key.pub", publicPEM)
        return Keys(directory: directory, privateKey: directory.url.appendingPathComponent("key.pem").path,
                    publicKey: directory.url.appendingPathComponent("key.pub").path, privatePEM: privatePEM)
    }

    /// The canary repository with a model directory and preflight.yaml naming it as the artifact.
    static func repository(minimumScore: Int = 0) throws -> TemporaryDirectory {
        let repo = try canaryRepository()
        try repo.write("models/fraud/weights.bin", "0123456789")
        try repo.write("models/fraud/nested/config.json", "{\"layers\": 3}")
        try repo.write("models/fraud/.gitignore", "*.tmp\n")
        try repo.write("preflight.yaml", "version: 1\nmodel: { name: demo, version: 2.0.0 }\npolicy: { minimumScore: \(minimumScore) }\nartifacts: [models/fraud]\n")
        try repo.commitAll()
        return repo
    }

    func preflight(_ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
        try run(Self.binary, arguments, environment: Self.time.merging(environment) { _, new in new })
    }

    func python(_ arguments: [String]) throws -> RunResult { try run("/usr/bin/env", ["python3", Self.interop] + arguments) }

    func lines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test(arguments: ["p256", "ed25519"])
    func securesystemslibVerifiesWhatTheGateSignsAndModelSigningAgreesOnTheModel(algorithm: String) throws {
        let repo = try Self.repository()
        let keys = try Self.keys(algorithm)
        let out = repo.url.appendingPathComponent("readiness.intoto.json").path
        let gate = try preflight(["gate", repo.path, "-q", "--attest", out, "--signing-key", keys.privateKey])
        #expect(gate.status == 0, "\(gate.errors)")
        #expect(try lines(out).count == 2)

        let verified = try python(["verify", out, keys.publicKey])
        #expect(verified.status == 0, "\(verified.errors)")
        let answer = try #require(JSONSerialization.jsonObject(with: Data(verified.output.utf8)) as? [String: Any])
        let statements = try #require(answer["statements"] as? [[String: Any]])
        #expect(statements.map { $0["predicateType"] as? String } == [VerificationSummary.predicateType, ReadinessPredicate.predicateType])
        #expect(statements.allSatisfy { $0["_type"] as? String == "https://in-toto.io/Statement/v1" })
        let summary = try #require(statements[0]["predicate"] as? [String: Any])
        #expect(summary["verificationResult"] as? String == "PASSED")
        #expect((summary["verifiedLevels"] as? [String])?.contains("PREFLIGHT_APPROVED") == true)
        #expect(summary["timeVerified"] as? String == Self.nowText)
        let detail = try #require(statements[1]["predicate"] as? [String: Any])
        #expect((detail["items"] as? [[String: Any]])?.count == 28)
        #expect(detail["decision"] as? String == "approved")

        // The subject names the model directory by the digest model signing computes (its .gitignore left out),
        // and the commit that was gated.
        let subjects = try #require(statements[0]["subject"] as? [[String: Any]])
        let model = try python(["model-digest", repo.url.appendingPathComponent("models/fraud").path])
        let manifest = try #require(JSONSerialization.jsonObject(with: Data(model.output.utf8)) as? [String: Any])
        #expect(subjects.first?["name"] as? String == "models/fraud")
        #expect((subjects.first?["digest"] as? [String: String])?["sha256"] == manifest["sha256"] as? String)
        let files = try #require((detail["artifacts"] as? [[String: Any]])?.first?["files"] as? [[String: String]])
        let expected = try #require(manifest["files"] as? [String: String])
        #expect(Dictionary(uniqueKeysWithValues: files.map { ($0["path"]!, $0["sha256"]!) }) == expected)
        let commit = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect((subjects.last?["digest"] as? [String: String])?["gitCommit"] == commit)

        // And the deploy side accepts it for this model and this commit.
        let deploy = try preflight(["verify", out, "--key", keys.publicKey, "--artifact", repo.url.appendingPathComponent("models/fraud").path,
                                    "--commit", String(commit.prefix(12)), "--max-age", "1d"])
        #expect(deploy.status == 0, "\(deploy.errors)")
        #expect(deploy.output.contains("✓ verified: demo 2.0.0, PASSED"))
    }

    @Test(arguments: ["p256", "ed25519"])
    func theGateVerifiesWhatSecuresystemslibSigns(algorithm: String) throws {
        let keys = try Self.keys(algorithm)
        let statement = try statement(in: keys.directory, predicateType: VerificationSummary.predicateType)
        let signed = try python(["sign", keys.privateKey, statement])
        #expect(signed.status == 0, "\(signed.errors)")
        try keys.directory.write("python.intoto.json", signed.output)
        let result = try preflight(["verify", keys.directory.url.appendingPathComponent("python.intoto.json").path, "--key", keys.publicKey])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("signature: the envelope verifies"))
    }

    /// A summary statement written by hand, as another signer would write it.
    func statement(in directory: TemporaryDirectory, predicateType: String, result: String = "PASSED") throws -> String {
        try directory.write("statement.json", """
            {"_type": "https://in-toto.io/Statement/v1", "subject": [{"name": "model.pkl", "digest": {"sha256": "\(String(repeating: "ab", count: 32))"}}],
             "predicateType": "\(predicateType)",
             "predicate": {"verifier": {"id": "https://example.com/gate", "version": {}}, "timeVerified": "2026-11-18T00:00:00Z",
               "resourceUri": "git+model@abc", "policy": {"uri": "preflight:rubric/ml-test-score", "digest": {"sha256": "00"}},
               "verificationResult": "\(result)", "verifiedLevels": ["PREFLIGHT_APPROVED"]}}
            """)
        return directory.url.appendingPathComponent("statement.json").path
    }

    /// The history keeps the statement's digest with the record, so an auditor can tie a statement to its evaluation.
    @Test func theHistoryRecordsTheStatementsDigest() throws {
        let repo = try Self.repository()
        let keys = try Self.keys("p256")
        let out = repo.url.appendingPathComponent("r.json").path
        let database = repo.url.appendingPathComponent("history.sqlite").path
        let gate = try preflight(["gate", repo.path, "-q", "--attest", out, "--signing-key", keys.privateKey, "--record", "--history", database])
        #expect(gate.status == 0, "\(gate.errors)")
        let stored = try run("/usr/bin/env", ["python3", "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT attestation FROM evaluation').fetchone()[0])", database])
        let digest = ArtifactDigest.hex(SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: out))))
        #expect(stored.output.trimmingCharacters(in: .whitespacesAndNewlines) == digest, "\(stored.errors)")
        // A gate whose statement cannot be written records nothing.
        let unwritable = try preflight(["gate", repo.path, "-q", "--attest", "/nonexistent/dir/r.json", "--signing-key", keys.privateKey,
                                        "--record", "--history", database])
        #expect(unwritable.status == 2)
        let count = try run("/usr/bin/env", ["python3", "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM evaluation').fetchone()[0])", database])
        #expect(count.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test func whatTheDeployDoesNotAcceptExitsOneAndSaysWhy() throws {
        let repo = try Self.repository()
        let keys = try Self.keys("p256")
        let out = repo.url.appendingPathComponent("r.json").path
        #expect(try preflight(["gate", repo.path, "-q", "--attest", out, "--signing-key", keys.privateKey]).status == 0)
        // Another model: its digest is not the statement's subject.
        try repo.write("other.bin", "not the model")
        let other = try preflight(["verify", out, "--key", keys.publicKey, "--artifact", repo.url.appendingPathComponent("other.bin").path])
        #expect(other.status == 1)
        #expect(other.errors.contains("subject: ") && other.errors.contains("is not what the statement names (models/fraud sha256:"))
        // Another commit, and too old: a statement of a gate run a week ago, with at most a day accepted. The deploy's
        // SOURCE_DATE_EPOCH (set for reproducible builds) does not make it young.
        let old = repo.url.appendingPathComponent("old.json").path
        #expect(try preflight(["gate", repo.path, "-q", "--attest", old, "--signing-key", keys.privateKey],
                              environment: ["SOURCE_DATE_EPOCH": "\(Self.now - 7 * 86_400)"]).status == 0)
        let late = try preflight(["verify", old, "--key", keys.publicKey, "--commit", "0123456789abcdef", "--max-age", "1d"],
                                 environment: ["SOURCE_DATE_EPOCH": "\(Self.now - 7 * 86_400)"])
        #expect(late.status == 1)
        #expect(late.errors.contains("the signature verifies, but the deploy must not go on"))
        #expect(late.errors.contains("commit: 0123456789abcdef is not the statement's"))
        #expect(late.errors.contains("time: the statement is 7 d old ("), "\(late.errors)")
        #expect(late.errors.contains("at most 24 h is accepted"))
        // A commit that is no commit is a wrong option, not a refused model.
        for bad in ["HEAD", "a6b", ""] {
            #expect(try preflight(["verify", out, "--key", keys.publicKey, "--commit", bad]).status == 2, "\(bad)")
        }
        // Another policy.
        let policy = try preflight(["verify", out, "--key", keys.publicKey, "--rubric-digest", String(repeating: "0", count: 64)])
        #expect(policy.status == 1 && policy.errors.contains("policy: the verdict was reached under rubric and policy"))

        // A blocked release is signed too (the record says so), and refused unless the deploy reads any verdict.
        let strict = try Self.repository(minimumScore: 5)
        let blocked = strict.url.appendingPathComponent("r.json").path
        #expect(try preflight(["gate", strict.path, "-q", "--attest", blocked, "--signing-key", keys.privateKey]).status == 1)
        let refused = try preflight(["verify", blocked, "--key", keys.publicKey])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("result: the release was blocked (FAILED; final score"))
        #expect(try preflight(["verify", blocked, "--key", keys.publicKey, "--require", "any"]).status == 0)
    }

    /// A directory is named by its files' bytes and by their names: the same bytes under swapped names are refused,
    /// and the directory digest is model signing's also where a folder and a file share a prefix (`unet/`,
    /// `unet.safetensors`).
    @Test func aModelDirectoryIsCheckedFileByFile() throws {
        let repo = try Self.repository()
        try repo.write("models/fraud/unet/config.json", "{}")
        try repo.write("models/fraud/unet.safetensors", "weights")
        try repo.write("models/fraud/model_prev.onnx", "OLD")
        try repo.write("models/fraud/model.onnx", "GOOD")
        try repo.commitAll()
        let keys = try Self.keys("ed25519")
        let out = repo.url.appendingPathComponent("r.json").path
        #expect(try preflight(["gate", repo.path, "-q", "--attest", out, "--signing-key", keys.privateKey]).status == 0)
        let model = repo.url.appendingPathComponent("models/fraud").path
        let manifest = try #require(JSONSerialization.jsonObject(with: Data(try python(["model-digest", model]).output.utf8)) as? [String: Any])
        let encoded = try #require(try lines(out).first?["payload"] as? String)
        let payload = try #require(Data(base64Encoded: encoded))
        let statement = try #require(JSONSerialization.jsonObject(with: payload) as? [String: Any])
        let subject = ((statement["subject"] as? [[String: Any]])?.first?["digest"] as? [String: String])?["sha256"]
        #expect(subject == manifest["sha256"] as? String)
        #expect(try preflight(["verify", out, "--key", keys.publicKey, "--artifact", model]).status == 0)
        // Rename the files in their order: the digests, in the same order, give the same directory digest, and the
        // model served is the old one.
        try FileManager.default.moveItem(atPath: model + "/model.onnx", toPath: model + "/backup.onnx")
        try FileManager.default.moveItem(atPath: model + "/model_prev.onnx", toPath: model + "/model.onnx")
        let renamed = try preflight(["verify", out, "--key", keys.publicKey, "--artifact", model])
        #expect(renamed.status == 1)
        #expect(renamed.errors.contains("holds the approved bytes under other names (backup.onnx, model.onnx, model_prev.onnx)"), "\(renamed.errors)")
    }

    /// The summary of one evaluation beside the record of another is no verdict, though each is signed.
    @Test func aSummaryAndARecordOfDifferentRunsAreRefused() throws {
        let repo = try Self.repository()
        let keys = try Self.keys("p256")
        let approved = repo.url.appendingPathComponent("a.json").path, blocked = repo.url.appendingPathComponent("b.json").path
        #expect(try preflight(["gate", repo.path, "-q", "--attest", approved, "--signing-key", keys.privateKey]).status == 0)
        #expect(try preflight(["gate", repo.path, "-q", "--attest", blocked, "--signing-key", keys.privateKey, "--min-score", "6"]).status == 1)
        let first = try String(contentsOfFile: approved, encoding: .utf8).split(separator: "\n")[0]
        let second = try String(contentsOfFile: blocked, encoding: .utf8).split(separator: "\n")[1]
        try repo.write("spliced.json", "\(first)\n\(second)\n")
        let spliced = try preflight(["verify", repo.url.appendingPathComponent("spliced.json").path, "--key", keys.publicKey])
        #expect(spliced.status == 2)
        #expect(spliced.errors.contains("the summary and the record are of different evaluations"), "\(spliced.errors)")
    }

    /// A gate whose inputs are not its commit (an uncommitted preflight.yaml) names no commit, and says so.
    @Test func aWorkTreeThatIsNotItsCommitNamesNoCommit() throws {
        let repo = try Self.repository()
        let keys = try Self.keys("ed25519")
        try repo.write("preflight.yaml", "version: 1\nmodel: { name: demo }\npolicy: { minimumScore: 0 }\nartifacts: [models/fraud]\n# relaxed locally\n")
        let out = repo.url.appendingPathComponent("r.json").path
        let gate = try preflight(["gate", repo.path, "-q", "--attest", out, "--signing-key", keys.privateKey])
        #expect(gate.status == 0)
        #expect(gate.errors.contains("the work tree is not commit") && gate.errors.contains("the statement names no commit"), "\(gate.errors)")
        let commit = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let deploy = try preflight(["verify", out, "--key", keys.publicKey, "--commit", commit])
        #expect(deploy.status == 1 && deploy.errors.contains("it names no commit"), "\(deploy.errors)")
        // Reports and the history written into the checkout are no input: the tree is still its commit.
        _ = try repo.git("checkout", "-q", "preflight.yaml")
        try repo.write("reports/readiness.txt", "old report\n")
        let clean = try preflight(["gate", repo.path, "-q", "--attest", out, "--signing-key", keys.privateKey, "--record"])
        #expect(clean.status == 0 && !clean.errors.contains("work tree"), "\(clean.errors)")
        #expect(try preflight(["verify", out, "--key", keys.publicKey, "--commit", commit]).status == 0)
    }

    /// Keys as teams have them: `openssl ecparam -genkey` writes the curve's parameters first; other curves and
    /// encrypted keys are named as what they are; key text pasted where a file goes is refused, not echoed.
    @Test func keysAsOpenSSLWritesThem() throws {
        let directory = try TemporaryDirectory()
        let key = P256.Signing.PrivateKey()
        let parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
        let sec1 = PEMBlock.encode("EC PRIVATE KEY", key.derRepresentation)
        #expect(try SigningKey(pem: parameters + sec1).publicKey.keyID == VerifyingKey.p256(key.publicKey).keyID)
        #expect(try SigningKey(pem: "  " + sec1.replacingOccurrences(of: "\n", with: "\n  ")).publicKey.keyID == VerifyingKey.p256(key.publicKey).keyID)
        #expect(throws: AttestationError.key("the private key is on another curve (P-384 or P-521); sign with ECDSA P-256 or Ed25519")) {
            try SigningKey(pem: P384.Signing.PrivateKey().pemRepresentation)
        }
        #expect(throws: AttestationError.self) { try SigningKey(pem: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n") }
        let header: [UInt8] = [0x30, 0x39, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
                               0x3d, 0x03, 0x01, 0x07, 0x03, 0x22, 0x00]
        let compressed = Data(header) + key.publicKey.compressedRepresentation
        #expect(try VerifyingKey(pem: PEMBlock.encode("PUBLIC KEY", compressed)).keyID == VerifyingKey.p256(key.publicKey).keyID)
        try directory.write("r.json", "{}")
        let pasted = try preflight(["verify", directory.url.appendingPathComponent("r.json").path, "--key=\(key.publicKey.pemRepresentation)"])
        #expect(pasted.status == 2 && pasted.errors.contains("looks like the key itself") && !pasted.errors.contains("BEGIN"), "\(pasted.errors)")
    }

    @Test func whatIsNotASignedStatementExitsTwoAndSaysWhy() throws {
        let repo = try Self.repository()
        let keys = try Self.keys("ed25519")
        let out = repo.url.appendingPathComponent("r.json").path
        #expect(try preflight(["gate", repo.path, "-q", "--attest", out, "--signing-key", keys.privateKey]).status == 0)
        let original = try String(contentsOfFile: out, encoding: .utf8)
        let first = try #require(try lines(out).first)
        let encoder = JSONSerialization.self
        func variant(_ name: String, _ envelope: [String: Any]) throws -> String {
            try repo.write(name, String(decoding: try encoder.data(withJSONObject: envelope), as: UTF8.self))
            return repo.url.appendingPathComponent(name).path
        }
        var tampered = first
        let payload = try #require(Data(base64Encoded: first["payload"] as! String))
        tampered["payload"] = Data(String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "PASSED", with: "PASSEd").utf8).base64EncodedString()
        var unsigned = first
        unsigned["signatures"] = []
        var twice = first
        twice["signatures"] = (first["signatures"] as! [Any]) + (first["signatures"] as! [Any])
        var badBase64 = first
        badBase64["payload"] = "not base64 !!"
        let other = try Self.keys("ed25519")
        let cases: [(String, String)] = [
            (try variant("tampered.json", tampered), "no signature verifies with the Ed25519 key"),
            (try variant("unsigned.json", unsigned), "the envelope has no signature"),
            (try variant("twice.json", twice), "signature 2 repeats an earlier one"),
            (try variant("base64.json", badBase64), "the payload is not base64"),
        ]
        for (file, message) in cases {
            let result = try preflight(["verify", file, "--key", keys.publicKey])
            #expect(result.status == 2, "\(file)")
            #expect(result.errors.contains(message), "\(file): \(result.errors)")
        }
        let wrongKey = try preflight(["verify", out, "--key", other.publicKey])
        #expect(wrongKey.status == 2 && wrongKey.errors.contains("no signature verifies"))
        try repo.write("broken.json", String(original.prefix(40)))
        let broken = try preflight(["verify", repo.url.appendingPathComponent("broken.json").path, "--key", keys.publicKey])
        #expect(broken.status == 2 && broken.errors.contains("line 1 is not a DSSE envelope"), "\(broken.errors)")

        // A statement of another type, validly signed, is not a readiness verdict.
        let foreign = try python(["sign", keys.privateKey, try statement(in: repo, predicateType: "https://slsa.dev/provenance/v1")])
        try repo.write("foreign.json", foreign.output)
        let unknown = try preflight(["verify", repo.url.appendingPathComponent("foreign.json").path, "--key", keys.publicKey])
        #expect(unknown.status == 2 && unknown.errors.contains("predicate type https://slsa.dev/provenance/v1, which Preflight does not write"))

        // A 100 MB envelope is refused by its size, before a byte of JSON is parsed.
        let huge = repo.url.appendingPathComponent("huge.json")
        FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 100 << 20)
        try handle.close()
        let started = Date()
        let big = try preflight(["verify", huge.path, "--key", keys.publicKey])
        #expect(big.status == 2 && big.errors.contains("a readiness statement is at most"))
        #expect(Date().timeIntervalSince(started) < 10)
        // A private key given where the public key goes is refused, and not printed.
        let swapped = try preflight(["verify", out, "--key", keys.privateKey])
        #expect(swapped.status == 2 && swapped.errors.contains("verification takes a PEM public key"))
        #expect(!swapped.errors.contains(keys.privatePEM.split(separator: "\n")[1]))
    }

    @Test func theSigningKeyComesFromTheEnvironmentAndIsNeverWrittenOut() throws {
        let repo = try Self.repository()
        let keys = try Self.keys("p256")
        let out = repo.url.appendingPathComponent("r.json").path
        let reports = repo.url.appendingPathComponent("reports").path
        let gate = try preflight(["gate", repo.path, "--attest", out, "--signing-key", "env:READINESS_KEY", "--output-dir", reports, "--format", "json,text"],
                                 environment: ["READINESS_KEY": keys.privatePEM])
        #expect(gate.status == 0, "\(gate.errors)")
        #expect(try preflight(["verify", out, "--key", keys.publicKey]).status == 0)
        let secret = String(keys.privatePEM.split(separator: "\n")[1])
        for text in [gate.output, gate.errors, try String(contentsOfFile: out, encoding: .utf8),
                     try String(contentsOfFile: reports + "/readiness.json", encoding: .utf8)] {
            #expect(!text.contains(secret))
        }
        // The variable is read once and gone: a Prometheus credential in the repository's own preflight.yaml that names it
        // finds nothing to send.
        try repo.write("preflight.yaml", """
            version: 1
            model: { name: demo }
            policy: { minimumScore: 0 }
            sources: { prometheus: { url: "http://127.0.0.1:9", timeout: 1s, basicAuth: { userEnv: READINESS_KEY, passwordEnv: HOME } } }
            """)
        try repo.write("alerts/rules.yml", "groups: []\n")
        try repo.commitAll()
        let leak = try preflight(["gate", repo.path, "--attest", out, "--signing-key", "env:READINESS_KEY", "--format", "json"],
                                 environment: ["READINESS_KEY": keys.privatePEM])
        #expect(leak.output.contains("READINESS_KEY or HOME is not set: no credentials to send"), "\(leak.output.prefix(300))")
        #expect(!leak.output.contains(secret) && !leak.errors.contains(secret))
        // No key, a variable that is not set, or a key that is not one: refused before the gate runs, nothing written.
        let missing = try preflight(["gate", repo.path, "--attest", out + ".2"])
        #expect(missing.status == 2 && missing.errors.contains("--attest needs --signing-key"))
        let unset = try preflight(["gate", repo.path, "--attest", out + ".2", "--signing-key", "env:NOT_SET_ANYWHERE"])
        #expect(unset.status == 2 && unset.errors.contains("the signing key variable NOT_SET_ANYWHERE is not set"))
        let notAKey = try preflight(["gate", repo.path, "--attest", out + ".2", "--signing-key", keys.publicKey])
        #expect(notAKey.status == 2 && notAKey.errors.contains("a signing key is a PEM private key"))
        #expect(!FileManager.default.fileExists(atPath: out + ".2"))
        // An artifact outside the repository, or one that is not there, is refused with where it is named.
        try repo.write("preflight.yaml", "version: 1\nmodel: { name: demo }\nartifacts: [models/fraud, ../outside]\n")
        let outside = try preflight(["gate", repo.path, "--attest", out + ".2", "--signing-key", keys.privateKey])
        #expect(outside.status == 2 && outside.errors.contains("preflight.yaml:3:") && outside.errors.contains("'../outside' must be a relative path inside the repository"), "\(outside.errors)")
        try repo.write("preflight.yaml", "version: 1\nmodel: { name: demo }\n")
        let absent = try preflight(["gate", repo.path, "--attest", out + ".2", "--signing-key", keys.privateKey, "--artifact", "/nonexistent/model.pkl"])
        #expect(absent.status == 2 && absent.errors.contains("artifact /nonexistent/model.pkl does not exist"), "\(absent.errors)")
        #expect(!FileManager.default.fileExists(atPath: out + ".2"))
    }
}

/// The envelope reader's fuzz seeds (`scripts/fuzz envelope`) go through it in the test process, each in bounded time.
@Suite struct EnvelopeSeedTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/corpus/envelope").standardized
    /// The RFC 8410 example key, which signed the seeds.
    static let key = try! VerifyingKey(pem: "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n")

    @Test func seedsAreReadWithoutCrashingAndTheSignedOnesVerify() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(names.count >= 5)
        var requirements = ReadinessRequirements()
        requirements.approved = false
        requirements.now = Date(timeIntervalSince1970: 1_795_000_000)
        var verified: [String] = []
        for name in names {
            let start = Date()
            if (try? ReadinessVerifier.verify(try Data(contentsOf: Self.corpus.appendingPathComponent(name)), key: Self.key, requirements: requirements)) != nil {
                verified.append(name)
            }
            #expect(Date().timeIntervalSince(start) < 5, "\(name) took too long")
        }
        #expect(verified == ["bundle.jsonl", "pretty.json", "summary.json", "urlsafe.json"])
    }
}

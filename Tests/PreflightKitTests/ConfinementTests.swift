import Foundation
import Testing
@testable import PreflightKit

/// A hostile repository tries every way out of its root: the gate ends in time, reads nothing outside, says what it
/// refused, and no output format carries a byte of what lies outside.
@Suite struct ConfinementTests {
    static let rubric = oneSectionRubric([
        #"{ id: content, title: c, why: w, how: h, automated: { files: ["**/*"], contains: "root|TOPSECRET" } }"#,
        #"{ id: keys, title: k, why: w, how: h, automated: { key: root, in: ["**/*.yaml"] } }"#,
        #"{ id: report, title: r, why: w, how: h, automated: { report: { in: ["**/*.json"], format: json, passed: true } } }"#,
        "{ id: review, title: v, why: w, how: h, manual: { attestation: true } }",
    ], id: "confinement")

    /// Outside the repository: a secret the repository links to.
    static let secret = "TOPSECRET-4c1d"

    /// Builds the hostile tree; `git` commits it first (the index then lists the planted links and files).
    func hostileRepository(git: Bool) throws -> (repo: TemporaryDirectory, outside: TemporaryDirectory) {
        let outside = try TemporaryDirectory()
        try outside.write("secret.yaml", "root: \(Self.secret)\n")
        try outside.write("secret.json", #"{"root": "\#(Self.secret)"}"#)
        try outside.write("secret.md", "\(Self.secret)\n")
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", Self.rubric)
        try repo.write("preflight.yaml", "version: 1\nmodel: { name: m, version: 1.0.0 }\nrubric: rubric.yaml\n")
        try repo.write("docs/review.md", "# ok\n")
        try repo.write("readiness/attestations.yaml", """
            version: 1
            attestations:
              - { item: review, summary: a, by: a@example.com, date: 2026-11-10, document: /etc/passwd }
              - { item: review, summary: b, by: b@example.com, date: 2026-11-10, document: ../secret.md }
              - { item: review, summary: c, by: c@example.com, date: 2026-11-10, document: linked/secret.md }

            """)
        try repo.write("fifo.yaml", "root: placeholder\n")
        try repo.write("device.yaml", "root: placeholder\n")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: repo.path + "/passwd.yaml", withDestinationPath: "/etc/passwd")
        try manager.createSymbolicLink(atPath: repo.path + "/passwd.json", withDestinationPath: "/etc/passwd")
        try manager.createSymbolicLink(atPath: repo.path + "/linked", withDestinationPath: outside.path)
        try manager.createSymbolicLink(atPath: repo.path + "/.gitignore", withDestinationPath: "/etc/passwd")
        if git { try repo.commitAll() }
        // After the listing's source is written: what git recorded as files are now a FIFO and a device.
        try manager.removeItem(atPath: repo.path + "/fifo.yaml")
        #expect(mkfifo(repo.path + "/fifo.yaml", 0o644) == 0)
        try manager.removeItem(atPath: repo.path + "/device.yaml")
        if getuid() == 0 {
            #expect(mknod(repo.path + "/device.yaml", S_IFCHR | 0o644, makedev(1, 5)) == 0)   // /dev/zero
        } else {
            try manager.createSymbolicLink(atPath: repo.path + "/device.yaml", withDestinationPath: "/dev/zero")
        }
        return (repo, outside)
    }

    private func makedev(_ major: UInt32, _ minor: UInt32) -> dev_t {
        dev_t((major << 8) | minor)
    }

    @Test(arguments: [true, false])
    func nothingOutsideTheRootIsRead(git: Bool) throws {
        let (repo, _) = try hostileRepository(git: git)
        let output = try TemporaryDirectory()
        let formats = "text,json,markdown,html,sarif,junit,github,gitlab"
        let result = try run(CLITests.binary, ["gate", repo.path, "--format", formats, "--output-dir", output.path],
                             environment: CLITests.fixedTime, timeout: 60)
        #expect(result.status == 1, "\(result.errors)")   // blocked: what could not be read is an error, never a pass
        var everything = result.output + result.errors
        for name in try FileManager.default.contentsOfDirectory(atPath: output.path) {
            everything += try String(contentsOfFile: output.path + "/" + name, encoding: .utf8)
        }
        #expect(everything.count > 10_000)   // all eight reports were written
        let passwd = try String(contentsOfFile: "/etc/passwd", encoding: .utf8)
        let firstLine = try #require(passwd.split(separator: "\n").first.map(String.init))
        #expect(!everything.contains(firstLine), "a line of /etc/passwd reached the output")
        #expect(!everything.contains("root:x:0"))
        #expect(!everything.contains(Self.secret), "the secret outside the repository reached the output")

        let json = try String(contentsOfFile: output.path + "/readiness.json", encoding: .utf8)
        #expect(json.contains("symlink points outside the repository"))
        #expect(json.contains("not a regular file"))
        #expect(json.contains("outside the repository"))   // the attestations' documents
        let attestations = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["manual"]
        #expect("\(attestations ?? "")".contains("/etc/passwd"))
    }
}

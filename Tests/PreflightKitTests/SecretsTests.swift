import Foundation
import Testing
@testable import PreflightKit

/// Planted credentials never reach an output: no report format, history record, history listing, log line or error
/// message, even when the server echoes them back or the run fails.
@Suite(.serialized) struct SecretsTests {
    static let token = "tok-\(UUID().uuidString)"
    static let user = "svc-preflight"
    static let password = "pw-\(UUID().uuidString)"
    static var secrets: [String] {
        [token, password, Data("\(user):\(password)".utf8).base64EncodedString()]
    }

    /// Everything a run leaves behind: standard output and error, every report file, the history file's bytes and
    /// what the history commands print.
    func everything(auth: String, mode: String) throws -> String {
        let server = try FaultServer.shared.get()
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", PrometheusTests.rubric([("q", "{ query: 'up', below: 1 }")]))
        try repo.write("preflight.yaml", """
            version: 1
            model: { name: m, version: 1.0.0 }
            rubric: rubric.yaml
            sources:
              prometheus:
                url: "\(server.base(mode))"
                timeout: 2s
            \(auth)
            """)
        try repo.commitAll()
        let output = try TemporaryDirectory()
        let history = output.path + "/history.sqlite"
        let environment = CLITests.fixedTime.merging(["PREFLIGHT_TEST_TOKEN": Self.token, "PREFLIGHT_TEST_USER": Self.user,
                                                      "PREFLIGHT_TEST_PASSWORD": Self.password]) { $1 }
        var said = ""
        for arguments in [
            ["gate", repo.path, "--format", "text,json,markdown,html,sarif,junit,github,gitlab", "--output-dir", output.path + "/reports",
             "--record", "--history", history],
            ["gate", repo.path, "--format", "text"],
            ["history", "--history", history, "--format", "json"],
            ["history", "--history", history, "--format", "csv"],
            ["trend", "m", "--history", history],
        ] {
            let result = try run(CLITests.binary, arguments, environment: environment, timeout: 60)
            said += result.output + result.errors
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: output.path + "/reports") {
            said += try String(contentsOfFile: output.path + "/reports/" + name, encoding: .utf8)
        }
        said += String(decoding: try Data(contentsOf: URL(fileURLWithPath: history)), as: UTF8.self)
        return said
    }

    @Test(arguments: [
        ("    tokenEnv: PREFLIGHT_TEST_TOKEN", "ok"), ("    tokenEnv: PREFLIGHT_TEST_TOKEN", "echo"),
        ("    tokenEnv: PREFLIGHT_TEST_TOKEN", "status500"),
        ("    basicAuth: { userEnv: PREFLIGHT_TEST_USER, passwordEnv: PREFLIGHT_TEST_PASSWORD }", "ok"),
        ("    basicAuth: { userEnv: PREFLIGHT_TEST_USER, passwordEnv: PREFLIGHT_TEST_PASSWORD }", "echo"),
    ])
    func credentialsAppearNowhere(auth: String, mode: String) throws {
        let said = try everything(auth: auth, mode: mode)
        #expect(said.contains("Preflight readiness report") && said.contains("\"model\""))   // the run did write its outputs
        if mode == "echo" { #expect(said.contains("[redacted]")) }   // the server did send the credential back
        for secret in Self.secrets { #expect(!said.contains(secret), "\(mode): a credential reached an output") }
    }

    /// A URL with user:password is refused on the command line and in preflight.yaml; the refusal does not
    /// repeat the password.
    @Test func aURLWithCredentialsIsRefusedWithoutRepeatingThem() throws {
        let repo = try TemporaryDirectory()
        try repo.write("preflight.yaml", "version: 1\nsources:\n  prometheus:\n    url: \"https://reader:\(Self.password)@prom.example.com\"\n")
        try repo.commitAll()
        let configured = try run(CLITests.binary, ["gate", repo.path], environment: CLITests.fixedTime)
        let flagged = try run(CLITests.binary, ["gate", repo.path, "--config", "/dev/null", "--prometheus",
                                                "https://reader:\(Self.password)@prom.example.com"], environment: CLITests.fixedTime)
        for result in [configured, flagged] {
            #expect(result.status == 2)
            #expect(result.errors.contains("credentials") || result.errors.contains("without credentials"), "\(result.errors)")
            #expect(!(result.output + result.errors).contains(Self.password))
        }
    }
}

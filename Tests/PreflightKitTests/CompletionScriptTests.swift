import Foundation
import Testing

/// The completion scripts the README documents: every command is in each, and bash reads its script.
@Suite struct CompletionScriptTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func everyCommandCompletes(shell: String) throws {
        let script = try run(CLITests.binary, ["--generate-completion-script", shell])
        #expect(script.status == 0)
        for command in ["gate", "validate", "explain", "probes", "pipelines", "monitoring", "rules", "check", "history", "attest", "waive"] {
            #expect(script.output.contains(command), "\(shell): \(command)")
        }
        if shell == "bash" {
            let directory = try TemporaryDirectory()
            try directory.write("preflight.bash", script.output)
            let parsed = try run("/bin/bash", ["-n", directory.path + "/preflight.bash"])
            #expect(parsed.status == 0, "\(parsed.errors)")
        }
    }
}

import ArgumentParser
import PreflightAttestation
import Foundation
import PreflightKit
import PreflightReport

@main
struct PreflightCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Decide whether a machine-learning model is ready for production, and block the release when it is not.",
        discussion: """
        Preflight scores a model repository against a rubric (by default Google's ML Test Score), \
        from evidence in its files, CI pipelines and git history, its monitoring (a live Prometheus, \
        validation and drift reports) and signed attestations, and can record each result to track it across versions.

        Exit codes:
          0  approved (gate), valid (validate), verified and acceptable (verify)
          1  blocked by the policy; (verify) signed, but the deploy must not go on
          2  could not decide: bad input or arguments, unreadable repository or
             history, past --time-limit; (verify) no valid signed statement
        """,
        version: Preflight.version,
        subcommands: [GateCommand.self, InitCommand.self, ValidateCommand.self, ExplainCommand.self, ProbesCommand.self, PipelinesCommand.self, MonitoringCommand.self, VerifyCommand.self, RubricsCommand.self,
                      AttestCommand.self, AttestationsCommand.self, WaiveCommand.self, WaiversCommand.self,
                      HistoryCommand.self, TrendCommand.self, DiffCommand.self],
        defaultSubcommand: nil
    )

    /// Maps every failure to the documented exit codes: usage and input errors are 2, never ArgumentParser's 64.
    static func main() {
        do {
            try checkSubcommand(CommandLine.arguments.dropFirst().first)
            var command = try parseAsRoot()
            try command.run()
        } catch let error as PreflightError {
            printError(error.localizedDescription)
            Foundation.exit(2)
        } catch let error as AttestationError {
            // A statement that verifies but is refused is 1; anything else about keys and statements is 2.
            printError(error.description)
            if case .notAcceptable = error { Foundation.exit(1) }
            Foundation.exit(2)
        } catch let error as ReportError {
            printError(error.description)
            Foundation.exit(2)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            printError(fullMessage(for: error))
            Foundation.exit(2)
        }
    }

    /// An error message on standard error. CI runners read workflow commands from a job's whole log (`::warning …`,
    /// `##vso[…]` on Azure): a line of a message, which may quote a repository's file, never starts one.
    static func printError(_ message: String) {
        // A zero-width space after the command's first character: the line reads the same and runs nothing.
        let breaker = "\u{200B}"
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line).replacingOccurrences(of: "##vso[", with: "##vso\(breaker)[")
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            let rest = line.dropFirst(indent.count)
            if rest.hasPrefix("::") || rest.hasPrefix("##[") { line = indent + String(rest.prefix(1)) + breaker + rest.dropFirst() }
            return line
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// ArgumentParser reads an unknown first word as an unexpected argument; a misspelt subcommand gets a suggestion.
    private static func checkSubcommand(_ word: String?) throws {
        guard let word, !word.hasPrefix("-") else { return }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(word) else { return }
        throw PreflightError.unknownName(kind: "command", name: word, suggestion: Suggestion.closest(to: word, in: names))
    }
}

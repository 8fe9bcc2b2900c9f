import ArgumentParser
import Foundation
import PreflightHistory
import PreflightKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a preflight.yaml for a model repository from what it holds.",
        discussion: """
        Reads the repository (its tracked files and its Python imports; nothing is executed), scores it with the bundled \
        ML Test Score, and writes a commented preflight.yaml: the model's name, where its code is, a policy whose \
        minimum is today's score (evidence that cannot be read still blocks), the model artifacts a signed verdict \
        would name, and a starter monitoring \
        plan (commented out) when the code serves the model. Then it prints what it found and the items that would \
        raise the score most cheaply, the weakest section first. It never replaces a preflight.yaml without --force.
        """
    )

    @Argument(help: "The model repository.")
    var path = "."

    @Option(help: "The model's name (default: the repository directory's name).")
    var model: String?

    @Flag(help: "Replace an existing preflight.yaml.")
    var force = false

    @Flag(name: .customLong("print"), help: "Write the configuration to standard output instead of the repository.")
    var toStandardOutput = false

    func run() throws {
        let file = URL(fileURLWithPath: path).appendingPathComponent(ModelConfig.fileName)
        if !toStandardOutput, !force, FileManager.default.fileExists(atPath: file.path) {
            throw PreflightError.invalidArgument("\(path)/\(ModelConfig.fileName) exists; --force replaces it, --print shows the new one")
        }
        let layout = try RepositoryLayout.detect(at: path)
        var options = GateOptions()
        options.rubric = "ml-test-score"
        options.now = Clock.now()
        options.environment = ProcessInfo.processInfo.environment
        options.history = HistorySettings(environment: options.environment, open: SQLiteHistoryStore.opener)
        // Scored as the bundled rubric sees it today, with an empty configuration: not an older preflight.yaml's.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-init-\(UUID().uuidString).yaml")
        try Data("version: 1\n".utf8).write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        options.configPath = empty.path
        let today = try Gate.evaluate(repository: path, options: options)
        let text = StarterConfig(layout: layout, name: model ?? layout.name, score: today.scorecard.final).text
        // What is written must load as it is.
        _ = try YAMLDocument(text: text, file: ModelConfig.fileName).decode(ModelConfig.self)
        if toStandardOutput {
            print(text, terminator: "")
            return
        }
        do { try Data(text.utf8).write(to: file, options: .atomic) } catch {
            throw PreflightError.unwritable(path: file.path, reason: error.localizedDescription)
        }
        var checked = GateOptions()
        checked.now = options.now
        checked.environment = options.environment
        checked.history = options.history
        let evaluation = try Gate.evaluate(repository: path, options: checked)
        print(StarterConfig.summary(layout, evaluation, file: "\(path)/\(ModelConfig.fileName)"), terminator: "")
    }
}

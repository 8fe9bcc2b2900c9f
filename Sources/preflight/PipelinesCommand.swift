import ArgumentParser
import PreflightKit

struct PipelinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipelines",
        abstract: "Show what the repository's CI pipelines run, as the gate reads them.",
        discussion: """
            Each pipeline with its triggers, then every command it runs: the steps' own commands and what they run \
            through Makefiles, justfiles, shell scripts, task runners and job specs, each with the chain of places \
            that leads to it. Step names, echo lines and installs are not evidence and are left out (--all shows \
            them). Nothing is executed.
            """
    )

    @Argument(help: "The model repository.")
    var repository = "."

    @Flag(help: "Also list commands that only print text or install packages.")
    var all = false

    func run() throws {
        print(PipelineListing.render(try PipelineListing.pipelines(at: repository), all: all), terminator: "")
    }
}

import ArgumentParser
import PreflightKit

struct ProbesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probes",
        abstract: "List the probe kinds a rubric can use: an example of each, when it holds, and what to do when it does not."
    )

    @Flag(help: "Print the table as Markdown, as in the README.")
    var markdown = false

    func run() throws {
        if markdown {
            print(ProbeKinds.markdownTable)
            return
        }
        for (name, documentation) in ProbeKinds.documented {
            print(name)
            for example in documentation.examples { print("  \(example)") }
            print("  holds when: \(documentation.holdsWhen)")
            print("  when it does not: \(documentation.remedy)")
            print("")
        }
    }
}

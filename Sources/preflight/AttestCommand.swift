import ArgumentParser
import Foundation
import PreflightKit

struct AttestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Record that a test was run by hand, with its results documented (the item's manual level).",
        discussion: """
        Appends one entry to the attestations ledger (readiness/attestations.yaml unless preflight.yaml says \
        otherwise); existing entries are never rewritten. The entry is refused unless it would count today: \
        a known item whose rubric accepts attestations, and a document that exists in the repository or is a URL. \
        Commit the ledger so that reviewers see it.
        """
    )

    @Argument(help: "The rubric item, such as data-2.")
    var item: String

    @Option(help: "What was done and what it showed.")
    var summary: String

    @Option(help: "The document with the results: a path in the repository or an https URL.")
    var doc: String

    @Option(help: "Who did it (default: git config user.email).")
    var by: String?

    @Option(help: "When it stops counting: a duration from today (90d) or a date (default: the rubric's validity).")
    var expires: String?

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        let context = try repository.context()
        guard let person = by ?? context.gitIdentity() else {
            throw PreflightError.invalidArgument("say who did it with --by (git config has no user.email)")
        }
        let attestation = Attestation(item: item, summary: summary, by: person, date: CalendarDate.format(context.now),
                                      document: doc, expires: try expires.map { try RepositoryOptions.expiry($0, from: context.now) },
                                      commit: context.index.commit)
        let entry = try context.record(attestation)
        print("\(entry.location): attested \(item) by \(person), valid until \(CalendarDate.format(entry.expires))")
    }
}

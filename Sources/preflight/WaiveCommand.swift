import ArgumentParser
import Foundation
import PreflightKit

struct WaiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waive",
        abstract: "Record a waiver: let the gate approve despite a failing item or policy rule, until it expires.",
        discussion: """
        Appends one entry to the waivers ledger (readiness/waivers.yaml unless preflight.yaml says otherwise). \
        The expiry is required and at most the policy's maxWaiverDays; items the policy lists as unwaivable \
        are refused. Reports show the verdict with and without waivers, and each blocking check names the waiver \
        that would exempt it.

        Policy keys (--policy): \(PolicyRule.waivableKeys(sections: ["<section>"]).joined(separator: ", ")). \
        maxScoreDrop covers the final score's drop and every section's; maxScoreDrop.<section> one section's only. \
        Checks of \(PolicyRule.allCases.filter { !$0.isWaivable }.map(\.rawValue).joined(separator: ", ")) name an item: \
        waive the item instead (unless the policy lists it as unwaivable).
        """
    )

    @Argument(help: "The failing item to waive, such as infra-7.")
    var item: String?

    @Option(help: "A policy rule to waive instead of an item: \(PolicyRule.waivableKeys(sections: ["<section>"]).joined(separator: ", ")).")
    var policy: String?

    @Option(help: "Why shipping anyway is acceptable.")
    var reason: String

    @Option(help: "Who approved it (default: git config user.email).")
    var approver: String?

    @Option(help: "When it ends: a duration from today (14d) or a date.")
    var expires: String

    @Flag(help: "Bind the waiver to --model-version (or preflight.yaml's version) only.")
    var thisVersionOnly = false

    @OptionGroup var repository: RepositoryOptions

    func validate() throws {
        guard (item == nil) != (policy == nil) else {
            throw ValidationError("name either an item or --policy RULE, not both or neither")
        }
    }

    func run() throws {
        let context = try repository.context()
        guard let person = approver ?? context.gitIdentity() else {
            throw PreflightError.invalidArgument("say who approved it with --approver (git config has no user.email)")
        }
        var version: String?
        if thisVersionOnly {
            guard let known = context.model?.version else {
                throw PreflightError.invalidArgument("--this-version-only needs --model-version or a model version in preflight.yaml")
            }
            version = known
        }
        let waiver = Waiver(item: item, policy: policy, reason: reason, approver: person, date: CalendarDate.format(context.now),
                            expires: try RepositoryOptions.expiry(expires, from: context.now), modelVersion: version)
        let entry = try context.record(waiver)
        print("\(entry.location): waived \(waiver.target), approved by \(person), until \(CalendarDate.format(entry.expires))")
    }
}

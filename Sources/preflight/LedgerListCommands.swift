import ArgumentParser
import Foundation
import PreflightKit

struct AttestationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attestations",
        abstract: "List the repository's attestations and whether each counts today.",
        discussion: "Exits 2 when an entry is malformed (it is never counted)."
    )

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        let ledger = try repository.context().attestations()
        if let failure = ledger.failure { throw failure }
        let rows = ledger.entries.map { entry in
            [entry.attestation.item, entry.status,
             entry.attestation.by, CalendarDate.format(entry.date), entry.attestation.document, entry.attestation.summary]
        }
        try LedgerTable.print(file: ledger.file, header: ["ITEM", "STATE", "BY", "DATE", "DOCUMENT", "SUMMARY"], rows: rows,
                          problems: ledger.problems.map(\.message))
    }
}

struct WaiversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waivers",
        abstract: "List the repository's waivers and whether each is in force.",
        discussion: "Exits 2 when an entry is malformed (it never applies)."
    )

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        let ledger = try repository.context().waivers()
        if let failure = ledger.failure { throw failure }
        let rows = ledger.entries.map { entry in
            [entry.waiver.target, "\(entry.state.rawValue) (ends \(CalendarDate.format(entry.expires)))", entry.waiver.approver,
             CalendarDate.format(entry.date), entry.waiver.modelVersion ?? "any", entry.waiver.reason]
        }
        try LedgerTable.print(file: ledger.file, header: ["TARGET", "STATE", "APPROVER", "DATE", "VERSION", "REASON"], rows: rows,
                          problems: ledger.problems.map(\.message))
    }
}

/// The table both listing commands print, then the malformed entries on standard error (exit 2).
enum LedgerTable {
    static func print(file: String, header: [String], rows: [[String]], problems: [String]) throws {
        if rows.isEmpty && problems.isEmpty {
            Swift.print("no entries in \(file)")
            return
        }
        let widths = header.indices.dropLast().map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            let cells = row.enumerated().map { column, cell in
                column < widths.count ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0) : cell
            }
            Swift.print(cells.joined(separator: "  "))
        }
        guard !problems.isEmpty else { return }
        FileHandle.standardError.write(Data(problems.map { $0 + "\n" }.joined().utf8))
        throw ExitCode(2)
    }
}

import Foundation
import Yams

/// Appends one entry to a ledger file. Every byte already in the file is kept: the new text is the old text plus
/// the entry, and it is written only after it parses back to the old entries followed by the new one.
enum LedgerWriter {
    /// The text of a new ledger file holding no entry yet.
    static func header<Entry: LedgerEntry>(for type: Entry.Type) -> String {
        """
        # Reviewed like code. Append with `preflight \(Entry.listKey == "waivers" ? "waive" : "attest")`; never edit past entries.
        version: 1
        \(Entry.listKey):

        """
    }

    /// `text` (nil for a new file) with `entry` appended to its list.
    static func appending<Entry: LedgerEntry>(_ entry: Entry, to text: String?, file: String) throws -> String {
        var text = text ?? header(for: Entry.self)
        let document = try YAMLDocument(text: text, file: file)
        var indent = "  "
        let list = document.root.mapping?.first { $0.key.string == Entry.listKey }?.value
        switch list {
        case .sequence(let sequence)?:
            // Yams reports a sequence's style from its end event, so read the first character instead: `-` or `[`.
            guard let mark = sequence.mark, character(in: text, line: mark.line, column: mark.column) == "-" else {
                throw PreflightError.invalidInput(location: document.location(of: list), keyPath: Entry.listKey,
                                                  message: "cannot append to a list written in flow style ([...]); write it as a block list")
            }
            indent = String(repeating: " ", count: max(0, mark.column - 1))
        case .scalar(let scalar)? where scalar.string.isEmpty || scalar.string == "null" || scalar.string == "~":
            break
        case nil:
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            text += "\(Entry.listKey):\n"
        default:
            throw PreflightError.invalidInput(location: document.location(of: list), keyPath: Entry.listKey,
                                              message: "expected a list of entries")
        }
        if !text.hasSuffix("\n") { text += "\n" }
        for (number, field) in entry.fields.enumerated() {
            text += "\(indent)\(number == 0 ? "- " : "  ")\(field.key): \(quoted(field.value))\n"
        }
        return text
    }

    private static func character(in text: String, line: Int, column: Int) -> Character? {
        let lines = text.split(separator: "\n", maxSplits: line, omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let row = lines[line - 1]
        guard column >= 1, column <= row.count else { return nil }
        return row[row.index(row.startIndex, offsetBy: column - 1)]
    }

    /// A YAML double-quoted scalar (JSON's string syntax is a subset of it).
    private static func quoted(_ value: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    /// Checks that `new` holds the entries of `old` (nil for a new file) followed by exactly `entry`; returns its index.
    static func verify<Entry: LedgerEntry & Equatable>(_ new: LedgerFile<Entry>, old: LedgerFile<Entry>?, entry: Entry) throws -> Int {
        let count = { (file: LedgerFile<Entry>) in file.entries.count + file.rejected.count }
        let index = count(new) - 1
        let before = old.map(count) ?? 0
        guard index == before, new.entries.last?.index == index, new.entries.last?.entry == entry,
              new.entries.dropLast().map(\.entry) == (old?.entries.map(\.entry) ?? []) else {
            throw PreflightError.invalidArgument(
                "cannot append to \(new.document.file) safely: keep the '\(Entry.listKey):' list as the last key of the file, in block style")
        }
        return index
    }

    /// Writes `text` to `path` under `root` atomically, refusing a destination outside the repository.
    static func write(_ text: String, to path: String, root: URL, displayName: String) throws {
        let url = root.appendingPathComponent(path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PreflightError.unwritable(path: displayName, reason: "its directory cannot be created: \(error.localizedDescription)")
        }
        guard let resolved = realpath(directory.path, nil) else {
            throw PreflightError.unwritable(path: displayName, reason: "its directory cannot be resolved")
        }
        let target = String(cString: resolved)
        free(resolved)
        guard target == root.path || target.hasPrefix(root.path + "/") else {
            throw PreflightError.refusedInput(file: displayName, reason: "its directory resolves outside the repository")
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: target).appendingPathComponent(url.lastPathComponent), options: .atomic)
        } catch {
            throw PreflightError.unwritable(path: displayName, reason: error.localizedDescription)
        }
    }
}

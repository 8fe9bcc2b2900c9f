import Foundation
import Yams

/// One entry of a ledger file, decoded from a YAML mapping and written back as one.
protocol LedgerEntry: Decodable, Sendable {
    /// The top-level key holding the list: `attestations`, `waivers`.
    static var listKey: String { get }
    /// The entry's fields in the order they are written.
    var fields: [(key: String, value: String)] { get }
}

/// A reviewed YAML file of manual entries (attestations, waivers): `version: 1` and one list.
///
/// Each entry decodes on its own, so one malformed entry is rejected with its `file:line:column` while the others
/// still count; a file that is not YAML, or not this shape, fails as a whole.
struct LedgerFile<Entry: LedgerEntry> {
    let document: YAMLDocument
    /// Entries that decoded, with their position in the list.
    var entries: [(index: Int, entry: Entry)] = []
    /// Entries that did not decode.
    var rejected: [(index: Int, error: PreflightError)] = []

    init(text: String, file: String) throws {
        document = try YAMLDocument(text: text, file: file)
        let body = try document.decode(Body.self)
        for (index, decoded) in body.entries.enumerated() {
            switch decoded.result {
            case .success(let entry): entries.append((index, entry))
            case .failure(let error): rejected.append((index, error))
            }
        }
    }

    /// An error located at entry `index`, or at one of its fields.
    func error(at index: Int, field: String? = nil, _ message: String) -> PreflightError {
        let path: [any CodingKey] = [AnyKey(stringValue: Entry.listKey), AnyKey(intValue: index)]
            + (field.map { [AnyKey(stringValue: $0)] } ?? [])
        return document.located(path, message)
    }

    /// A field of entry `index` as written, even when the entry did not decode.
    func rawField(at index: Int, _ field: String) -> String? {
        let path: [any CodingKey] = [AnyKey(stringValue: Entry.listKey), AnyKey(intValue: index), AnyKey(stringValue: field)]
        guard let found = NodePath.locate(path, in: document.root), found.key != nil else { return nil }
        return found.value.scalar?.string
    }

    func location(of index: Int) -> SourceLocation {
        error(at: index, "").location ?? document.location(of: nil)
    }

    private struct Body: Decodable {
        var entries: [Decoded]

        init(from decoder: any Decoder) throws {
            let keys = try decoder.container(keyedBy: AnyKey.self)
            let allowed = ["version", Entry.listKey]
            for key in keys.allKeys where !allowed.contains(key.stringValue) {
                let hint = Suggestion.closest(to: key.stringValue, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                throw FieldError(codingPath: [key], message: "unknown key '\(key.stringValue)'\(hint); allowed: \(allowed.joined(separator: ", "))", atKey: true)
            }
            let version = try keys.decode(Int.self, forKey: AnyKey(stringValue: "version"))
            guard version == 1 else {
                throw decoder.fail("version \(version) is not supported; this Preflight reads version 1", key: AnyKey(stringValue: "version"))
            }
            let list = AnyKey(stringValue: Entry.listKey)
            guard keys.contains(list), try !keys.decodeNil(forKey: list) else { entries = []; return }
            entries = try keys.decode([Decoded].self, forKey: list)
        }
    }

    /// An entry, or why it could not be decoded.
    private struct Decoded: Decodable {
        var result: Result<Entry, PreflightError>

        init(from decoder: any Decoder) throws {
            do {
                result = .success(try Entry(from: decoder))
            } catch {
                guard let document = decoder.userInfo[.document] as? DocumentBox else { throw error }
                result = .failure(document.value.diagnose(error))
            }
        }
    }
}

/// Reads a ledger file through the repository's confined reader.
enum LedgerSource {
    /// The parsed file, nil when there is none, or why it cannot be used. A file git tracks (`tracked`) but
    /// that is missing from the working tree is a failure, not an empty ledger.
    static func parse<Entry: LedgerEntry>(_ type: Entry.Type, _ path: String, displayName: String,
                                          reader: RepositoryReader, tracked: Bool) -> Result<LedgerFile<Entry>?, PreflightError> {
        if reader.isAbsent(path) {
            return tracked ? .failure(.unreadable(path: displayName, reason: "git tracks it but it is missing from the working tree")) : .success(nil)
        }
        // A configured path may cross a symlinked directory, which the index never does: check where it leads.
        guard reader.exists(path) else {
            return .failure(.refusedInput(file: displayName, reason: "it resolves outside the repository (a symlink?)"))
        }
        switch reader.read(path) {
        case .text(let text):
            do { return .success(try LedgerFile(text: text, file: displayName)) } catch {
                return .failure(error as? PreflightError ?? .unreadable(path: displayName, reason: "\(error)"))
            }
        case .skipped(let skip): return .failure(.refusedInput(file: displayName, reason: skip.reason))
        case .failed(let failure): return .failure(.unreadable(path: displayName, reason: failure.reason))
        }
    }
}

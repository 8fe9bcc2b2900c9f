import Foundation

/// The attestations of a repository, checked against the rubric and the clock.
///
/// A valid attestation earns its item's manual level. An expired one, or one whose document is missing, earns
/// nothing and says why. A malformed one is never counted: its item's attestation probe ends in an error.
public struct AttestationLedger: Sendable {
    public static let defaultPath = "readiness/attestations.yaml"

    public enum State: String, Sendable, Codable {
        case valid
        case expired
        case missingDocument = "missing-document"
    }

    /// One well-formed attestation and what it is worth today.
    public struct Entry: Sendable, Codable {
        public var attestation: Attestation
        public var date: Date
        public var expires: Date
        public var state: State
        public var location: SourceLocation
        /// The entry's position in its list.
        public var index: Int

        /// The entry's state as every report words it: `valid until …` or `not counted: …`.
        public var status: String {
            problem.map { "not counted: \($0)" } ?? "valid until \(CalendarDate.format(expires))"
        }

        /// Why the entry earns nothing, or nil when it is valid.
        public var problem: String? {
            switch state {
            case .valid: return nil
            case .expired: return "expired on \(CalendarDate.format(expires))"
            case .missingDocument: return "its document \(attestation.document) does not exist in the repository"
            }
        }
    }

    /// The file as named in reports, relative to where the user ran.
    public var file: String
    public var entries: [Entry] = []
    /// Malformed entries, each located: they never count.
    public var problems: [LedgerProblem] = []
    /// Why the whole file could not be used; every attestation probe then ends in an error.
    public var failure: PreflightError?

    /// A ledger for a repository without the file.
    public init(file: String) { self.file = file }

    /// Reads and checks the ledger at `path` (relative to the repository root).
    package static func load(path: String, displayName: String, reader: RepositoryReader, tracked: Bool = false,
                            rubric: Rubric, now: Date) -> AttestationLedger {
        switch LedgerSource.parse(Attestation.self, path, displayName: displayName, reader: reader, tracked: tracked) {
        case .success(let parsed?): return AttestationLedger(parsed, rubric: rubric, reader: reader, now: now)
        case .success(nil): return AttestationLedger(file: displayName)
        case .failure(let error):
            var ledger = AttestationLedger(file: displayName)
            ledger.failure = error
            return ledger
        }
    }

    /// Checks parsed entries: malformed ones become problems, the others get their state.
    init(_ parsed: LedgerFile<Attestation>, rubric: Rubric, reader: RepositoryReader, now: Date) {
        var ledger = AttestationLedger(file: parsed.document.file)
        ledger.problems = parsed.rejected.map { LedgerProblem(subject: parsed.rawField(at: $0.index, "item"), index: $0.index, error: $0.error) }
        let validity = rubric.scoring.attestationValidity
        let itemIDs = rubric.items.map(\.id)
        var seen: [String: Int] = [:]
        for (index, attestation) in parsed.entries {
            func reject(_ field: String?, _ message: String) {
                ledger.problems.append(LedgerProblem(subject: attestation.item, index: index, error: parsed.error(at: index, field: field, message)))
            }
            guard let item = rubric.item(attestation.item) else {
                let hint = Suggestion.closest(to: attestation.item, in: itemIDs).map { " (did you mean '\($0)'?)" } ?? ""
                reject("item", "unknown item '\(attestation.item)'\(hint)")
                continue
            }
            guard item.manual?.acceptsAttestation == true else {
                reject("item", "item '\(item.id)' cannot be attested: its rubric accepts no attestation for it")
                continue
            }
            let (date, dateProblem) = LedgerChecks.dateProblem(attestation.date, field: "date", now: now)
            guard let date else { reject("date", dateProblem!); continue }
            var expires = date.addingTimeInterval(validity)
            if let text = attestation.expires {
                guard let parsedExpiry = CalendarDate.parse(text) else {
                    reject("expires", "'\(text)' is not a date like 2026-11-23"); continue
                }
                guard parsedExpiry > date else { reject("expires", "expires \(text) is not after the date \(attestation.date)"); continue }
                expires = parsedExpiry
            }
            if let problem = LedgerChecks.linkProblem(attestation.document) { reject("document", problem); continue }
            let identity = "\(attestation.item)|\(attestation.by)|\(CalendarDate.format(date))"
            if let first = seen[identity] {
                reject(nil, "duplicate of the attestation at \(parsed.location(of: first)): same item, person and date")
                continue
            }
            seen[identity] = index
            let documentExists = attestation.document.contains("://") || reader.exists(attestation.document)
            let state: State = expires <= now ? .expired : documentExists ? .valid : .missingDocument
            ledger.entries.append(Entry(attestation: attestation, date: date, expires: expires, state: state,
                                        location: parsed.location(of: index), index: index))
        }
        self = ledger
    }
}

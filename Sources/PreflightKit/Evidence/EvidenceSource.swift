import Foundation

/// A source of evidence outside the repository's files: a live server, the git history, the ledgers. Probes ask it
/// questions through `EvidencePlan.ask`; the collector runs every source that was asked anything on its own thread
/// while the files are read, and judges find the answers with `Evidence.answers(from:)`.
///
/// Adding a source is one file conforming to this protocol, plus its configuration key.
package protocol EvidenceSource: Sendable {
    associatedtype Request: Hashable & Sendable
    associatedtype Answer: Sendable
    /// How reports name the source; never with credentials.
    var display: String { get }
    /// Answers every request. A failure belongs in the answer (`Result`, or a failed case): never a throw, never a
    /// missing answer.
    func answer(_ requests: [Request]) -> [Request: Answer]
    /// What the report says once about the source as a whole (it could not be reached at all, say), rather than
    /// once per probe that asked it.
    func notes(on answers: [Request: Answer]) -> [String]
}

/// What one source answered, as judges see it.
package struct SourceAnswers<Source: EvidenceSource>: Sendable {
    package var display: String
    package var answers: [Source.Request: Source.Answer]

    package subscript(request: Source.Request) -> Source.Answer? { answers[request] }
}

extension EvidenceSource {
    package func notes(on answers: [Request: Answer]) -> [String] { [] }

    /// Starts answering what `plan` asks of this source, or nil when it asks nothing.
    func start(for plan: EvidencePlan) -> Background<(key: ObjectIdentifier, answers: any Sendable, notes: [String])>? {
        let requests = plan.requests(for: Self.self)
        guard !requests.isEmpty else { return nil }
        return Background {
            let answers = answer(requests)
            return (ObjectIdentifier(Self.self), SourceAnswers<Self>(display: display, answers: answers), notes(on: answers))
        }
    }
}

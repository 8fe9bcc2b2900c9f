import Foundation

/// A source of evidence outside the repository's files: a live server, the git history, the ledgers. Probes ask it
/// questions through `EvidencePlan.ask`; the collector runs every source that was asked anything on its own thread
/// while the files are read, and judges find the answers with `Evidence.answers(from:)`.
///
/// Adding a source is one file conforming to this protocol, plus its configuration key.
public protocol EvidenceSource: Sendable {
    associatedtype Request: Hashable & Sendable
    associatedtype Answer: Sendable
    /// How reports name the source; never with credentials.
    var display: String { get }
    /// Answers every request. A failure belongs in the answer (`Result`, or a failed case): never a throw, never a
    /// missing answer.
    func answer(_ requests: [Request]) -> [Request: Answer]
}

/// What one source answered, as judges see it.
public struct SourceAnswers<Source: EvidenceSource>: Sendable {
    public var display: String
    public var answers: [Source.Request: Source.Answer]

    public subscript(request: Source.Request) -> Source.Answer? { answers[request] }
}

extension EvidenceSource {
    /// Starts answering what `plan` asks of this source, or nil when it asks nothing.
    func start(for plan: EvidencePlan) -> Background<(ObjectIdentifier, any Sendable)>? {
        let requests = plan.requests(for: Self.self)
        guard !requests.isEmpty else { return nil }
        return Background {
            (ObjectIdentifier(Self.self), SourceAnswers<Self>(display: display, answers: answer(requests)) as any Sendable)
        }
    }
}

/// Why a piece of evidence could not be had. Every judge maps it to an outcome with `outcome`, so a source that
/// fails can never pass by accident.
public struct EvidenceFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// The file or source exists but could not be read (permissions, I/O, vanished).
        case unreadable
        /// It was read but is not valid in its format.
        case unparseable
        /// A server or program that should answer did not.
        case unreachable
        /// Reading it would leave the repository, or it is not a regular file.
        case refused
        /// It did not answer within its time limit.
        case timedOut = "timed-out"
        /// It is larger than the limit for its kind.
        case tooLarge = "too-large"
        /// The fact cannot be known from what is here (a shallow history, a report without a date).
        case notKnowable = "not-knowable"
    }

    public var kind: Kind
    /// What failed: a path, a source, a query.
    public var subject: String?
    public var reason: String

    public init(_ kind: Kind, _ reason: String, subject: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.subject = subject
    }

    /// The one mapping from failures to outcomes: what cannot be known is missing data, everything else an error.
    public var outcome: Outcome { kind == .notKnowable ? .notAvailable : .error }

    /// The same failure, about `subject`.
    public func about(_ subject: String) -> EvidenceFailure {
        var copy = self
        copy.subject = subject
        return copy
    }

    public var description: String { subject.map { "\($0): \(reason)" } ?? reason }
}

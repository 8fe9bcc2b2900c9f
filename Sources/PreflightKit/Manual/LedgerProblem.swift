/// A malformed ledger entry: what it was about (an item id, or a policy key for waivers) and where it is wrong.
public struct LedgerProblem: Sendable {
    public var subject: String?
    public var message: String
    /// The entry's position in its list.
    public var index: Int
    /// The located error, as `preflight attest` and `preflight waive` throw it.
    public var error: PreflightError

    init(subject: String?, index: Int, error: PreflightError) {
        self.subject = subject
        self.index = index
        self.error = error
        message = error.localizedDescription
    }
}

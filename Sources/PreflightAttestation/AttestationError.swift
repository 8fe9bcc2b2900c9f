/// Why a readiness statement could not be written or was not accepted; each names the check that failed.
public enum AttestationError: Error, CustomStringConvertible, Equatable {
    /// A model artifact that cannot be named by its digest.
    case artifact(String, String)
    /// A signing or verification key that cannot be used.
    case key(String)
    /// An envelope or statement that is malformed, unsigned or signed by another key: not a statement at all (exit 2).
    case invalid(String)
    /// A statement that verifies, but says something the deploy does not accept (exit 1).
    case notAcceptable([String])

    public var description: String {
        switch self {
        case .artifact(let name, let reason): return "artifact \(name) \(reason)"
        case .key(let reason): return "key: \(reason)"
        case .invalid(let reason): return "invalid statement: \(reason)"
        case .notAcceptable(let reasons):
            return "✗ not acceptable (the signature verifies, but the deploy must not go on):\n" + reasons.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}

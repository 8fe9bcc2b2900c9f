/// What the gate demands. Set in the rubric, overridden by preflight.yaml, then by command-line flags.
///
/// Each field is described once in `PolicyField.all`, which reads, writes, merges and documents it; a field's
/// initial value here is its default.
public struct Policy: Sendable, Hashable {
    /// What an item that could not be evaluated (error) or lacked data (not available) does to the verdict.
    public enum Failure: String, Sendable, Codable, CaseIterable {
        case block
        /// The item simply earns nothing.
        case ignore
    }

    public var minimumScore: Double?
    public var sectionMinimums: [String: Double] = [:]
    public var required: [String] = []
    public var onError: Failure = .block
    public var onUnavailable: Failure = .block
    /// The longest a waiver may run, from its date to its expiry.
    public var maxWaiverDays = 30
    /// Items no waiver may exempt (rollback, say).
    public var unwaivable: [String] = []
    /// Block when the final score or a section score fell by more than this against the baseline (the last version approved without waivers).
    public var maxScoreDrop: Double?
    /// Whether an item that earns fewer points than in the baseline blocks (unless waived).
    public var itemRegression: Failure = .ignore
}

// In extensions, so that the (internal) memberwise initializer stays: `Policy(minimumScore: 2)`.
extension Policy: Codable {
    /// The defaults: what a rubric without `policy:` demands.
    public static var defaults: Policy { Policy() }

    /// Reads a stored policy; fields added after it was written take their defaults.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: AnyKey.self)
        for field in PolicyField.all { try field.decodeStored(container, into: &self) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for field in PolicyField.all { try field.encode(self, to: &container) }
    }

    /// Whether the policy judges this release against an earlier one.
    public var comparesWithBaseline: Bool { maxScoreDrop != nil || itemRegression == .block }

    /// This policy with every field that `overrides` sets merged in, as each field's kind merges.
    public func merged(with overrides: PolicyOverrides) -> Policy {
        var policy = self
        for field in PolicyField.all { field.merge(overrides, into: &policy) }
        return policy
    }
}

/// A partial policy: every field optional. The rubric's `policy:`, preflight.yaml's and the flags all use it.
public struct PolicyOverrides: Sendable, Hashable {
    public var minimumScore: Double?
    public var sectionMinimums: [String: Double]?
    public var required: [String]?
    public var onError: Policy.Failure?
    public var onUnavailable: Policy.Failure?
    public var maxWaiverDays: Int?
    public var unwaivable: [String]?
    public var maxScoreDrop: Double?
    public var itemRegression: Policy.Failure?
}

extension PolicyOverrides: Decodable {
    /// Reads a `policy:` mapping strictly: an unknown key (with a suggestion), a wrong type or a value out of bounds
    /// is an error at its `file:line:column`.
    public init(from decoder: any Decoder) throws {
        self.init()
        try decoder.rejectUnknownKeys(allowed: PolicyField.keys)
        let container = try decoder.container(keyedBy: AnyKey.self)
        for field in PolicyField.all { try field.decodeStrict(container, decoder, into: &self) }
    }
}

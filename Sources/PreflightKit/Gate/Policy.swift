/// What the gate demands. Set in the rubric, overridden by preflight.yaml, then by command-line flags.
public struct Policy: Sendable, Codable, Hashable {
    /// What an item that could not be evaluated (error) or lacked data (not available) does to the verdict.
    public enum Failure: String, Sendable, Codable, CaseIterable {
        case block
        /// The item simply earns nothing.
        case ignore
    }

    public var minimumScore: Double?
    public var sectionMinimums: [String: Double]
    public var required: [String]
    public var onError: Failure
    public var onUnavailable: Failure
    /// The longest a waiver may run, from its date to its expiry.
    public var maxWaiverDays: Int
    /// Items no waiver may exempt (rollback, say).
    public var unwaivable: [String]

    public init(minimumScore: Double? = nil, sectionMinimums: [String: Double] = [:], required: [String] = [],
                onError: Failure = .block, onUnavailable: Failure = .block, maxWaiverDays: Int = 30, unwaivable: [String] = []) {
        self.minimumScore = minimumScore
        self.sectionMinimums = sectionMinimums
        self.required = required
        self.onError = onError
        self.onUnavailable = onUnavailable
        self.maxWaiverDays = maxWaiverDays
        self.unwaivable = unwaivable
    }

    /// This policy with every field that `overrides` sets replacing ours.
    public func merged(with overrides: PolicyOverrides) -> Policy {
        var policy = self
        if let value = overrides.minimumScore { policy.minimumScore = value }
        policy.sectionMinimums.merge(overrides.sectionMinimums ?? [:]) { _, new in new }
        if let required = overrides.required { policy.required = Array(Set(policy.required + required)).sorted() }
        if let value = overrides.onError { policy.onError = value }
        if let value = overrides.onUnavailable { policy.onUnavailable = value }
        if let value = overrides.maxWaiverDays { policy.maxWaiverDays = value }
        if let unwaivable = overrides.unwaivable { policy.unwaivable = Array(Set(policy.unwaivable + unwaivable)).sorted() }
        return policy
    }
}

/// A partial policy: every field optional. The rubric's `policy:`, preflight.yaml's and the flags all use it.
public struct PolicyOverrides: Sendable, Decodable, Hashable {
    public var minimumScore: Double?
    public var sectionMinimums: [String: Double]?
    public var required: [String]?
    public var onError: Policy.Failure?
    public var onUnavailable: Policy.Failure?
    public var maxWaiverDays: Int?
    public var unwaivable: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case minimumScore, sectionMinimums, required, onError, onUnavailable, maxWaiverDays, unwaivable
    }

    public init(minimumScore: Double? = nil, sectionMinimums: [String: Double]? = nil, required: [String]? = nil,
                onError: Policy.Failure? = nil, onUnavailable: Policy.Failure? = nil, maxWaiverDays: Int? = nil,
                unwaivable: [String]? = nil) {
        self.minimumScore = minimumScore
        self.sectionMinimums = sectionMinimums
        self.required = required
        self.onError = onError
        self.onUnavailable = onUnavailable
        self.maxWaiverDays = maxWaiverDays
        self.unwaivable = unwaivable
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        minimumScore = try container.decodeIfPresent(Double.self, forKey: .minimumScore)
        if let value = minimumScore, !(0...1000).contains(value) {
            throw decoder.fail("minimumScore must be between 0 and 1000, found \(value)", key: CodingKeys.minimumScore)
        }
        sectionMinimums = try container.decodeIfPresent([String: Double].self, forKey: .sectionMinimums)
        for (section, value) in sectionMinimums ?? [:] where !(0...1000).contains(value) {
            let path = try container.superDecoder(forKey: .sectionMinimums)
            throw path.fail("a section minimum must be between 0 and 1000, found \(value)", key: AnyKey(stringValue: section))
        }
        required = try container.decodeStringList(forKey: .required)
        onError = try Self.failure(container, .onError, decoder)
        onUnavailable = try Self.failure(container, .onUnavailable, decoder)
        maxWaiverDays = try container.decodeIfPresent(Int.self, forKey: .maxWaiverDays)
        if let days = maxWaiverDays, !(0...366).contains(days) {
            throw decoder.fail("maxWaiverDays must be between 0 and 366, found \(days)", key: CodingKeys.maxWaiverDays)
        }
        unwaivable = try container.decodeStringList(forKey: .unwaivable)
    }

    private static func failure(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys,
                                _ decoder: any Decoder) throws -> Policy.Failure? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = Policy.Failure(rawValue: text) else {
            throw decoder.fail("\(key.stringValue) must be block or ignore, found '\(text)'", key: key)
        }
        return value
    }
}

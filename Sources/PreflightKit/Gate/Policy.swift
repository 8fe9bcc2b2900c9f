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
    /// Block when the final score or a section score fell by more than this against the baseline (the last version approved without waivers).
    public var maxScoreDrop: Double?
    /// Whether an item that earns fewer points than in the baseline blocks (unless waived).
    public var itemRegression: Failure

    public init(minimumScore: Double? = nil, sectionMinimums: [String: Double] = [:], required: [String] = [],
                onError: Failure = .block, onUnavailable: Failure = .block, maxWaiverDays: Int = 30, unwaivable: [String] = [],
                maxScoreDrop: Double? = nil, itemRegression: Failure = .ignore) {
        self.minimumScore = minimumScore
        self.sectionMinimums = sectionMinimums
        self.required = required
        self.onError = onError
        self.onUnavailable = onUnavailable
        self.maxWaiverDays = maxWaiverDays
        self.unwaivable = unwaivable
        self.maxScoreDrop = maxScoreDrop
        self.itemRegression = itemRegression
    }

    /// Reads a stored policy; fields added after it was written take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Policy()
        minimumScore = try container.decodeIfPresent(Double.self, forKey: .minimumScore)
        sectionMinimums = try container.decodeIfPresent([String: Double].self, forKey: .sectionMinimums) ?? defaults.sectionMinimums
        required = try container.decodeIfPresent([String].self, forKey: .required) ?? defaults.required
        onError = try container.decodeIfPresent(Failure.self, forKey: .onError) ?? defaults.onError
        onUnavailable = try container.decodeIfPresent(Failure.self, forKey: .onUnavailable) ?? defaults.onUnavailable
        maxWaiverDays = try container.decodeIfPresent(Int.self, forKey: .maxWaiverDays) ?? defaults.maxWaiverDays
        unwaivable = try container.decodeIfPresent([String].self, forKey: .unwaivable) ?? defaults.unwaivable
        maxScoreDrop = try container.decodeIfPresent(Double.self, forKey: .maxScoreDrop)
        itemRegression = try container.decodeIfPresent(Failure.self, forKey: .itemRegression) ?? defaults.itemRegression
    }

    enum CodingKeys: String, CodingKey {
        case minimumScore, sectionMinimums, required, onError, onUnavailable, maxWaiverDays, unwaivable, maxScoreDrop, itemRegression
    }

    /// Whether the policy judges this release against an earlier one.
    public var comparesWithBaseline: Bool { maxScoreDrop != nil || itemRegression == .block }

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
        if let value = overrides.maxScoreDrop { policy.maxScoreDrop = value }
        if let value = overrides.itemRegression { policy.itemRegression = value }
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
    public var maxScoreDrop: Double?
    public var itemRegression: Policy.Failure?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case minimumScore, sectionMinimums, required, onError, onUnavailable, maxWaiverDays, unwaivable, maxScoreDrop, itemRegression
    }

    public init(minimumScore: Double? = nil, sectionMinimums: [String: Double]? = nil, required: [String]? = nil,
                onError: Policy.Failure? = nil, onUnavailable: Policy.Failure? = nil, maxWaiverDays: Int? = nil,
                unwaivable: [String]? = nil, maxScoreDrop: Double? = nil, itemRegression: Policy.Failure? = nil) {
        self.minimumScore = minimumScore
        self.sectionMinimums = sectionMinimums
        self.required = required
        self.onError = onError
        self.onUnavailable = onUnavailable
        self.maxWaiverDays = maxWaiverDays
        self.unwaivable = unwaivable
        self.maxScoreDrop = maxScoreDrop
        self.itemRegression = itemRegression
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
        maxScoreDrop = try container.decodeIfPresent(Double.self, forKey: .maxScoreDrop)
        if let drop = maxScoreDrop, !(0...1000).contains(drop) {
            throw decoder.fail("maxScoreDrop must be between 0 and 1000, found \(drop)", key: CodingKeys.maxScoreDrop)
        }
        itemRegression = try Self.failure(container, .itemRegression, decoder)
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

/// What each kind of policy field does, written once per kind: reading, bounds, merging, flags and name checks.
extension PolicyField {
    static let scoreBounds = 0.0...1000
    static let dayBounds = 0...366

    private var codingKey: AnyKey { AnyKey(stringValue: key) }

    /// Reads this key of a rubric's or preflight.yaml's `policy:` into `overrides`. A wrong type or a value out of
    /// bounds is an error located at the value.
    func decodeStrict(_ container: KeyedDecodingContainer<AnyKey>, _ decoder: any Decoder,
                      into overrides: inout PolicyOverrides) throws {
        switch slot {
        case .score(_, let override):
            guard let value = try container.decodeIfPresent(Double.self, forKey: codingKey) else { return }
            guard Self.scoreBounds.contains(value) else {
                throw decoder.fail("\(key) must be between 0 and 1000, found \(value)", key: codingKey)
            }
            overrides[keyPath: override] = value
        case .sectionScores(_, let override):
            guard let scores = try container.decodeIfPresent([String: Double].self, forKey: codingKey) else { return }
            for (section, value) in scores.sorted(by: { $0.key < $1.key }) where !Self.scoreBounds.contains(value) {
                throw try container.superDecoder(forKey: codingKey)
                    .fail("\(key).\(section) must be between 0 and 1000, found \(value)", key: AnyKey(stringValue: section))
            }
            overrides[keyPath: override] = scores
        case .items(_, let override):
            overrides[keyPath: override] = try container.decodeStringList(forKey: codingKey)
        case .failure(_, let override):
            guard let text = try container.decodeIfPresent(String.self, forKey: codingKey) else { return }
            guard let value = Policy.Failure(rawValue: text) else {
                throw decoder.fail("\(key) must be \(Policy.Failure.choices), found '\(text)'", key: codingKey)
            }
            overrides[keyPath: override] = value
        case .days(_, let override):
            guard let days = try container.decodeIfPresent(Int.self, forKey: codingKey) else { return }
            guard Self.dayBounds.contains(days) else {
                throw decoder.fail("\(key) must be between 0 and 366, found \(days)", key: codingKey)
            }
            overrides[keyPath: override] = days
        }
    }

    /// Reads this key of a stored policy (a history record) into `policy`; a key the record lacks keeps its default.
    func decodeStored(_ container: KeyedDecodingContainer<AnyKey>, into policy: inout Policy) throws {
        func read<Value: Decodable>(_ path: WritableKeyPath<Policy, Value>) throws {
            if let value = try container.decodeIfPresent(Value.self, forKey: codingKey) { policy[keyPath: path] = value }
        }
        switch slot {
        case .score(let stored, _): try read(stored)
        case .sectionScores(let stored, _): try read(stored)
        case .items(let stored, _): try read(stored)
        case .failure(let stored, _): try read(stored)
        case .days(let stored, _): try read(stored)
        }
    }

    /// Writes this key of `policy`; an unset score is left out.
    func encode(_ policy: Policy, to container: inout KeyedEncodingContainer<AnyKey>) throws {
        switch slot {
        case .score(let stored, _): try container.encodeIfPresent(policy[keyPath: stored], forKey: codingKey)
        case .sectionScores(let stored, _): try container.encode(policy[keyPath: stored], forKey: codingKey)
        case .items(let stored, _): try container.encode(policy[keyPath: stored], forKey: codingKey)
        case .failure(let stored, _): try container.encode(policy[keyPath: stored], forKey: codingKey)
        case .days(let stored, _): try container.encode(policy[keyPath: stored], forKey: codingKey)
        }
    }

    /// Applies this key of a later layer: a set value replaces ours, sections replace the sections they name, items
    /// are added (sorted, without duplicates).
    func merge(_ overrides: PolicyOverrides, into policy: inout Policy) {
        switch slot {
        case .score(let stored, let override):
            if let value = overrides[keyPath: override] { policy[keyPath: stored] = value }
        case .sectionScores(let stored, let override):
            policy[keyPath: stored].merge(overrides[keyPath: override] ?? [:]) { _, new in new }
        case .items(let stored, let override):
            if let items = overrides[keyPath: override] { policy[keyPath: stored] = Array(Set(policy[keyPath: stored] + items)).sorted() }
        case .failure(let stored, let override):
            if let value = overrides[keyPath: override] { policy[keyPath: stored] = value }
        case .days(let stored, let override):
            if let value = overrides[keyPath: override] { policy[keyPath: stored] = value }
        }
    }

    /// Throws for a section or item this key names in `overrides` that the rubric lacks, located at `path` + the key.
    func checkNames(in overrides: PolicyOverrides, sections: [String], items: [String], at path: [any CodingKey]) throws {
        switch slot {
        case .sectionScores(_, let override):
            for section in (overrides[keyPath: override] ?? [:]).keys.sorted() where !sections.contains(section) {
                let hint = Suggestion.closest(to: section, in: sections).map { " (did you mean '\($0)'?)" } ?? ""
                throw FieldError(codingPath: path + [codingKey, AnyKey(stringValue: section)],
                                 message: "unknown section '\(section)'\(hint)", atKey: true)
            }
        case .items(_, let override):
            for (index, item) in (overrides[keyPath: override] ?? []).enumerated() where !items.contains(item) {
                let hint = Suggestion.closest(to: item, in: items).map { " (did you mean '\($0)'?)" } ?? ""
                throw FieldError(codingPath: path + [codingKey, AnyKey(intValue: index)], message: "unknown item '\(item)'\(hint)")
            }
        case .score, .failure, .days:
            return
        }
    }

    /// Sets this key in `overrides` from the values its `gate` flag was given (none: the flag was not given; a
    /// repeated single-valued flag takes its last value).
    func parseFlag(_ values: [String], into overrides: inout PolicyOverrides) throws {
        guard let last = values.last else { return }
        let flag = "--\(self.flag ?? key)"
        switch slot {
        case .score(_, let override):
            guard let value = Double(last), Self.scoreBounds.contains(value) else {
                throw PreflightError.invalidArgument("\(flag) takes a score between 0 and 1000, not '\(last)'")
            }
            overrides[keyPath: override] = value
        case .sectionScores(_, let override):
            var scores: [String: Double] = [:]
            for entry in values {
                let parts = entry.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, let value = Double(parts[1]), Self.scoreBounds.contains(value) else {
                    throw PreflightError.invalidArgument("\(flag) takes section=score with a score between 0 and 1000, like monitor=1, not '\(entry)'")
                }
                scores[String(parts[0])] = value
            }
            overrides[keyPath: override] = scores
        case .items(_, let override):
            overrides[keyPath: override] = values
        case .failure(_, let override):
            guard let value = Policy.Failure(rawValue: last) else {
                throw PreflightError.invalidArgument("\(flag) takes \(Policy.Failure.choices), not '\(last)'")
            }
            overrides[keyPath: override] = value
        case .days(_, let override):
            guard let days = Int(last), Self.dayBounds.contains(days) else {
                throw PreflightError.invalidArgument("\(flag) takes whole days between 0 and 366, not '\(last)'")
            }
            overrides[keyPath: override] = days
        }
    }

    /// The overrides that `gate` flags give: each field with the values its flag was given.
    public static func overrides(fromFlags flags: [(PolicyField, [String])]) throws -> PolicyOverrides {
        var overrides = PolicyOverrides()
        for (field, values) in flags { try field.parseFlag(values, into: &overrides) }
        return overrides
    }
}

extension Policy.Failure {
    /// `block or ignore`
    static var choices: String { allCases.map(\.rawValue).joined(separator: " or ") }
}

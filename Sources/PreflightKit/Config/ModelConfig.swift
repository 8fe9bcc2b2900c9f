import Foundation
import Yams

/// A model repository's `preflight.yaml`: which model, which rubric, and how the team tunes the gate.
///
/// ```yaml
/// version: 1
/// model: { name: fraud-detector, version: 1.4.0 }
/// rubric: ml-test-score            # a bundled name, or a path relative to this file
/// parameters: { modelCode: ["src/fraud/**"] }
/// policy: { minimumScore: 2, required: [infra-7] }
/// items:
///   infra-6: { skip: "batch scoring only: nothing is served online" }
/// attestations: readiness/attestations.yaml   # the defaults; paths inside the repository
/// waivers: readiness/waivers.yaml
/// history: .preflight/history.sqlite            # relative to this file
/// record: true                                  # every gate run is recorded
/// artifacts: [models/fraud]                     # what `gate --attest` names, by digest
/// ```
public struct ModelConfig: Sendable, Decodable {
    public static let fileName = "preflight.yaml"

    public var version: Int
    public var model: ModelIdentity?
    public var rubric: String?
    public var parameters: [String: [String]]
    public var policy: PolicyOverrides
    public var items: [String: ItemSettings]
    /// The attestation and waiver ledgers, relative to the repository root.
    public var attestations: String
    public var waivers: String
    /// The history database, relative to this file; and whether every gate run records into it.
    public var history: String?
    public var record: Bool
    /// Live sources of evidence (`sources:`).
    public var sources = SourcesConfig()
    /// What healthy means in production (`monitoring:`); else a `monitoring.yaml` beside this file may hold it.
    public var monitoring: MonitoringPlan?
    /// The model artifacts a signed verdict names by digest, relative to the repository root.
    public var artifacts: [String] = []
    /// Where this configuration was read from; nil when the repository has none.
    public var file: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case version, model, rubric, parameters, policy, items, attestations, waivers, history, record, sources, monitoring, artifacts }

    public init() {
        version = 1
        parameters = [:]
        policy = PolicyOverrides()
        items = [:]
        attestations = AttestationLedger.defaultPath
        waivers = WaiverLedger.defaultPath
        record = false
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        guard version == 1 else {
            throw decoder.fail("preflight.yaml version \(version) is not supported; this Preflight reads version 1", key: CodingKeys.version)
        }
        model = try container.decodeIfPresent(ModelIdentity.self, forKey: .model)
        rubric = try container.decodeIfPresent(String.self, forKey: .rubric)
        parameters = [:]
        if container.contains(.parameters) {
            let nested = try container.nestedContainer(keyedBy: AnyKey.self, forKey: .parameters)
            for key in nested.allKeys {
                let globs = try nested.decodeStringList(forKey: key) ?? []
                for (index, glob) in globs.enumerated() {
                    do { _ = try Glob(glob.hasPrefix("!") ? String(glob.dropFirst()) : glob) } catch .invalid(let reason) {
                        let path: [any CodingKey] = [CodingKeys.parameters, key] + (Self.isList(nested, key) ? [AnyKey(intValue: index)] : [])
                        throw FieldError(codingPath: decoder.codingPath + path, message: "bad glob: \(reason)")
                    }
                }
                parameters[key.stringValue] = globs
            }
        }
        policy = try container.decodeIfPresent(PolicyOverrides.self, forKey: .policy) ?? PolicyOverrides()
        items = [:]
        if container.contains(.items), try !container.decodeNil(forKey: .items) {
            items = try container.decodeEachValue(ItemSettings.self, forKey: .items, collectingInto: decoder.errorCollector)
        }
        attestations = try container.decodeIfPresent(String.self, forKey: .attestations) ?? AttestationLedger.defaultPath
        waivers = try container.decodeIfPresent(String.self, forKey: .waivers) ?? WaiverLedger.defaultPath
        history = try container.decodeIfPresent(String.self, forKey: .history)
        record = try container.decodeStrictBool(forKey: .record) ?? false
        sources = try container.decodeIfPresent(SourcesConfig.self, forKey: .sources) ?? SourcesConfig()
        monitoring = try container.decodeIfPresent(MonitoringPlan.self, forKey: .monitoring)
        artifacts = try container.decodeStringList(forKey: .artifacts) ?? []
        for (key, path) in [(CodingKeys.attestations, attestations), (.waivers, waivers)] + artifacts.map({ (CodingKeys.artifacts, $0) })
        where path.isEmpty || path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            throw decoder.fail("'\(path)' must be a relative path inside the repository", key: key)
        }
    }

    private static func isList(_ container: KeyedDecodingContainer<AnyKey>, _ key: AnyKey) -> Bool {
        (try? container.decode([String].self, forKey: key)) != nil
    }

    /// Reads `preflight.yaml` from `directory`, or returns an empty configuration when there is none.
    public static func load(in directory: URL, displayName: String? = nil) throws -> ModelConfig {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return ModelConfig() }
        // The repository's own file: a symlink out of it is refused before a byte is read.
        guard Confinement.resolves(url.path, inside: directory.path) else {
            throw PreflightError.refusedInput(file: displayName ?? url.path, reason: "it resolves outside the repository (a symlink?)")
        }
        return try load(file: url, displayName: displayName ?? url.path)
    }

    public static func load(file url: URL, displayName: String? = nil) throws -> ModelConfig {
        let document = try YAMLDocument(contentsOf: url, displayName: displayName)
        var config = try document.decode(ModelConfig.self)
        config.file = document.file
        config.locations = DocumentLocations(document)
        config.text = document.text
        return config
    }

    /// Kept to locate errors found later, when the rubric is known (unknown item or section names).
    var locations: DocumentLocations?
    /// Kept to read the items' own rules once the rubric's parameters are known (`Rubric.applying`).
    var text: String?

    /// The line of preflight.yaml that configures `item`: its `items:` entry, its place in `policy.required`, else
    /// the `rubric:` line; nil without a preflight.yaml.
    public func line(configuring item: String) -> Int? {
        guard let locations else { return nil }
        let candidates: [[any CodingKey]] = [
            [CodingKeys.items, AnyKey(stringValue: item)],
            policy.required.flatMap { $0.firstIndex(of: item) }.map { [CodingKeys.policy, AnyKey(stringValue: "required"), AnyKey(intValue: $0)] } ?? [],
            [CodingKeys.rubric],
        ]
        for path in candidates where !path.isEmpty {
            let found = locations.locate(path)
            if found.key != nil || path.last?.intValue != nil { return (found.key ?? found.value).line }
        }
        return 1
    }

    /// Throws when the configuration names items, sections or parameters the rubric lacks.
    public func check(against rubric: Rubric) throws {
        guard let locations else { return }
        do {
            try rubric.checkPolicyNames(policy, at: [CodingKeys.policy])
            let ids = rubric.items.map(\.id)
            for id in items.keys.sorted() where !ids.contains(id) {
                let hint = Suggestion.closest(to: id, in: ids).map { " (did you mean '\($0)'?)" } ?? ""
                throw FieldError(codingPath: [CodingKeys.items, AnyKey(stringValue: id)], message: "unknown item '\(id)'\(hint)", atKey: true)
            }
            for (index, check) in (monitoring?.healthy ?? []).enumerated() {
                for (position, item) in check.covers.enumerated() where !ids.contains(item) {
                    let hint = Suggestion.closest(to: item, in: ids).map { " (did you mean '\($0)'?)" } ?? ""
                    throw FieldError(codingPath: [CodingKeys.monitoring, AnyKey(stringValue: "healthy"), AnyKey(intValue: index),
                                                  AnyKey(stringValue: "covers"), AnyKey(intValue: position)],
                                     message: "rubric '\(rubric.id)' has no item '\(item)'\(hint)")
                }
            }
            for name in parameters.keys.sorted() where rubric.parameters[name] == nil {
                let hint = Suggestion.closest(to: name, in: rubric.parameters.keys).map { " (did you mean '\($0)'?)" } ?? ""
                throw FieldError(codingPath: [CodingKeys.parameters, AnyKey(stringValue: name)],
                                 message: "rubric '\(rubric.id)' has no parameter '\(name)'\(hint)", atKey: true)
            }
        } catch let error as FieldError {
            throw locations.located(error.codingPath, error.message, atKey: error.atKey)
        }
    }
}

/// The model a gate is about.
public struct ModelIdentity: Sendable, Codable, Hashable {
    public var name: String
    public var version: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, version }

    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decodeIfPresent(String.self, forKey: .version)
    }
}

/// Per-item settings in preflight.yaml.
public struct ItemSettings: Sendable, Decodable {
    /// Marks the item not applicable to this model, with the reason; it earns nothing and never satisfies a requirement.
    public var skip: String?

    /// Whether it gives the item rules of its own (`automated:`, `manual:`), or is an item of its own (`section:`);
    /// both are read by `ItemRuleOverrides` once the rubric is known.
    public var overridesRules = false

    enum CodingKeys: String, CodingKey, CaseIterable { case skip, automated, manual, counts, section, title, why, how }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let hasRules = container.contains(.automated) || container.contains(.manual)
        overridesRules = hasRules || container.contains(.section)
        if container.contains(.counts), !hasRules {
            throw decoder.fail("counts describe the item's own rules: give it automated: or manual:", key: CodingKeys.counts)
        }
        if container.contains(.section) {
            guard hasRules, container.contains(.title) else {
                throw decoder.fail("an item of this model's own needs a title and an automated or a manual rule")
            }
            if let id = decoder.codingPath.last?.stringValue, !Item.isValidID(id) {
                throw FieldError(codingPath: decoder.codingPath, message: "item id '\(id)' must be lowercase words and digits joined by '-', like fraud-1", atKey: true)
            }
        } else if let key = [CodingKeys.title, .why, .how].first(where: container.contains) {
            throw decoder.fail("\(key.rawValue) goes with section: (an item of this model's own); a rubric's item keeps its own", key: key)
        }
        guard container.contains(.skip) else { return }
        // The reason is what reviewers read instead of evidence: it must be written, and written as text.
        let value = try container.superDecoder(forKey: .skip)
        let node = (value as? NodeDecoder)?.node
        // Documents are composed with every scalar a string; YAML's own rules tell a written text from `3`, `yes` or `~`.
        guard let node, case .scalar(let scalar) = node, !Self.isTypedPlainScalar(scalar) else {
            let found = node.flatMap { if case .scalar(let scalar) = $0 { scalar } else { nil } }.flatMap(NSNull.construct) != nil
                ? "nothing" : YAMLDocument.describe(node)
            throw decoder.fail("skip takes the reason the item does not apply, as quoted text, found \(found)", key: CodingKeys.skip)
        }
        guard !scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw decoder.fail("skip takes the reason the item does not apply; it is empty", key: CodingKeys.skip)
        }
        skip = scalar.string
    }

    /// An unquoted null, boolean (YAML 1.1's `yes`/`no`/`on`/`off` too) or number, which is no written reason.
    private static func isTypedPlainScalar(_ scalar: Node.Scalar) -> Bool {
        guard scalar.style == .plain || scalar.style == .any else { return false }
        return NSNull.construct(from: scalar) != nil
            || ["true", "false", "yes", "no", "on", "off", "y", "n"].contains(scalar.string.lowercased())
            || Int.construct(from: scalar) != nil || Double.construct(from: scalar) != nil
    }
}

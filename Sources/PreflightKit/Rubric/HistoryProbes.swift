import Foundation

/// Some tracked file matching `files` was changed by a commit within `within` (the staleness probe).
///
/// ```yaml
/// changed: { files: ["models/**"], within: 90d }
/// ```
public struct ChangeProbe: Sendable, Hashable, Decodable {
    public var files: GlobSet
    public var within: TimeInterval

    enum CodingKeys: String, CodingKey, CaseIterable { case files, within }

    public init(from decoder: any Decoder) throws {
        let inner = try decoder.container(keyedBy: AnyKey.self).superDecoder(forKey: AnyKey(stringValue: "changed"))
        try decoder.rejectUnknownKeys(Only.self)
        try inner.rejectUnknownKeys(CodingKeys.self)
        let container = try inner.container(keyedBy: CodingKeys.self)
        files = try container.decodeGlobs(forKey: .files, parameters: decoder.parameters)
        guard let within = try container.decodeDuration(forKey: .within) else {
            throw inner.fail("missing required key 'within'")
        }
        self.within = within
    }

    private enum Only: String, CodingKey, CaseIterable { case changed }
}

/// Every tracked file matching the globs has an owner in CODEOWNERS (and at least one file matches).
///
/// ```yaml
/// owners: ["src/model/**"]
/// ```
public struct OwnersProbe: Sendable, Hashable, Decodable {
    public var files: GlobSet

    enum CodingKeys: String, CodingKey, CaseIterable { case owners }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        files = try decoder.container(keyedBy: CodingKeys.self).decodeGlobs(forKey: .owners, parameters: decoder.parameters)
    }
}

/// A signed manual attestation for the item earns its manual level (`attestation: true`).
public struct AttestationProbe: Sendable, Hashable, Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case attestation }

    public init() {}

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        guard try decoder.container(keyedBy: CodingKeys.self).decodeStrictBool(forKey: .attestation) == true else {
            throw decoder.fail("attestation takes the value true", key: CodingKeys.attestation)
        }
    }
}

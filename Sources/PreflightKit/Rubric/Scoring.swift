import Foundation

/// How items turn into scores: points per level, how sections combine, and the two scales' bands.
public struct Scoring: Sendable, Decodable {
    /// How section sums combine into the final score.
    public enum Final: String, Sendable, Codable, CaseIterable {
        /// The ML Test Score: the weakest section is the score.
        case minimum
        case sum
    }

    public var automatedPoints: Double
    public var manualPoints: Double
    public var final: Final
    /// Bands of the final score (the ML Test Score's interpretation table).
    public var bands: BandTable
    /// Bands of the total points (science project → production).
    public var production: BandTable
    /// How long an attestation counts when it names no expiry (the ML Test Score asks for repeated checks).
    public var attestationValidity: TimeInterval

    public static let defaultAttestationValidity: TimeInterval = 90 * 86_400

    enum CodingKeys: String, CodingKey, CaseIterable { case levels, final, bands, production, attestationValidity }
    enum LevelKeys: String, CodingKey, CaseIterable { case automated, manual }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let levelsDecoder = try container.superDecoder(forKey: .levels)
        try levelsDecoder.rejectUnknownKeys(LevelKeys.self)
        let levels = try levelsDecoder.container(keyedBy: LevelKeys.self)
        automatedPoints = try levels.decode(Double.self, forKey: .automated)
        manualPoints = try levels.decode(Double.self, forKey: .manual)
        guard automatedPoints > 0, automatedPoints <= 100 else {
            throw levelsDecoder.fail("automated points must be above 0 and at most 100, found \(automatedPoints)", key: LevelKeys.automated)
        }
        guard manualPoints >= 0, manualPoints <= automatedPoints else {
            throw levelsDecoder.fail("manual points must be between 0 and the automated points (\(automatedPoints)), found \(manualPoints)", key: LevelKeys.manual)
        }
        let finalName = try container.decode(String.self, forKey: .final)
        guard let final = Final(rawValue: finalName) else {
            throw decoder.fail("final must be one of \(Final.allCases.map(\.rawValue).joined(separator: ", ")), found '\(finalName)'", key: CodingKeys.final)
        }
        self.final = final
        bands = try container.decode(BandTable.self, forKey: .bands)
        production = try container.decode(BandTable.self, forKey: .production)
        attestationValidity = try container.decodeDuration(forKey: .attestationValidity) ?? Self.defaultAttestationValidity
    }
}

/// A named list of globs that rules use as `$name`; preflight.yaml may override it.
public struct Parameter: Sendable, Decodable {
    public var description: String
    public var defaultValue: [String]

    enum CodingKeys: String, CodingKey, CaseIterable { case description, `default` }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        description = try container.decode(String.self, forKey: .description)
        defaultValue = try container.decodeStringList(forKey: .default) ?? []
        guard !defaultValue.isEmpty else { throw decoder.fail("missing required key 'default'") }
    }
}

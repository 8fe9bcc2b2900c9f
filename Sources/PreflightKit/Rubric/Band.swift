import Foundation

/// One band of a scale: a value falls in the first band whose upper edge it does not exceed.
public struct Band: Sendable, Codable, Hashable {
    /// Inclusive upper edge.
    public var atMost: Double?
    /// Exclusive upper edge.
    public var below: Double?
    public var label: String
    /// How risky a model in this band is to rely on (used by the science-project scale, whose danger is U-shaped).
    public var danger: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case atMost, below, label, danger }

    public init(atMost: Double? = nil, below: Double? = nil, label: String, danger: String? = nil) {
        self.atMost = atMost
        self.below = below
        self.label = label
        self.danger = danger
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        atMost = try container.decodeIfPresent(Double.self, forKey: .atMost)
        below = try container.decodeIfPresent(Double.self, forKey: .below)
        label = try container.decode(String.self, forKey: .label)
        danger = try container.decodeIfPresent(String.self, forKey: .danger)
        if atMost != nil, below != nil { throw decoder.fail("a band has atMost or below, not both") }
    }

    var upperEdge: Double? { atMost ?? below }

    func contains(_ value: Double) -> Bool {
        if let atMost { return value <= atMost }
        if let below { return value < below }
        return true
    }
}

/// An ordered table of bands that covers every value.
public struct BandTable: Sendable, Codable, Hashable {
    public var bands: [Band]

    public init(bands: [Band]) { self.bands = bands }

    public init(from decoder: any Decoder) throws {
        bands = try decoder.singleValueContainer().decode([Band].self)
        guard let last = bands.last, last.upperEdge == nil else {
            throw decoder.fail("the last band must have no upper edge (no atMost or below) so that every value has a band")
        }
        var previous = -Double.infinity
        for (index, band) in bands.enumerated() {
            guard index == bands.count - 1 || band.upperEdge != nil else {
                throw decoder.fail("only the last band may leave out its upper edge", key: AnyKey(intValue: index))
            }
            if let edge = band.upperEdge {
                guard edge > previous else {
                    throw decoder.fail("band edges must increase: \(edge) after \(previous)", key: AnyKey(intValue: index))
                }
                previous = edge
            }
        }
    }

    /// The band `value` falls in, with its index.
    public func band(for value: Double) -> (index: Int, band: Band) {
        let index = bands.firstIndex { $0.contains(value) } ?? bands.count - 1
        return (index, bands[index])
    }
}

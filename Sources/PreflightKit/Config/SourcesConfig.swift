/// preflight.yaml's `sources:`: the live sources of evidence a gate asks while it reads the files. Each key is one
/// source; adding one is its `EvidenceSource` file, a field and a key here, and a line in `live(environment:)`.
///
/// ```yaml
/// sources:
///   prometheus: { url: https://prometheus.monitoring.example.com, tokenEnv: PROMETHEUS_TOKEN }
/// ```
public struct SourcesConfig: Sendable, Decodable {
    public var prometheus: PrometheusSource?

    enum CodingKeys: String, CodingKey, CaseIterable { case prometheus }

    public init(prometheus: PrometheusSource? = nil) { self.prometheus = prometheus }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        prometheus = try container.decodeIfPresent(PrometheusSource.self, forKey: .prometheus)
    }

    /// The configured sources, reading credentials from `environment`.
    package func live(environment: [String: String]) -> [any EvidenceSource] {
        var sources: [any EvidenceSource] = []
        if let prometheus { sources.append(PrometheusQueries(source: prometheus, environment: environment)) }
        return sources
    }
}

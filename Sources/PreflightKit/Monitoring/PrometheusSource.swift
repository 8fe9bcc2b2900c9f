import Foundation

/// Where the live Prometheus API is and how to reach it, from preflight.yaml `sources.prometheus` or `--prometheus`.
/// Credentials are named by environment variable and read only when the request is made; no report shows them.
///
/// ```yaml
/// sources:
///   prometheus:
///     url: https://prometheus.monitoring.example.com
///     tokenEnv: PROMETHEUS_TOKEN            # bearer token; or basicAuth: { userEnv: PROM_USER, passwordEnv: PROM_PASSWORD }
///     timeout: 10s
///     headers: { X-Scope-OrgID: fraud }
/// ```
public struct PrometheusSource: Sendable, Decodable, Hashable {
    public var url: URL
    public var tokenEnv: String?
    public var basicAuth: BasicAuth?
    public var timeout: TimeInterval
    public var headers: [String: String]

    public typealias BasicAuth = Credentials.BasicAuth

    enum CodingKeys: String, CodingKey, CaseIterable { case url, tokenEnv, basicAuth, timeout, headers }

    public init(url: URL, timeout: TimeInterval = 10, tokenEnv: String? = nil, headers: [String: String] = [:]) {
        self.url = url
        self.timeout = timeout
        self.tokenEnv = tokenEnv
        self.headers = headers
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .url)
        switch Self.baseURL(text) {
        case .success(let url): self.url = url
        case .failure(.notHTTP): throw decoder.fail("'\(Credentials.displayURL(text))' is not an http(s) URL", key: CodingKeys.url)
        case .failure(.credentials): throw decoder.fail("put credentials in basicAuth or tokenEnv, not in the URL", key: CodingKeys.url)
        }
        tokenEnv = try container.decodeIfPresent(String.self, forKey: .tokenEnv)
        basicAuth = try container.decodeIfPresent(BasicAuth.self, forKey: .basicAuth)
        if tokenEnv != nil, basicAuth != nil { throw decoder.fail("use tokenEnv or basicAuth, not both") }
        timeout = try container.decodeDuration(forKey: .timeout) ?? 10
        headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
    }

    /// Why a base URL is refused.
    public enum URLProblem: Error { case notHTTP, credentials }

    /// `text` as a base URL: http or https with a host, and no credentials in it (they belong in the environment).
    public static func baseURL(_ text: String) -> Result<URL, URLProblem> {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else { return .failure(.notHTTP) }
        guard url.user == nil, url.password == nil else { return .failure(.credentials) }
        return .success(url)
    }

    /// The URL as reports show it: scheme, host, port and path, never credentials or query.
    public var display: String { Credentials.displayURL(url.absoluteString) }

    /// How it authenticates.
    public var credentials: Credentials { Credentials(tokenEnv: tokenEnv, basicAuth: basicAuth) }
}

import Foundation

/// Options of one gate run; every field has the default a user gets from `preflight gate .`.
public struct GateOptions: Sendable {
    /// A bundled rubric name or a path; wins over preflight.yaml.
    public var rubric: String?
    /// A preflight.yaml elsewhere than the repository root.
    public var configPath: String?
    /// Flag overrides, applied last.
    public var policy = PolicyOverrides()
    /// The model's name and version, overriding preflight.yaml.
    public var modelName: String?
    public var modelVersion: String?
    public var now = Date()
    public var maxFileBytes = 4 << 20
    public var history = HistorySettings()
    /// A Prometheus base URL replacing preflight.yaml's `sources.prometheus.url`.
    public var prometheusURL: URL?
    /// Where credentials that sources name are read: the caller's environment (the CLI passes the process's); the
    /// library never reads the process's own.
    public var environment: [String: String] = [:]

    public init() {}
}

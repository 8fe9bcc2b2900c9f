import Foundation
import Testing

/// A real Prometheus server on a free loopback port, scraping a static exporter every second and evaluating
/// `Fixtures/prometheus/rules.yml`, with six hours of history backfilled by promtool before it starts (`history`).
/// Started once for the test run; the test command installs Prometheus.
final class PrometheusServer: @unchecked Sendable {
    static let shared = Result { try PrometheusServer() }

    let url: URL
    private var processes: [Process] = []
    private let directory: TemporaryDirectory

    private init() throws {
        directory = try TemporaryDirectory()
        let fixtures = Fixtures.root.appendingPathComponent("prometheus")
        try FileManager.default.createDirectory(atPath: directory.path + "/exporter", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures.path + "/metrics", toPath: directory.path + "/exporter/metrics")
        try FileManager.default.copyItem(atPath: fixtures.path + "/rules.yml", toPath: directory.path + "/rules.yml")
        let exporterPort = try freePort(), port = try freePort()
        try directory.write("history.om", Self.history(instance: "127.0.0.1:\(exporterPort)", until: Date()))
        let backfill = try run("/usr/bin/env", ["promtool", "tsdb", "create-blocks-from", "openmetrics",
                                                directory.path + "/history.om", directory.path + "/data"])
        guard backfill.status == 0 else { throw Failure(message: "promtool could not backfill: \(backfill.errors)") }
        try directory.write("prometheus.yml", """
            global: { scrape_interval: 1s, evaluation_interval: 1s }
            rule_files: [rules.yml]
            scrape_configs:
              - job_name: model
                static_configs: [{ targets: ["127.0.0.1:\(exporterPort)"] }]
            """)
        processes.append(try launch("/usr/bin/env", ["python3", "-m", "http.server", "\(exporterPort)", "--bind", "127.0.0.1",
                                                     "--directory", directory.path + "/exporter"]))
        processes.append(try launch("/usr/bin/env", [
            "prometheus", "--config.file=\(directory.path)/prometheus.yml", "--storage.tsdb.path=\(directory.path)/data",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]))
        url = URL(string: "http://127.0.0.1:\(port)")!
        // Ready when a scraped series is queryable and the always-firing alert fires.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if get("api/v1/query?query=fraud_predictions_total").contains("1234"),
               get("api/v1/rules").contains("\"state\":\"firing\"") { return }
            usleep(250_000)
        }
        throw Failure(message: "Prometheus did not become ready on \(url) within 60 s (is the prometheus package installed?)")
    }

    deinit { for process in processes where process.isRunning { process.terminate() } }

    /// Samples every 15 s over the six hours before `until`, in OpenMetrics for promtool:
    /// - `fraud_recall` per country with the scrape's own `job` and `instance`, so that the exporter's current values
    ///   continue the same series: de stays at 0.9, fr was 0.8 and is 0.5 now (a drift from its baseline);
    /// - `fraud_scores_total`, which nothing scrapes: it stopped three hours before `until`.
    static func history(instance: String, until end: Date) -> String {
        let now = Int(end.timeIntervalSince1970)
        var lines = ["# TYPE fraud_recall gauge"]
        for (country, value) in [("de", "0.9"), ("fr", "0.8")] {
            for time in stride(from: now - 6 * 3600, to: now - 30, by: 15) {
                lines.append("fraud_recall{country=\"\(country)\",instance=\"\(instance)\",job=\"model\"} \(value) \(time)")
            }
        }
        lines.append("# TYPE fraud_scores counter")
        for (index, time) in stride(from: now - 6 * 3600, to: now - 3 * 3600, by: 15).enumerated() {
            lines.append("fraud_scores_total{model=\"fraud\"} \(index) \(time)")
        }
        return (lines + ["# EOF"]).joined(separator: "\n") + "\n"
    }

    struct Failure: Error, CustomStringConvertible { var message: String; var description: String { message } }

    private func get(_ path: String) -> String {
        (try? String(contentsOf: URL(string: "\(url)/\(path)")!, encoding: .utf8)) ?? ""
    }
}

/// The misbehaving API of `Fixtures/prometheus/fault_server.py`, on a free loopback port.
final class FaultServer: @unchecked Sendable {
    static let shared = Result { try FaultServer() }

    let url: URL
    let log: String
    private let process: Process
    private let directory: TemporaryDirectory

    private init() throws {
        directory = try TemporaryDirectory()
        log = directory.path + "/queries.log"
        let port = try freePort()
        process = try launch("/usr/bin/env", ["python3", Fixtures.root.appendingPathComponent("prometheus/fault_server.py").path,
                                              "\(port)", log])
        url = URL(string: "http://127.0.0.1:\(port)")!
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if (try? String(contentsOf: URL(string: "\(url)/ok/api/v1/query?query=up")!, encoding: .utf8)) != nil { return }
            usleep(100_000)
        }
        throw PrometheusServer.Failure(message: "the fault server did not start")
    }

    deinit { if process.isRunning { process.terminate() } }

    /// The base URL of one behaviour, such as `slow`.
    func base(_ mode: String) -> String { "\(url)/\(mode)/" }
}

/// A TCP port nothing listens on now.
func freePort() throws -> Int {
    let result = try run("/usr/bin/env", ["python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
    guard let port = Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw PrometheusServer.Failure(message: "no free port: \(result.errors)")
    }
    return port
}

/// Starts a helper (a server, a lock holder) that is killed when the test process exits: the shared servers live
/// in statics, whose deinit never runs, and must not outlive the test run.
func launch(_ executable: String, _ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Helpers.started(process.processIdentifier)
    return process
}

private enum Helpers {
    nonisolated(unsafe) static var identifiers: [pid_t] = []
    static let lock = NSLock()
    static let registerOnce: Void = { atexit { Helpers.lock.withLock { for pid in Helpers.identifiers { kill(pid, SIGKILL) } } } }()

    static func started(_ pid: pid_t) {
        _ = registerOnce
        lock.withLock { identifiers.append(pid) }
    }
}

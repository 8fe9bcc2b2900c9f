import Foundation
import Testing

/// A real Prometheus server on a free loopback port, scraping a static exporter every second and evaluating
/// `Fixtures/prometheus/rules.yml`. Started once for the test run; the test command installs Prometheus.
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

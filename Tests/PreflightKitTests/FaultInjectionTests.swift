import Foundation
import Testing
@testable import PreflightKit

/// Every source of evidence × every fault it can meet: the built CLI never approves unless the policy explicitly
/// allows the fault (`--on-error ignore`, for faults of one item), and its report or error names the fault.
@Suite(.serialized) struct FaultInjectionTests {
    /// A repository whose four items each rest on one source; without a fault it is approved.
    static let rubric = oneSectionRubric([
        "{ id: config, title: c, why: w, how: h, automated: { key: training.seed, in: [config/model.yaml] } }",
        "{ id: drift, title: d, why: w, how: h, automated: { report: { in: [reports/drift.json], format: evidently, passed: true } } }",
        "{ id: live, title: l, why: w, how: h, automated: { prometheus: { query: 'fraud_drift', below: 1 } } }",
        "{ id: review, title: r, why: w, how: h, manual: { attestation: true } }",
    ], id: "fault-check")

    enum Source: String, CaseIterable { case repositoryFile, report, prometheus, ledger, history, config }

    enum Fault: String, CaseIterable {
        case unreachable, slow, http500, malformedBody, truncated, malformed, permissionDenied, vanished
        case diskFull, databaseLocked, corrupt
    }

    struct Case: CustomStringConvertible, Sendable {
        var source: Source
        var fault: Fault
        /// What the output must say.
        var names: String
        /// Whether `--on-error ignore` may approve it: a fault of one item, which that policy explicitly allows.
        var itemFault: Bool
        var description: String { "\(source.rawValue) × \(fault.rawValue)" }
    }

    static let cases: [Case] = [
        Case(source: .prometheus, fault: .unreachable, names: "cannot reach it", itemFault: true),
        Case(source: .prometheus, fault: .slow, names: "no answer within 1s", itemFault: true),
        Case(source: .prometheus, fault: .http500, names: "HTTP 500", itemFault: true),
        Case(source: .prometheus, fault: .malformedBody, names: "not Prometheus JSON", itemFault: true),
        Case(source: .prometheus, fault: .truncated, names: "not Prometheus JSON", itemFault: true),
        Case(source: .report, fault: .truncated, names: "reports/drift.json", itemFault: true),
        Case(source: .report, fault: .malformed, names: "reports/drift.json", itemFault: true),
        Case(source: .report, fault: .permissionDenied, names: "Permission denied", itemFault: true),
        Case(source: .report, fault: .vanished, names: "No such file", itemFault: true),
        Case(source: .repositoryFile, fault: .truncated, names: "config/model.yaml", itemFault: true),
        Case(source: .repositoryFile, fault: .malformed, names: "config/model.yaml", itemFault: true),
        Case(source: .repositoryFile, fault: .permissionDenied, names: "Permission denied", itemFault: true),
        Case(source: .repositoryFile, fault: .vanished, names: "No such file", itemFault: true),
        Case(source: .ledger, fault: .truncated, names: "attestations.yaml", itemFault: true),
        Case(source: .ledger, fault: .malformed, names: "attestations.yaml", itemFault: true),
        Case(source: .ledger, fault: .permissionDenied, names: "Permission denied", itemFault: true),
        Case(source: .ledger, fault: .vanished, names: "missing from the working tree", itemFault: true),
        Case(source: .history, fault: .diskFull, names: "disk is full", itemFault: false),
        Case(source: .history, fault: .databaseLocked, names: "locked by another process", itemFault: false),
        Case(source: .history, fault: .permissionDenied, names: "cannot write here", itemFault: false),
        Case(source: .history, fault: .corrupt, names: "not a readable history database", itemFault: false),
        Case(source: .config, fault: .truncated, names: "preflight.yaml", itemFault: false),
        Case(source: .config, fault: .permissionDenied, names: "permission", itemFault: false),
        Case(source: .config, fault: .vanished, names: "rubric.yaml", itemFault: false),
    ]

    /// The repository, with `prometheus` as its source URL.
    func repository(prometheus: String) throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", Self.rubric)
        try repo.write("preflight.yaml", """
            version: 1
            model: { name: fraud, version: 2.0.0 }
            rubric: rubric.yaml
            sources:
              prometheus: { url: "\(prometheus)", timeout: 1s }
            """)
        // Flow style, so that a truncated copy is not valid YAML (a cut block mapping often still is).
        try repo.write("config/model.yaml", "training: { seed: 42, epochs: 10 }\n")
        let drift = try String(contentsOf: Fixtures.root.appendingPathComponent("reports/evidently-0.4-testsuite-passed.json"), encoding: .utf8)
        try repo.write("reports/drift.json", drift)
        try repo.write("docs/review.md", "# Review\n")
        try repo.write("readiness/attestations.yaml", """
            version: 1
            attestations:
              - item: review
                summary: reviewed by hand
                by: ana@example.com
                date: 2026-11-10
                document: docs/review.md

            """)
        try repo.commitAll()
        return repo
    }

    /// The file a fault of `source` hits.
    static func file(of source: Source) -> String {
        switch source {
        case .repositoryFile: "config/model.yaml"
        case .report: "reports/drift.json"
        case .ledger: "readiness/attestations.yaml"
        case .config: "preflight.yaml"
        case .prometheus, .history: ""
        }
    }

    /// Sets the fault up; returns extra gate arguments and what must run alongside (a process holding a lock).
    func inject(_ fault: Case, into repo: TemporaryDirectory, history: String) throws -> (arguments: [String], holder: Process?) {
        let server = try FaultServer.shared.get()
        var arguments = ["--prometheus", server.base("ok")]
        let path = repo.path + "/" + Self.file(of: fault.source)
        switch (fault.source, fault.fault) {
        case (.prometheus, .unreachable): arguments = ["--prometheus", "http://127.0.0.1:\(try freePort())"]
        case (.prometheus, .slow): arguments = ["--prometheus", server.base("hang")]
        case (.prometheus, .http500): arguments = ["--prometheus", server.base("status500")]
        case (.prometheus, .malformedBody): arguments = ["--prometheus", server.base("malformed")]
        case (.prometheus, .truncated): arguments = ["--prometheus", server.base("truncated")]
        case (.history, .diskFull), (.history, .databaseLocked), (.history, .permissionDenied), (.history, .corrupt):
            arguments += ["--record", "--history", history, "--history-timeout", "1"]
        case (_, .truncated):
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try String(text.prefix(text.count / 2)).write(toFile: path, atomically: false, encoding: .utf8)
        case (_, .malformed): try "training:\n  seed: [42\n  { not: json".write(toFile: path, atomically: false, encoding: .utf8)
        case (_, .permissionDenied): try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        case (.config, .vanished): try FileManager.default.removeItem(atPath: repo.path + "/rubric.yaml")
        case (_, .vanished): try FileManager.default.removeItem(atPath: path)   // still listed by git
        default: Issue.record("no injection for \(fault)")
        }
        var holder: Process?
        switch (fault.source, fault.fault) {
        case (.history, .corrupt):
            try FileManager.default.createDirectory(atPath: (history as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: history))
        case (.history, .permissionDenied):
            try FileManager.default.createDirectory(atPath: (history as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: (history as NSString).deletingLastPathComponent)
        case (.history, .databaseLocked):
            // A history with a record in it, made as a job would make it, that another job then holds locked.
            let made = try run(CLITests.binary, ["gate", repo.path, "--format", "json"] + arguments, environment: CLITests.fixedTime)
            #expect(made.status == 0, "\(made.errors)")
            holder = try launch("/usr/bin/env", ["python3", "-c", """
                import sqlite3, sys, time
                db = sqlite3.connect(sys.argv[1], isolation_level=None)
                db.execute("BEGIN EXCLUSIVE")
                print("locked", flush=True)
                time.sleep(30)
                """, history])
            usleep(500_000)
        default: break
        }
        return (arguments, holder)
    }

    /// Runs the gate as a pipeline would; as root, without the capabilities that bypass file permissions, and for
    /// a full disk, with the history on a nearly full filesystem of its own.
    func gate(_ repo: TemporaryDirectory, _ arguments: [String], diskFull: Bool, history: String) throws -> RunResult {
        var command = [CLITests.binary, "gate", repo.path, "--format", "json"] + arguments
        if getuid() == 0 { command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"] + command }
        if diskFull {
            let directory = (history as NSString).deletingLastPathComponent
            let quoted = command.map { "'\($0)'" }.joined(separator: " ")
            // A 256 KiB filesystem, all but 4 KiB of it taken, in a mount namespace of this command's own.
            let script = """
                mkdir -p '\(directory)' && mount -t tmpfs -o size=256k tmpfs '\(directory)' \
                && (dd if=/dev/zero of='\(directory)/filler' bs=4k count=63 2>/dev/null; true) && exec \(quoted)
                """
            return try run("/usr/bin/env", ["unshare", "-m", "sh", "-c", script], environment: CLITests.fixedTime, timeout: 60)
        }
        return try run("/usr/bin/env", command, environment: CLITests.fixedTime, timeout: 60)
    }

    @Test func withoutAFaultTheRepositoryIsApproved() throws {
        let server = try FaultServer.shared.get()
        let repo = try repository(prometheus: server.base("ok"))
        let history = repo.path + "/../\(UUID().uuidString)/history.sqlite"
        let result = try gate(repo, ["--record", "--history", history], diskFull: false, history: history)
        #expect(result.status == 0, "\(result.output)\n\(result.errors)")
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])["verdict"] as? [String: Any]
        #expect(verdict?["decision"] as? String == "approved")
        try? FileManager.default.removeItem(atPath: (history as NSString).deletingLastPathComponent)
    }

    @Test(arguments: cases, [false, true])
    func aFaultNeverApproves(_ fault: Case, ignoringItemErrors: Bool) throws {
        let server = try FaultServer.shared.get()
        let repo = try repository(prometheus: server.base("ok"))
        let scratch = try TemporaryDirectory()
        let history = scratch.path + "/history/history.sqlite"
        var (arguments, holder) = try inject(fault, into: repo, history: history)
        defer {
            holder?.terminate()
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.path + "/history")
        }
        if ignoringItemErrors { arguments += ["--on-error", "ignore"] }
        let result = try gate(repo, arguments, diskFull: fault.fault == .diskFull, history: history)
        let said = result.output + result.errors
        #expect(result.status != 137, "\(fault): the gate was killed after 60 s")
        #expect(said.lowercased().contains(fault.names.lowercased()), "\(fault): \(said.prefix(2000))")
        let decision = ((try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])?["verdict"] as? [String: Any])?["decision"] as? String
        if ignoringItemErrors && fault.itemFault {
            // The policy explicitly lets an item that could not be evaluated pass: approved, with the fault reported.
            #expect(result.status == 0 && decision == "approved", "\(fault): \(result.status) \(said.prefix(600))")
        } else {
            #expect(result.status != 0 && decision != "approved", "\(fault): \(result.status) \(said.prefix(600))")
            if fault.itemFault { #expect(result.status == 1 && decision == "blocked") }
        }
    }

    /// The table covers every source with the faults that apply to it.
    @Test func theTableCoversEverySource() {
        #expect(Set(Self.cases.map(\.source)) == Set(Source.allCases))
        #expect(Set(Self.cases.map(\.fault)) == Set(Fault.allCases))
    }
}

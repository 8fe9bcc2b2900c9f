import Foundation
import Testing
@testable import PreflightKit

/// Inputs far past normal size: each completes within a bound with memory bounded, or is refused with a clear
/// message, and none is ever a pass. Wall time and peak memory are those of the built CLI in a child process.
@Suite(.serialized) struct ResourceLimitTests {
    struct Measured {
        var result: RunResult
        var seconds: Double
        var peakMegabytes: Double
    }

    /// Runs the CLI under a small Python parent that reports its peak resident memory (RUSAGE_CHILDREN).
    func measure(_ arguments: [String]) throws -> Measured {
        let start = Date()
        let wrapper = """
            import resource, subprocess, sys
            status = subprocess.run(sys.argv[1:]).returncode
            sys.stderr.write("\\npeak-kb %d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            sys.exit(status)
            """
        let result = try run("/usr/bin/env", ["python3", "-c", wrapper, CLITests.binary] + arguments,
                             environment: CLITests.fixedTime, timeout: 120)
        let peak = result.errors.components(separatedBy: "peak-kb ").last.flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? -1
        return Measured(result: result, seconds: Date().timeIntervalSince(start), peakMegabytes: peak / 1024)
    }

    static func rubric(items: [String]) -> String { oneSectionRubric(items, id: "limits") }

    @Test func aRubricOfTenThousandItemsLoadsAndGates() throws {
        let items = (0..<10_000).map { index in
            "{ id: item-\(index), title: Item \(index), why: w, how: h, automated: { files: [\"src/**/*.py\"], contains: \"marker\(index % 50)\\\\b\" } }"
        }
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", Self.rubric(items: items))
        for index in 0..<20 { try repo.write("src/m\(index).py", "marker\(index) = 1\n") }
        try repo.commitAll()
        let validated = try measure(["validate", repo.path + "/rubric.yaml"])
        #expect(validated.result.status == 0, "\(validated.result.errors)")
        #expect(validated.result.output.contains("10000 items"))
        let gated = try measure(["gate", repo.path, "--rubric", repo.path + "/rubric.yaml", "--format", "json", "-o", repo.path + "/out.json"])
        #expect(gated.result.status == 0, "\(gated.result.errors)")
        let evaluation = try JSONDecoder.iso8601.decode(Evaluation.self, from: Data(contentsOf: URL(fileURLWithPath: repo.path + "/out.json")))
        #expect(evaluation.scorecard.items.count == 10_000)
        #expect(evaluation.scorecard.items.filter { $0.points == 1 }.count == 4_000)   // markers 0–19 of every 50
        #expect(gated.seconds < 60 && gated.peakMegabytes < 500, "\(gated.seconds) s, \(gated.peakMegabytes) MB")
        print("10,000-item rubric: validate \(String(format: "%.2f", validated.seconds)) s, gate \(String(format: "%.2f", gated.seconds)) s, peak \(Int(gated.peakMegabytes)) MB")
    }

    /// A sparse file, so the test costs no disk: git lists it (added to the index by hash, never hashed whole).
    func repositoryWithSparseFile(at path: String, size: Int64, rubricItems: [String]) throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", Self.rubric(items: rubricItems))
        try repo.write("preflight.yaml", "version: 1\nrubric: rubric.yaml\n")
        try repo.write(path, "placeholder\n")
        try repo.commitAll()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: repo.path + "/" + path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return repo
    }

    @Test func aTwoGigabyteFileIsSkippedBySizeWithoutBeingRead() throws {
        let repo = try repositoryWithSparseFile(at: "data/huge.bin", size: 2 << 30, rubricItems: [
            "{ id: content, title: c, why: w, how: h, automated: { files: [\"**/*\"], contains: \"nee[d]le\", includeData: true } }",
        ])
        let measured = try measure(["gate", repo.path, "--format", "json"])
        #expect(measured.result.status == 0, "\(measured.result.errors)")
        #expect(measured.result.output.contains("1 skipped as data, binary or too large"), "\(measured.result.output)")
        #expect(measured.seconds < 20 && measured.peakMegabytes < 150, "\(measured.seconds) s, \(measured.peakMegabytes) MB")
        print("2 GB file: \(String(format: "%.2f", measured.seconds)) s, peak \(Int(measured.peakMegabytes)) MB")
    }

    @Test func aFiveHundredMegabyteReportIsRefusedWithAReason() throws {
        let repo = try repositoryWithSparseFile(at: "reports/drift.json", size: 500 << 20, rubricItems: [
            "{ id: drift, title: d, why: w, how: h, automated: { report: { in: [reports/*.json], format: evidently, passed: true } } }",
        ])
        let measured = try measure(["gate", repo.path])
        #expect(measured.result.status == 1)   // a report that cannot be read blocks: never a pass
        #expect(measured.result.output.contains("reports/drift.json: cannot read: larger than 4194304 bytes"), "\(measured.result.output)")
        #expect(measured.seconds < 20 && measured.peakMegabytes < 150, "\(measured.seconds) s, \(measured.peakMegabytes) MB")
    }

    @Test func aMillionSeriesAnswerIsCutOffAndRefused() throws {
        let server = try FaultServer.shared.get()
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", Self.rubric(items: [
            "{ id: live, title: l, why: w, how: h, automated: { prometheus: { query: 'fraud_drift', below: 1 } } }",
        ]))
        try repo.write("preflight.yaml", "version: 1\nrubric: rubric.yaml\nsources:\n  prometheus: { url: \"\(server.base("million"))\", timeout: 30s }\n")
        try repo.commitAll()
        let measured = try measure(["gate", repo.path])
        #expect(measured.result.status == 1)
        #expect(measured.result.output.contains("the answer is larger than 32 MB: refused"), "\(measured.result.output)")
        #expect(measured.seconds < 30 && measured.peakMegabytes < 250, "\(measured.seconds) s, \(measured.peakMegabytes) MB")
        print("1,000,000-series answer: \(String(format: "%.2f", measured.seconds)) s, peak \(Int(measured.peakMegabytes)) MB")
    }

    @Test func aPatternThatRepeatsARepetitionIsRefusedAtLoad() throws {
        let text = Self.rubric(items: [
            "{ id: slow, title: s, why: w, how: h, automated: { files: [\"*\"], contains: \"(\\\\w+\\\\s?)*$\" } }",
        ])
        #expect {
            _ = try RubricLoader.load(YAMLDocument(text: text, file: "rubric.yaml"))
        } throws: { error in
            error.localizedDescription.hasPrefix("rubric.yaml:14:") && error.localizedDescription.contains("repeats a repetition")
        }
    }

    /// A pattern that backtracks exponentially without nested repetition gets past the load check: the time
    /// limit ends the run with exit status 2 and says why.
    @Test func theTimeLimitStopsAPatternThatNeverEnds() throws {
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", Self.rubric(items: [
            "{ id: slow, title: s, why: w, how: h, automated: { files: [\"*.txt\"], contains: \"(a|a)+$\" } }",
        ]))
        try repo.write("line.txt", String(repeating: "a", count: 64) + "b\n")
        try repo.commitAll()
        let measured = try measure(["gate", repo.path, "--rubric", repo.path + "/rubric.yaml", "--time-limit", "2"])
        #expect(measured.result.status == 2)
        #expect(measured.result.errors.contains("no decision within the time limit of 2 s"))
        #expect(measured.seconds < 10)
    }
}

import Foundation
import Testing

/// Benchmarks/accuracy.py on a synthetic labelled set (Fixtures/accuracy): three git repositories built here, scored
/// with the built binary by the fixture rubric, and every metric checked against the value worked out by hand.
///
/// | item    | alpha points/label | beta      | gamma            |
/// |---------|--------------------|-----------|------------------|
/// | data-1  | 1 / 1              | 0.5 / 0.5 | 0 / 0.5 †        |
/// | data-2  | 1 / 0  (false full)| 0 / 0     | 1 / 1            |
/// | infra-1 | 0.5 / 0.5          | 0 / 0.5 ✗ | 0.5 / 0.5        |
/// | infra-2 | 1 / 0.5 †          | 0 / 0 †   | 1 / 0 † ✗ (false full) |
/// | total   | 3.5 / 2            | 0.5 / 1   | 2.5 / 2          |
///
/// († borderline: agrees within 0.5; ✗ and alpha's data-2 disagree.) Totals rank tool (2, 0, 1), labels (1.5, 0, 1.5)
/// with the tie averaged, so ρ = 1.5 / √(1.5 · 2) = 0.866 (ordinal ranks would give 0.5; the d² formula 0.875).
/// Agreement 9/12; Σ min = 4, Σ points = 6.5, Σ labels = 5: precision 0.615, recall 0.8; false full 2.
/// Data: ρ 0.5, 5/6, 2.5/3.5, 2.5/3, 1. Infra: ρ 0.5, 4/6, 1.5/3, 1.5/2, 1.
@Suite struct AccuracyBenchmarkTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Benchmarks/accuracy.py").standardized.path
    static let fixtures = Fixtures.root.appendingPathComponent("accuracy")

    /// The checkouts folder: one git repository per labelled name, each scored by the fixture rubric.
    func checkouts() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        let rubric = try String(contentsOf: Self.fixtures.appendingPathComponent("rubric.yaml"), encoding: .utf8)
        let repositories: [String: [String: String]] = [
            "alpha": ["data/schema.json": "{}\n", "src/check.py": "import pandera\n", "tests/test_x.py": "def test_x(): pass\n",
                      "poetry.lock": "\n"],
            "beta": ["docs/schema.md": "# Schema\n", "README.md": "# Beta\nRun the tests by hand.\n"],
            "gamma": ["src/validate.py": "import pandera as pa\n", "tests/test_y.py": "def test_y(): pass\n", "uv.lock": "\n"],
        ]
        for (name, files) in repositories {
            try folder.write("\(name)/rubric.yaml", rubric)
            try folder.write("\(name)/preflight.yaml", "version: 1\nrubric: rubric.yaml\n")
            for (path, contents) in files { try folder.write("\(name)/\(path)", contents) }
            try folder.git("-C", name, "init", "-q", "-b", "main")
            try folder.git("-C", name, "add", "-A")
            try folder.git("-C", name, "commit", "-q", "-m", "fixture")
        }
        return folder
    }

    /// Runs the benchmark; returns the run and its JSON document.
    func benchmark(_ labels: String, in folder: TemporaryDirectory, _ options: [String] = [], path: String? = nil) throws
        -> (RunResult, [String: Any]) {
        let out = folder.url.appendingPathComponent("accuracy-\(UUID().uuidString).json").path
        let result = try run(try python(),
                             [Self.script, CLITests.binary, labels, folder.path, "--json", out] + options,
                             environment: CLITests.fixedTime.merging(path.map { ["PATH": $0] } ?? [:]) { _, new in new })
        #expect(result.status == 0, "\(result.errors)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out)))
        return (result, try #require(document as? [String: Any]))
    }

    /// The Python interpreter itself (python3 on PATH may be a shim that needs a full PATH).
    func python() throws -> String {
        let found = try run(try executable("python3"), ["-c", "import sys; print(sys.executable)"])
        return try #require(found.output.split(separator: "\n").first.map(String.init))
    }

    func executable(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(found, "\(name) is not on PATH")
    }

    func number(_ dictionary: [String: Any]?, _ key: String) -> Double? { (dictionary?[key] as? NSNumber)?.doubleValue }

    func repository(_ document: [String: Any], _ name: String) throws -> [String: Any] {
        let repositories = try #require(document["repositories"] as? [[String: Any]])
        return try #require(repositories.first { $0["name"] as? String == name })
    }

    func checkSummary(_ document: [String: Any]) throws {
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(number(summary, "rho") == 0.866)
        #expect(number(summary, "items_agree") == 0.75)
        #expect(number(summary, "points_precision") == 0.615)
        #expect(number(summary, "points_recall") == 0.8)
        #expect(number(summary, "false_full") == 2)
        #expect(number(summary, "items") == 12)
        #expect(number(summary, "agree") == 9)
        #expect(number(summary, "matched") == 4)
        #expect(number(summary, "points") == 6.5)
        #expect(number(summary, "labels") == 5)
        let sections = try #require(document["sections"] as? [String: [String: Any]])
        #expect(sections.keys.sorted() == ["data", "infra"])
        let expected: [String: [String: Double]] = [
            "data": ["rho": 0.5, "items_agree": 0.833, "points_precision": 0.714, "points_recall": 0.833, "false_full": 1],
            "infra": ["rho": 0.5, "items_agree": 0.667, "points_precision": 0.5, "points_recall": 0.75, "false_full": 1],
        ]
        for (section, values) in expected {
            for (key, value) in values { #expect(number(sections[section], key) == value, "\(section).\(key)") }
        }
    }

    @Test func metricsMatchTheValuesWorkedOutByHand() throws {
        let folder = try checkouts()
        let (result, document) = try benchmark(Self.fixtures.appendingPathComponent("labels.json").path, in: folder,
                                               ["--details", "--runs", "1"])
        try checkSummary(document)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("rho=0.866 items_agree=0.75 points_precision=0.615 points_recall=0.8 false_full=2"))
        #expect(lines.contains { $0.hasPrefix("  data ") && $0.hasSuffix("rho=0.5 items_agree=0.833 points_precision=0.714 points_recall=0.833 false_full=1") })

        for (name, tool, label, exit) in [("alpha", 3.5, 2.0, 0), ("beta", 0.5, 1.0, 1), ("gamma", 2.5, 2.0, 0)] {
            let entry = try repository(document, name)
            #expect(number(entry, "tool_total") == tool && number(entry, "label_total") == label, "\(name)")
            #expect(entry["exit"] as? Int == exit, "\(name)")
            #expect(entry["disagree"] as? Int == 1, "\(name)")
            let timing = try #require(entry["timing"] as? [String: Any])
            #expect(number(timing, "gate_ms").map { $0 > 0 } == true)
            if timing["status"] as? String == "measured" {
                let gate = try #require(number(timing, "gate_ms")), floor = try #require(number(timing, "floor_ms"))
                let ratio = try #require(number(timing, "ratio"))
                #expect(floor > 0 && abs(ratio - gate / floor) < 0.01 * gate / floor + 0.01)
            } else {
                #expect(timing["status"] as? String == "no rg" && timing["floor_ms"] is NSNull)
            }
        }

        // A borderline label agrees within 0.5 (alpha infra-2: 1 against 0.5), not within 1 (gamma infra-2).
        let alphaItems = try #require(try repository(document, "alpha")["items"] as? [[String: Any]])
        let lenient = try #require(alphaItems.first { $0["item"] as? String == "infra-2" })
        #expect(lenient["borderline"] as? Bool == true && lenient["agree"] as? Bool == true)
        let gamma = try #require(try repository(document, "gamma")["disagreements"] as? [[String: Any]])
        #expect(gamma.map { $0["item"] as? String } == ["infra-2"])
        #expect(gamma.first?["borderline_reason"] as? String == "the lock file may still be used (0.5 defensible)")

        // Full points where the label is 0: the label's evidence and note beside the gate's proof.
        let alpha = try #require(try repository(document, "alpha")["disagreements"] as? [[String: Any]])
        let falseFull = try #require(alpha.first)
        #expect(falseFull["item"] as? String == "data-2" && falseFull["key"] as? String == "D2")
        #expect(number(falseFull, "points") == 1 && number(falseFull, "label") == 0)
        #expect(falseFull["label_evidence"] as? [String] == ["src/check.py"])
        #expect(falseFull["label_note"] as? String == "pandera is imported and never used.")
        let holds = try #require((falseFull["gate"] as? [String: Any])?["satisfied"] as? [[String: Any]])
        #expect(holds.count == 1 && holds.first?["probe"] as? String == "content" && holds.first?["level"] as? String == "automated")
        #expect(holds.first?["proofs"] as? [String] == ["src/check.py:1 import pandera"])

        // Fewer points than the label: the unmet leaves of the level the label asks for (manual here).
        let beta = try #require(try repository(document, "beta")["disagreements"] as? [[String: Any]])
        #expect(beta.map { $0["item"] as? String } == ["infra-1"])
        let unmet = try #require((beta.first?["gate"] as? [String: Any])?["unmet"] as? [[String: Any]])
        #expect(unmet.map { $0["level"] as? String } == ["manual"])
        #expect(unmet.first?["probe"] as? String == "files" && unmet.first?["outcome"] as? String == "unsatisfied")
        #expect((unmet.first?["message"] as? String)?.contains("tests/**/test_*.py") == true)

        #expect(lines.contains("    data-2 (D2)  points 1  label 0  Validation"))
        #expect(lines.contains("        label note: pandera is imported and never used."))
        #expect(lines.contains { $0.hasPrefix("        gate holds (automated, content):") && $0.hasSuffix("[src/check.py:1 import pandera]") })
    }

    @Test func labelKeysMayBeRubricIdsOrMapped() throws {
        let folder = try checkouts()
        let labels = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.fixtures.appendingPathComponent("labels.json"))) as? [[String: Any]])
        func relabelled(_ keys: [String: String]) throws -> String {
            let renamed = labels.map { repository -> [String: Any] in
                var copy = repository
                let items = repository["labels"] as? [String: Any] ?? [:]
                copy["labels"] = Dictionary(uniqueKeysWithValues: items.map { (keys[$0.key]!, $0.value) })
                return copy
            }
            let file = folder.url.appendingPathComponent("labels-\(UUID().uuidString).json")
            try JSONSerialization.data(withJSONObject: renamed).write(to: file)
            return file.path
        }
        let ids = ["D1": "data-1", "D2": "data-2", "I1": "infra-1", "I2": "infra-2"]
        let (_, byId) = try benchmark(try relabelled(ids), in: folder, ["--runs", "0"])
        try checkSummary(byId)
        let names = ["D1": "schema", "D2": "validation", "I1": "tested", "I2": "locked"]
        let (_, mapped) = try benchmark(try relabelled(names), in: folder,
                                        ["--runs", "0", "--map", Self.fixtures.appendingPathComponent("map.json").path])
        try checkSummary(mapped)
        let timing = try #require(try repository(mapped, "beta")["timing"] as? [String: Any])
        #expect(timing["status"] as? String == "skipped")
    }

    @Test func withoutRipgrepTheFloorSaysNoRg() throws {
        let folder = try checkouts()
        let bin = try TemporaryDirectory()
        for tool in ["git", "sh", "xargs"] {
            try FileManager.default.createSymbolicLink(atPath: bin.url.appendingPathComponent(tool).path,
                                                       withDestinationPath: try executable(tool))
        }
        let (result, document) = try benchmark(Self.fixtures.appendingPathComponent("labels.json").path, in: folder,
                                               ["--runs", "1"], path: bin.path)
        try checkSummary(document)
        let timing = try #require(try repository(document, "alpha")["timing"] as? [String: Any])
        #expect(timing["status"] as? String == "no rg")
        #expect(timing["floor_ms"] is NSNull && timing["ratio"] is NSNull && number(timing, "gate_ms") != nil)
        #expect(result.output.contains("floor no rg"))
    }

    @Test func aBadLabelIsAnErrorAtItsLineAndColumn() throws {
        let folder = try checkouts()
        let labels = folder.url.appendingPathComponent("bad-labels.json")
        try "[\n {\"name\": \"alpha\", \"labels\": {\n  \"D1\": {\"score\": \"high\"}\n }}\n]\n".write(to: labels, atomically: true, encoding: .utf8)
        let interpreter = try python()
        let bad = try run(interpreter, [Self.script, CLITests.binary, labels.path, folder.path, "--runs", "0"])
        #expect(bad.status == 2)
        #expect(bad.errors.contains("bad-labels.json:3:19: alpha: labels.D1.score: expected a number of points"), "\(bad.errors)")

        try "[{\"name\": \"alpha\", \"labels\": {\"Q9\": {\"score\": 1}}}]".write(to: labels, atomically: true, encoding: .utf8)
        let unknown = try run(interpreter, [Self.script, CLITests.binary, labels.path, folder.path, "--runs", "0"])
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("bad-labels.json:1:31: alpha: label key 'Q9' names no item"), "\(unknown.errors)")

        try "[{\"name\": \"delta\", \"labels\": {\"D1\": {\"score\": 1}}}]".write(to: labels, atomically: true, encoding: .utf8)
        let missing = try run(interpreter, [Self.script, CLITests.binary, labels.path, folder.path, "--runs", "0"])
        #expect(missing.status == 2 && missing.errors.contains("delta: no checkout at"), "\(missing.errors)")
    }
}

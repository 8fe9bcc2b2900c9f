import Foundation
import Testing
@testable import PreflightKit

@Suite struct RubricLoaderTests {
    @Test func bundledRubricHasTheTwentyEightTestsOfThePaper() throws {
        let rubric = try RubricLoader.load("ml-test-score")
        #expect(rubric.sections.map(\.id) == ["data", "model", "infra", "monitor"])
        #expect(rubric.sections.allSatisfy { $0.items.count == 7 })
        #expect(rubric.item("data-1")?.title == "Feature expectations are captured in a schema")
        #expect(rubric.item("infra-7")?.title == "Serving models can be rolled back")
        #expect(rubric.item("monitor-7")?.title == "Prediction quality has not regressed")
        #expect(rubric.scoring.final == .minimum)
        #expect(rubric.scoring.automatedPoints == 1 && rubric.scoring.manualPoints == 0.5)
        #expect(rubric.items.allSatisfy { $0.location != nil })
    }

    @Test func validFixtureLoads() throws {
        let rubric = try RubricLoader.load(file: Fixtures.rubric("valid.yaml"))
        #expect(rubric.items.map(\.id) == ["data-1"])
    }

    /// Each malformed fixture fails with its own message, at the right line, naming the key path.
    @Test(arguments: [
        ("unknown-key.yaml", 21, "sections[0].items[0].automatd", "unknown key 'automatd' (did you mean 'automated'?)"),
        ("duplicate-id.yaml", 23, "sections[0].items[1].id", "duplicate item id 'data-1'"),
        ("bad-glob.yaml", 22, "sections[0].items[0].automated.files", "unterminated '['"),
        ("outside-glob.yaml", 22, "sections[0].items[0].automated.files", "reaches outside the repository"),
        ("bad-regex.yaml", 23, "sections[0].items[0].automated.contains", "'import (pandera' is not a valid regular expression"),
        ("points-out-of-range.yaml", 5, "scoring.levels.manual", "manual points must be between 0 and the automated points (1.0), found 1.5"),
        ("yes-boolean.yaml", 24, "sections[0].items[0].automated.inComments", "expected true or false, found 'yes'"),
        ("unknown-probe.yaml", 22, "sections[0].items[0].automated", "did you mean 'files'?"),
        ("type-mismatch.yaml", 24, "sections[0].items[0].automated.atLeast", "expected a number, found 'many'"),
        ("bands-not-increasing.yaml", 9, "scoring.bands[1]", "band edges must increase: 1.0 after 2.0"),
        ("syntax-error.yaml", 24, "", "YAML syntax"),
        ("unknown-policy-item.yaml", 24, "policy.required[0]", "unknown item 'data-9' (did you mean 'data-1'?)"),
    ])
    func malformedRubricIsLocated(file: String, line: Int, keyPath: String, message: String) throws {
        let error = #expect(throws: PreflightError.self) { try RubricLoader.load(file: Fixtures.rubric(file), displayName: file) }
        guard case let .invalidInput(location, path, text)? = error else {
            Issue.record("expected invalidInput, got \(String(describing: error))")
            return
        }
        #expect(location.file == file)
        #expect(location.line == line, "\(error!.localizedDescription)")
        #expect(path == keyPath)
        #expect(text.contains(message), "\(text)")
        #expect(error!.localizedDescription.hasPrefix("\(file):\(line):\(location.column): error: "))
    }

    /// Hostile files are refused, and fast: none of them may take as long as a second.
    @Test(arguments: [
        ("alias-bomb.yaml", "nodes"), ("deep-nesting.yaml", "nested deeper"), ("binary.yaml", "not a UTF-8 text file"),
        ("unknown-tag.yaml", "unsupported tag"),
    ])
    func hostileFileIsRefusedQuickly(file: String, reason: String) throws {
        let started = ContinuousClock.now
        let error = #expect(throws: PreflightError.self) { try RubricLoader.load(file: Fixtures.rubric(file), displayName: file) }
        #expect(ContinuousClock.now - started < .seconds(1))
        guard case let .refusedInput(_, text)? = error else {
            Issue.record("expected refusedInput, got \(String(describing: error))")
            return
        }
        #expect(text.contains(reason), "\(text)")
    }

    @Test func unknownBundledNameSuggestsTheClosest() {
        #expect(throws: PreflightError.unknownName(kind: "bundled rubric", name: "ml-test-scor", suggestion: "ml-test-score")) {
            try RubricLoader.load("ml-test-scor")
        }
    }

    @Test func parametersExpandAndTheConfigOverridesThem() throws {
        let text = try String(contentsOf: Fixtures.rubric("valid.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "sections:", with: "parameters:\n  schemas: { description: d, default: [\"**/schema.json\"] }\nsections:")
            .replacingOccurrences(of: "[\"**/schema.json\"]\n", with: "[$schemas]\n")
        let document = try YAMLDocument(text: text, file: "p.yaml")
        let defaults = try RubricLoader.load(document)
        guard case .probe(let found, _)? = defaults.items[0].automated, let probe = found.as(FilesProbe.self) else { Issue.record("no files probe"); return }
        #expect(probe.files.matches("a/schema.json") && !probe.files.matches("conf/x.yaml"))
        #expect(probe.files.description == "$schemas")
        let overridden = try RubricLoader.load(document, parameters: ["schemas": ["conf/*.yaml"]])
        guard case .probe(let found2, _)? = overridden.items[0].automated, let other = found2.as(FilesProbe.self) else { Issue.record("no files probe"); return }
        #expect(other.files.matches("conf/x.yaml") && !other.files.matches("a/schema.json"))
        #expect(throws: PreflightError.self) { try RubricLoader.load(document, parameters: ["schema": ["x"]]) }
    }

    @Test func notCannotWrapAnAttestation() throws {
        let text = try String(contentsOf: Fixtures.rubric("valid.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "files: [\"**/schema.json\"]", with: "not: { attestation: true }")
        #expect(throws: PreflightError.self) { try RubricLoader.load(YAMLDocument(text: text, file: "n.yaml")) }
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// The policy's fields are described once (`PolicyField.all`); decoding, merging, the flags, stored records and
/// README all follow that description.
@Suite struct PolicyFieldTests {
    /// A valid YAML value of each kind, and what the policy then holds (as the JSON report writes it).
    static func sample(_ kind: PolicyField.Kind, for field: PolicyField) -> (yaml: String, json: Any) {
        switch kind {
        case .score: return ("2.5", 2.5)
        case .sectionScores: return ("{ monitor: 1.5 }", ["monitor": 1.5])
        case .items: return ("[infra-7, data-1]", ["data-1", "infra-7"])
        case .failure:
            // The value that is not the default, so that reading it is seen.
            let other = Policy.defaults.json[field.key] as? String == "block" ? "ignore" : "block"
            return (other, other)
        case .days: return ("12", 12)
        }
    }

    /// Whether two JSON objects are equal (compared as JSON: Swift and Foundation numbers alike).
    static func same(_ a: [String: Any], _ b: [String: Any]) throws -> Bool {
        try JSONSerialization.data(withJSONObject: a, options: .sortedKeys) == JSONSerialization.data(withJSONObject: b, options: .sortedKeys)
    }

    static func decode(_ yaml: String) throws -> PolicyOverrides {
        try YAMLDocument(text: yaml, file: "preflight.yaml").decode(ModelConfig.self).policy
    }

    static func invalidInput(_ yaml: String) -> (location: PreflightKit.SourceLocation, keyPath: String, message: String)? {
        do {
            _ = try decode(yaml)
            return nil
        } catch let PreflightError.invalidInput(location, keyPath, message) {
            return (location, keyPath, message)
        } catch {
            return nil
        }
    }

    @Test(arguments: PolicyField.all)
    func everyFieldDecodesFromYAML(field: PolicyField) throws {
        let sample = Self.sample(field.kind, for: field)
        let overrides = try Self.decode("version: 1\npolicy:\n  \(field.key): \(sample.yaml)\n")
        let policy = Policy.defaults.merged(with: overrides).json
        #expect(try Self.same(policy, Policy.defaults.json.merging([field.key: sample.json]) { _, new in new }), "\(field.key): \(policy)")
    }

    @Test(arguments: PolicyField.all)
    func aWrongTypeIsLocated(field: PolicyField) throws {
        let wrong = field.kind == .sectionScores ? "[1, 2]" : "{ a: 1 }"
        let error = try #require(Self.invalidInput("version: 1\npolicy:\n  \(field.key): \(wrong)\n"))
        #expect(error.keyPath.hasPrefix("policy.\(field.key)"))
        #expect((error.location.file, error.location.line, error.location.column) == ("preflight.yaml", 3, field.key.count + 5))
    }

    @Test(arguments: PolicyField.all.filter { [.score, .sectionScores, .failure, .days].contains($0.kind) })
    func aValueOutOfBoundsIsLocated(field: PolicyField) throws {
        let (value, keyPath) = switch field.kind {
        case .sectionScores: ("{ monitor: 5000 }", "policy.\(field.key).monitor")
        case .failure: ("maybe", "policy.\(field.key)")
        default: ("5000", "policy.\(field.key)")
        }
        let error = try #require(Self.invalidInput("version: 1\npolicy:\n  \(field.key): \(value)\n"))
        #expect(error.keyPath == keyPath)
        #expect(error.location.line == 3)
        #expect(error.message.contains(field.kind == .failure ? "'maybe'" : "5000"))
    }

    @Test(arguments: PolicyField.all)
    func anUnknownKeySuggestsTheField(field: PolicyField) throws {
        let typo = String(field.key.dropLast())
        let error = try #require(Self.invalidInput("version: 1\npolicy:\n  \(typo): 1\n"))
        #expect(error.keyPath == "policy.\(typo)")
        #expect((error.location.line, error.location.column) == (3, 3))
        #expect(error.message.contains("did you mean '\(field.key)'?"))
    }

    /// A name the rubric lacks is located at its own place in the layer that wrote it (a merged, sorted list used
    /// to point at another entry).
    @Test func anUnknownItemIsLocatedWhereItIsWritten() throws {
        let repo = try TemporaryDirectory()
        try repo.write("preflight.yaml", "version: 1\npolicy:\n  required: [infra-7, data-9x]\n")
        do {
            _ = try GateContext(repository: repo.path)
            Issue.record("an unknown item was accepted")
        } catch let PreflightError.invalidInput(location, keyPath, message) {
            #expect(keyPath == "policy.required[1]")
            #expect((location.line, location.column) == (3, 23))
            #expect(message.contains("did you mean 'data-1'?"))
        }
    }

    /// rubric → preflight.yaml → flags, each kind merging as it says.
    @Test func layersMergeInOrder() throws {
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", """
            version: 1
            id: layers
            title: layers
            scoring:
              levels: { automated: 1, manual: 0.5 }
              final: sum
              bands: [{ label: any }]
              production: [{ label: any }]
            policy: { minimumScore: 1, sectionMinimums: { a: 1, b: 1 }, required: [b-1], onError: ignore, maxWaiverDays: 10 }
            sections:
              - { id: a, title: a, items: [{ id: a-1, title: a, why: w, how: h, automated: { files: [x] } }] }
              - { id: b, title: b, items: [{ id: b-1, title: b, why: w, how: h, automated: { files: [y] } }] }
            """)
        try repo.write("preflight.yaml", """
            version: 1
            rubric: rubric.yaml
            policy: { minimumScore: 2, sectionMinimums: { a: 2 }, required: [a-1], onError: block, unwaivable: [a-1], maxScoreDrop: 1 }
            """)
        var options = GateOptions()
        options.policy.minimumScore = 3
        options.policy.sectionMinimums = ["b": 0.5]
        options.policy.required = ["a-1"]
        options.policy.onError = .ignore
        let policy = try GateContext(repository: repo.path, options: options).policy
        var expected = Policy.defaults
        expected.minimumScore = 3
        expected.sectionMinimums = ["a": 2, "b": 0.5]
        expected.required = ["a-1", "b-1"]
        expected.onError = .ignore
        expected.maxWaiverDays = 10
        expected.unwaivable = ["a-1"]
        expected.maxScoreDrop = 1
        #expect(policy == expected)
    }

    /// Each flag the table names sets its field, through the built binary.
    @Test(arguments: PolicyField.all.filter { $0.flag != nil })
    func eachFlagSetsItsField(field: PolicyField) throws {
        let repo = try TemporaryDirectory()
        try repo.write("preflight.yaml", "version: 1\n")
        let flag = try #require(field.flag)
        let (value, expected): (String, Any) = switch field.kind {
        case .sectionScores: ("monitor=1.5", ["monitor": 1.5])
        case .items: ("infra-7", ["infra-7"])
        default: (Self.sample(field.kind, for: field).yaml, Self.sample(field.kind, for: field).json)
        }
        let result = try run(CLITests.binary, ["gate", repo.path, "--format", "json", "--model", "demo", "--\(flag)", value], environment: CLITests.fixedTime)
        #expect([0, 1].contains(result.status), "\(result.errors)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let policy = try #require(report["policy"] as? [String: Any])
        let bundled = Policy.defaults.merged(with: PolicyOverrides(minimumScore: 2)).json
        #expect(try Self.same(policy, bundled.merging([field.key: expected]) { _, new in new }), "\(field.key): \(policy)")
    }

    /// A bad flag value is a usage error (exit 2) that names the flag, with the bounds preflight.yaml has (a
    /// negative, out-of-range or NaN score used to be accepted); `--help` lists the failure modes.
    @Test func badFlagValuesAreRejected() throws {
        let repo = try TemporaryDirectory()
        for (flag, value) in [("--on-error", "maybe"), ("--item-regression", "Block"), ("--min-score", "-1"), ("--min-score", "high"),
                              ("--max-score-drop", "nan"), ("--min-section", "monitor"), ("--min-section", "monitor=5000")] {
            let result = try run(CLITests.binary, ["gate", repo.path, "--model", "demo", "\(flag)=\(value)"], environment: CLITests.fixedTime)
            #expect(result.status == 2 && result.errors.contains(flag) && result.errors.contains(value), "\(flag) \(value): \(result.errors)")
        }
        let help = try run(CLITests.binary, ["gate", "--help"], environment: CLITests.fixedTime).output
        for field in PolicyField.all where field.kind == .failure {
            let flag = try #require(field.flag)
            #expect(help.contains("--\(flag) <\(flag)>"))
        }
        #expect(help.components(separatedBy: "(values: block, ignore)").count - 1 == PolicyField.all.filter { $0.kind == .failure && $0.flag != nil }.count)
    }

    /// A stored record written before a field existed reads it as its default; the JSON keeps the keys it had.
    @Test func storedRecordsTakeDefaultsForMissingFields() throws {
        let old = try JSONDecoder().decode(Policy.self, from: Data(#"{"minimumScore": 2, "required": ["infra-7"]}"#.utf8))
        var expected = Policy.defaults
        expected.minimumScore = 2
        expected.required = ["infra-7"]
        #expect(old == expected)
        #expect(try JSONDecoder().decode(Policy.self, from: Data("{}".utf8)) == Policy.defaults)
        // Unset scores are left out, every other key is written.
        #expect(Set(Policy.defaults.json.keys) == Set(PolicyField.keys).subtracting(["minimumScore", "maxScoreDrop"]))
        let full = Policy(minimumScore: 1, sectionMinimums: ["a": 1], required: ["x"], onError: .ignore, onUnavailable: .ignore,
                          maxWaiverDays: 3, unwaivable: ["x"], maxScoreDrop: 0.5, itemRegression: .block)
        #expect(try JSONDecoder().decode(Policy.self, from: JSONEncoder().encode(full)) == full)
    }

    /// `PolicyRule` is the checks' closed vocabulary; each rule is a field that drives a check, and its waiver keys
    /// follow the field's `waiving`.
    @Test func rulesAreTheFieldsThatDriveChecks() {
        #expect(PolicyRule.allCases.map(\.rawValue) == PolicyField.all.filter(\.drivesCheck).map(\.key))
        #expect(PolicyRule.waivableKeys(sections: ["s"]) == ["minimumScore", "sectionMinimums.s", "maxScoreDrop", "maxScoreDrop.s"])
        #expect(PolicyRule.allCases.filter { !$0.isWaivable } == [.required, .onError, .onUnavailable, .itemRegression])
    }

    @Test func theReadmeTableIsTheFieldsDocumentation() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardized, encoding: .utf8)
        #expect(readme.contains(PolicyField.markdownTable + "\n"), "README's policy table is stale; it should read:\n\(PolicyField.markdownTable)")
    }
}

extension Policy {
    /// The policy as the JSON report writes it.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(self))) as? [String: Any] ?? [:]
    }
}

extension PolicyField: CustomTestStringConvertible {
    public var testDescription: String { key }
}

/// A question about the repository's CI pipelines; every condition given must hold for one pipeline.
///
/// ```yaml
/// ci: { step: "pytest", pullRequest: true }
/// ci: { step: "great_expectations|gx checkpoint", scheduled: true, system: github-actions }
/// ci: { collects: ["**/tests/**/test_*model*.py"], pullRequest: true }
/// ci: { collects: [$tests], contains: "DummyClassifier" }
/// ci: { collects: [$tests], imports: [pandera] }           # a collected test file imports it
/// ci: { collects: [$tests], calls: ["*.fit", "*.predict"] } # a collected test function calls it and asserts
/// ci: { collects: [$tests], calls: [numpy.isnan], alsoCalls: ["*.predict"] } # …and, in the same test, one of these
/// ci: { step: "\\bhelm (upgrade|rollback)\\b", onFailure: true }   # run only when an earlier step failed
/// ```
package struct CIProbe: ProbeKind {
    package static let name = "ci"
    package static let selector = "ci"
    package static let documentation = ProbeDocumentation(
        examples: [#"ci: { step: "\\bpytest\\b", pullRequest: true, scheduled: true, system: gitlab }"#,
                   #"ci: { collects: [$tests], contains: "DummyClassifier" }"#],
        holdsWhen: "one pipeline meets every condition: `step`, a command it runs (followed through Makefiles, scripts, task runners and job specs; never a step's name, an echo or an install) matches (with `onFailure: true`, one that runs only when an earlier step failed: `if: failure()`, `condition: failed()`, `when: on_failure`); `collects`, a test run it makes (pytest with its configuration, unittest, go test, Maven, Gradle, sbt, jest, vitest) collects a tracked file the globs select, with a line matching `contains`, importing one of `imports`, or with a test function that calls one of `calls` (and one of `alsoCalls`) and asserts, when given",
        remedy: "run the check in a CI pipeline (on pull requests, or on a schedule, as the item asks); `preflight pipelines` shows what each pipeline runs")

    /// A pattern one command the pipeline runs (or an action it uses) must match.
    package var step: Pattern?
    /// Test files one of the pipeline's test runs must collect.
    package var collects: GlobSet?
    /// A line one of the collected files selected by `collects` must hold.
    package var contains: Pattern?
    /// Modules one of the collected files must import.
    package var imports: [String]?
    /// Names a test function of a collected file must call (see `PythonName.matches`), asserting something.
    package var calls: [String]?
    /// Names the same test function must also call, one of them: what the check in `calls` is about (the model's
    /// output checked for NaN, not a data file).
    package var alsoCalls: [String]?
    package var scheduled: Bool?
    package var pullRequest: Bool?
    /// Whether the command `step` matches must run only when an earlier step failed (or must not).
    package var onFailure: Bool?
    package var system: CISystem?

    enum CodingKeys: String, CodingKey, CaseIterable { case step, collects, contains, imports, calls, alsoCalls, scheduled, pullRequest, onFailure, system }

    package init(step: Pattern? = nil, collects: GlobSet? = nil, contains: Pattern? = nil, scheduled: Bool? = nil,
                 pullRequest: Bool? = nil, system: CISystem? = nil) {
        self.step = step
        self.collects = collects
        self.contains = contains
        self.scheduled = scheduled
        self.pullRequest = pullRequest
        self.system = system
    }

    package init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: AnyKey.self)
        let inner = try outer.superDecoder(forKey: AnyKey(stringValue: "ci"))
        try decoder.rejectUnknownKeys(OnlyCI.self)
        try inner.rejectUnknownKeys(CodingKeys.self)
        let container = try inner.container(keyedBy: CodingKeys.self)
        step = try container.decodePattern(forKey: .step)
        if container.contains(.collects) { collects = try container.decodeGlobs(forKey: .collects, parameters: decoder.parameters) }
        contains = try container.decodePattern(forKey: .contains)
        if contains != nil && collects == nil {
            throw inner.fail("contains needs collects: the test files whose lines it searches", key: CodingKeys.contains)
        }
        imports = try Self.names(inner, .imports, collects: collects, anyReceiver: false)
        calls = try Self.names(inner, .calls, collects: collects, anyReceiver: true)
        alsoCalls = try Self.names(inner, .alsoCalls, collects: collects, anyReceiver: true)
        if alsoCalls != nil && calls == nil { throw inner.fail("alsoCalls needs calls: the test's own check", key: CodingKeys.alsoCalls) }
        scheduled = try container.decodeStrictBool(forKey: .scheduled)
        pullRequest = try container.decodeStrictBool(forKey: .pullRequest)
        onFailure = try container.decodeStrictBool(forKey: .onFailure)
        if onFailure != nil && step == nil { throw inner.fail("onFailure needs step: the command that runs on failure", key: CodingKeys.onFailure) }
        if let name = try container.decodeIfPresent(String.self, forKey: .system) {
            guard let known = CISystem.named(name) else {
                let names = CISystem.allCases.map(\.rawValue)
                let hint = Suggestion.closest(to: name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
                throw inner.fail("unknown CI system '\(name)'\(hint); known: \(names.joined(separator: ", "))", key: CodingKeys.system)
            }
            system = known
        }
        guard step != nil || collects != nil || scheduled != nil || pullRequest != nil else {
            throw inner.fail("a ci probe needs at least one of step, collects, scheduled, pullRequest")
        }
    }

    private enum OnlyCI: String, CodingKey, CaseIterable { case ci }

    /// The dotted names under `key`, which needs `collects`.
    private static func names(_ decoder: any Decoder, _ key: CodingKeys, collects: GlobSet?, anyReceiver: Bool) throws -> [String]? {
        guard try decoder.container(keyedBy: CodingKeys.self).contains(key) else { return nil }
        guard collects != nil else { throw decoder.fail("\(key.rawValue) needs collects: the test files it reads", key: key) }
        return try PythonProbeFields.names(decoder, key, patterns: anyReceiver)
    }

    /// What a collected file must show, in words: " holding a line matching /x/", " importing pandera".
    var collectedCondition: String {
        var parts: [String] = []
        if let contains { parts.append("holding a line matching /\(contains)/") }
        if let imports { parts.append("importing \(imports.joined(separator: ", "))") }
        if let calls {
            let also = alsoCalls.map { " and also \($0.joined(separator: ", "))" } ?? ""
            parts.append("with a test that calls \(calls.joined(separator: ", "))\(also) and asserts")
        }
        return parts.isEmpty ? "" : " " + parts.joined(separator: " and ")
    }

    /// " when an earlier step failed", or "" without `onFailure`.
    var failureCondition: String {
        onFailure.map { $0 ? " when an earlier step failed" : " whether or not an earlier step failed" } ?? ""
    }

    /// The conditions, in words: "runs a step matching /pytest/, on pull requests".
    var conditions: [String] {
        var parts: [String] = []
        if let step { parts.append("runs a command matching /\(step)/\(failureCondition)") }
        if let collects { parts.append("runs tests in \(collects)\(collectedCondition)") }
        if let scheduled { parts.append(scheduled ? "on a schedule" : "not on a schedule") }
        if let pullRequest { parts.append(pullRequest ? "on pull requests" : "not on pull requests") }
        return parts
    }

    package var summary: String { "a \(system?.rawValue ?? "CI") pipeline that \(conditions.joined(separator: ", "))" }

    package func declareNeeds(into plan: inout EvidencePlan) {
        plan.readPipelines()
        if let query = containsQuery { plan.search(query) }
        if let collects, imports != nil || calls != nil {
            plan.readPython(in: collects, literals: (imports ?? []).map(PythonName.moduleLiterals) + (calls ?? []).map(PythonName.callLiterals)
                            + (alsoCalls ?? []).map(PythonName.callLiterals))
        }
    }

    /// The lines `contains` looks for in the files `collects` selects; nil without `contains`.
    var containsQuery: ContentQuery? {
        guard let collects, let contains else { return nil }
        return ContentQuery(files: collects, pattern: contains, includeData: false, inComments: false)
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// Each probe kind judged on hand-built evidence: every outcome it can reach, with no repository, server or ledger.
@Suite struct ProbeKindTests {
    static let now = Date(timeIntervalSince1970: 1_764_590_400)

    /// The probe a one-item rubric writes as `rule`.
    static func probe(_ rule: String) throws -> Probe {
        let text = oneSectionRubric(["{ id: p, title: p, why: w, how: h, manual: \(rule) }"])
        let rubric = try RubricLoader.load(YAMLDocument(text: text, file: "probe.yaml"))
        guard case .probe(let probe, _)? = rubric.items[0].manual else { throw PreflightError.invalidArgument("not a probe") }
        return probe
    }

    /// Judges `rule` on the evidence `build` leaves, starting from what the collector gathers for an empty repository.
    static func judge(_ rule: String, files: [String] = [], _ build: (inout Evidence, Probe) throws -> Void = { _, _ in }) throws -> Finding {
        let probe = try probe(rule)
        var evidence = Evidence.handBuilt(files: files, for: [probe], now: now)
        try build(&evidence, probe)
        return RuleEvaluator(evidence: evidence).judging("p").evaluate(.probe(probe, nil))
    }

    @Test func everyKindIsRegisteredOnceAndDocumented() {
        // Through `documented`: #expect over an existential metatype's members crashes Swift 6.3's SILGen.
        let names = ProbeKinds.documented.map(\.name)
        #expect(Set(names).count == names.count)
        for documentation in ProbeKinds.documented.map(\.documentation) {
            let complete = !documentation.examples.isEmpty && !documentation.holdsWhen.isEmpty && !documentation.remedy.isEmpty
            #expect(complete)
        }
    }

    /// Every documented example decodes as its own kind.
    @Test(arguments: ProbeKinds.documented.flatMap { kind in kind.documentation.examples.map { (kind.name, $0) } })
    func documentedExamplesDecodeAsTheirKind(kind: String, example: String) throws {
        let yaml = example.replacingOccurrences(of: "$tests", with: "'**/test_*.py'")
            .replacingOccurrences(of: "$evidentlyReports", with: "'reports/*.json'")
        #expect(try Self.probe("{ \(yaml) }").kind == kind)
    }

    @Test func theReadmeTableIsTheKindsDocumentation() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../README.md").standardized, encoding: .utf8)
        #expect(readme.contains(ProbeKinds.markdownTable + "\n"), "README's probe table is stale: paste `preflight probes --markdown`")
    }

    @Test func files() throws {
        #expect(try Self.judge("{ files: ['*.lock'] }", files: ["poetry.lock"]).outcome == .satisfied)
        #expect(try Self.judge("{ files: ['*.lock'], atLeast: 2 }", files: ["poetry.lock"]).outcome == .unsatisfied)
        #expect(try Self.judge("{ files: ['*.lock'] }", files: ["README.md"]).outcome == .unsatisfied)
        let missing = try Self.judge("{ files: ['*.lock'] }") { evidence, _ in evidence.paths = [:] }
        #expect(missing.outcome == .error)
    }

    @Test func content() throws {
        func result(_ change: @escaping (inout ContentResult) -> Void) -> (inout Evidence, Probe) -> Void {
            { evidence, probe in change(&evidence.content[probe.as(ContentProbe.self)!.query]!) }
        }
        let rule = "{ files: ['**/*.py'], contains: 'import pandera' }"
        let found = try Self.judge(rule, result { $0.add([LineMatch(path: "a.py", line: 3, text: "import pandera")]) })
        #expect(found.outcome == .satisfied && found.proofs.first?.line == 3)
        #expect(try Self.judge(rule).outcome == .unsatisfied)
        let unreadable = try Self.judge(rule, result { $0.failures["a.py"] = EvidenceFailure(.unreadable, "permission denied") })
        #expect(unreadable.outcome == .error)
        let unknowable = try Self.judge(rule, result { $0.failures["a.py"] = EvidenceFailure(.notKnowable, "not checked out") })
        #expect(unknowable.outcome == .notAvailable)
        #expect(try Self.judge(rule) { evidence, _ in evidence.content = [:] }.outcome == .error)
    }

    @Test func key() throws {
        let rule = "{ key: spec.strategy.canary, in: ['**/*.yaml'] }"
        func document(_ text: String) -> (inout Evidence, Probe) -> Void {
            { evidence, probe in
                let files = probe.as(KeyProbe.self)!.files
                evidence.documentPaths[files] = ["deploy.yaml"]
                evidence.documents["deploy.yaml"] = Result { try StructuredParser.parse(text, path: "deploy.yaml") }
                    .mapError { EvidenceFailure(.unparseable, "\($0)") }
            }
        }
        let found = try Self.judge(rule, document("spec:\n  strategy:\n    canary: { steps: [] }\n"))
        #expect(found.outcome == .satisfied && found.proofs.first?.path == "deploy.yaml")
        #expect(try Self.judge(rule, document("spec: { replicas: 2 }\n")).outcome == .unsatisfied)
        let broken = try Self.judge(rule) { evidence, probe in
            evidence.documentPaths[probe.as(KeyProbe.self)!.files] = ["deploy.yaml"]
            evidence.documents["deploy.yaml"] = .failure(EvidenceFailure(.unparseable, "line 2: mapping values are not allowed"))
        }
        #expect(broken.outcome == .error)
    }

    @Test func ci() throws {
        var pipeline = CIPipeline(system: .githubActions, path: ".github/workflows/ci.yml")
        pipeline.runs = [RunCommand(words: ["pytest", "-q"], directory: "", kind: .command,
                                    chain: [Proof(path: ".github/workflows/ci.yml", line: 12, text: "pytest -q")])]
        pipeline.pullRequestLine = 3
        let passing = try Self.judge("{ ci: { step: pytest, pullRequest: true } }") { evidence, _ in evidence.pipelines = [pipeline] }
        #expect(passing.outcome == .satisfied && passing.proofs.map(\.line) == [12, 3])
        let unscheduled = try Self.judge("{ ci: { step: pytest, scheduled: true } }") { evidence, _ in evidence.pipelines = [pipeline] }
        #expect(unscheduled.outcome == .unsatisfied)
        let none = try Self.judge("{ ci: { step: pytest } }")
        #expect(none.outcome == .unsatisfied && !none.message.contains("no a "))
        let unreadable = try Self.judge("{ ci: { step: pytest } }") { evidence, _ in
            evidence.pipelineFailures[".gitlab-ci.yml"] = EvidenceFailure(.unparseable, "line 4: bad indentation")
        }
        #expect(unreadable.outcome == .error)
    }

    /// `collects` holds on a test file a CI run collects; with `contains`, on a line of one; a collected file that could
    /// not be read leaves the gate unable to know.
    @Test func ciCollects() throws {
        var pipeline = CIPipeline(system: .githubActions, path: ".github/workflows/ci.yml")
        pipeline.runs = [RunCommand(words: ["pytest"], directory: "", kind: .command,
                                    chain: [Proof(path: ".github/workflows/ci.yml", line: 9, text: "pytest")],
                                    collected: ["tests/test_model.py", "tests/test_io.py"])]
        let collected = try Self.judge(#"{ ci: { collects: ["**/test*model*.py"] } }"#) { evidence, _ in evidence.pipelines = [pipeline] }
        #expect(collected.outcome == .satisfied && collected.proofs.map(\.description) == [".github/workflows/ci.yml:9: pytest", "tests/test_model.py"])
        #expect(try Self.judge(#"{ ci: { collects: ["**/test*train*.py"] } }"#) { evidence, _ in evidence.pipelines = [pipeline] }.outcome == .unsatisfied)
        let rule = #"{ ci: { collects: ["tests/**"], contains: "DummyClassifier" } }"#
        let holding = try Self.judge(rule) { evidence, probe in
            evidence.pipelines = [pipeline]
            var result = ContentResult()
            result.matches = [LineMatch(path: "tests/test_io.py", line: 3, text: "from sklearn.dummy import DummyClassifier")]
            evidence.content[probe.as(CIProbe.self)!.containsQuery!] = result
        }
        #expect(holding.outcome == .satisfied && holding.proofs.last == Proof(path: "tests/test_io.py", line: 3, text: "from sklearn.dummy import DummyClassifier"))
        let unread = try Self.judge(rule) { evidence, probe in
            evidence.pipelines = [pipeline]
            var result = ContentResult()
            result.failures["tests/test_model.py"] = EvidenceFailure(.unreadable, "permission denied")
            evidence.content[probe.as(CIProbe.self)!.containsQuery!] = result
        }
        #expect(unread.outcome == .error)
        #expect(throws: (any Error).self) { try Self.probe(#"{ ci: { contains: "x" } }"#) }
    }

    @Test func changed() throws {
        let rule = "{ changed: { files: ['models/**'], within: 30d } }"
        func history(_ answer: Result<GitHistory, EvidenceFailure>) -> (inout Evidence, Probe) -> Void {
            { evidence, _ in
                evidence.record(SourceAnswers<GitHistorySource>(display: "git history", answers: [.init(30 * 86_400): answer]))
            }
        }
        let recent = GitHistory(lastChange: ["models/m.py": Self.now.addingTimeInterval(-86_400 * 3)])
        #expect(try Self.judge(rule, files: ["models/m.py"], history(.success(recent))).outcome == .satisfied)
        #expect(try Self.judge(rule, files: ["models/m.py"], history(.success(GitHistory(lastChange: [:])))).outcome == .unsatisfied)
        #expect(try Self.judge(rule, history(.success(recent))).outcome == .unsatisfied)
        let noGit = try Self.judge(rule, files: ["models/m.py"], history(.failure(EvidenceFailure(.notKnowable, "not a git repository"))))
        #expect(noGit.outcome == .notAvailable)
        let broken = try Self.judge(rule, files: ["models/m.py"], history(.failure(EvidenceFailure(.unreadable, "git log failed"))))
        #expect(broken.outcome == .error)
        let boundary = GitHistory(lastChange: [:], atShallowBoundary: ["models/m.py": Self.now.addingTimeInterval(-86_400)])
        #expect(try Self.judge(rule, files: ["models/m.py"], history(.success(boundary))).outcome == .notAvailable)
        let longBefore = GitHistory(lastChange: ["models/m.py": Self.now.addingTimeInterval(-86_400 * 60)])
        #expect(try Self.judge(rule, files: ["models/m.py"], history(.success(longBefore))).outcome == .unsatisfied)
    }

    @Test func owners() throws {
        let rule = "{ owners: ['src/**'] }"
        let owners = CodeOwners(path: ".github/CODEOWNERS", contents: "src/ @ml-team\n")
        let owned = try Self.judge(rule, files: ["src/a.py"]) { evidence, _ in evidence.codeOwners = .success(owners) }
        #expect(owned.outcome == .satisfied)
        let unowned = try Self.judge(rule, files: ["src/a.py"]) { evidence, probe in
            evidence.codeOwners = .success(owners)
            evidence.unowned[probe.as(OwnersProbe.self)!.files] = ["src/a.py"]
        }
        #expect(unowned.outcome == .unsatisfied && unowned.proofs.map(\.path) == ["src/a.py"])
        #expect(try Self.judge(rule, files: ["src/a.py"]).outcome == .unsatisfied)
        let unreadable = try Self.judge(rule, files: ["src/a.py"]) { evidence, _ in
            evidence.codeOwners = .failure(EvidenceFailure(.refused, "symlink points outside the repository", subject: "CODEOWNERS"))
        }
        #expect(unreadable.outcome == .error)
    }

    @Test func attestation() throws {
        func ledger(_ build: @escaping (inout AttestationLedger) -> Void) -> (inout Evidence, Probe) -> Void {
            { evidence, _ in
                var ledger = AttestationLedger(file: "readiness/attestations.yaml")
                build(&ledger)
                evidence.record(SourceAnswers<AttestationsSource>(display: "attestations", answers: [.ledger: ledger]))
            }
        }
        func entry(_ state: AttestationLedger.State) -> AttestationLedger.Entry {
            AttestationLedger.Entry(
                attestation: Attestation(item: "p", summary: "ablation", by: "a@example.com", date: "2026-11-01", document: "docs/a.md"),
                date: Self.now.addingTimeInterval(-86_400), expires: Self.now.addingTimeInterval(86_400 * 60), state: state,
                location: SourceLocation(file: "readiness/attestations.yaml", line: 2, column: 3), index: 0)
        }
        #expect(try Self.judge("{ attestation: true }", ledger { $0.entries = [entry(.valid)] }).outcome == .satisfied)
        #expect(try Self.judge("{ attestation: true }", ledger { $0.entries = [entry(.missingDocument)] }).outcome == .unsatisfied)
        #expect(try Self.judge("{ attestation: true }", ledger { _ in }).outcome == .unsatisfied)
        let unusable = try Self.judge("{ attestation: true }", ledger { $0.failure = .unreadable(path: "readiness/attestations.yaml", reason: "vanished") })
        #expect(unusable.outcome == .error)
        let malformed = try Self.judge("{ attestation: true }", ledger {
            $0.problems = [LedgerProblem(subject: "p", index: 0, error: .invalidArgument("date 2027-01-01 is in the future"))]
        })
        #expect(malformed.outcome == .error)
    }

    @Test func prometheus() throws {
        func answer(_ answer: PrometheusAnswer) -> (inout Evidence, Probe) -> Void {
            { evidence, probe in
                let requests = probe.as(PrometheusProbe.self)!.question.requests
                evidence.record(SourceAnswers<PrometheusQueries>(display: "http://prometheus:9090",
                                                                 answers: Dictionary(uniqueKeysWithValues: requests.map { ($0, answer) })))
            }
        }
        let rule = "{ prometheus: { query: 'max(latency_seconds)', below: 0.2 } }"
        #expect(try Self.judge(rule, answer(.samples([PrometheusSample(labels: "", value: 0.1)]))).outcome == .satisfied)
        #expect(try Self.judge(rule, answer(.samples([PrometheusSample(labels: "", value: 0.3)]))).outcome == .unsatisfied)
        #expect(try Self.judge(rule, answer(.samples([]))).outcome == .notAvailable)
        #expect(try Self.judge(rule, answer(.samples([PrometheusSample(labels: "", value: .nan)]))).outcome == .notAvailable)
        #expect(try Self.judge(rule, answer(.failed(EvidenceFailure(.unreadable, "HTTP 500")))).outcome == .error)
        let unreachable = try Self.judge(rule, answer(.failed(EvidenceFailure(.unreachable, "cannot reach it"))))
        #expect(unreachable.outcome == .error && unreachable.message.contains("see Notes"))
        #expect(try Self.judge(rule).outcome == .unsatisfied)   // no source configured
    }

    /// Two alerting rules may share a name (a warning and a critical one): one firing fails the probe.
    @Test func prometheusAlertsAndRules() throws {
        func rules(_ loaded: [PrometheusRule]) -> (inout Evidence, Probe) -> Void {
            { evidence, _ in
                evidence.record(SourceAnswers<PrometheusQueries>(display: "http://prometheus:9090", answers: [.rules: .rules(loaded)]))
            }
        }
        let quiet = PrometheusRule(group: "a", name: "FraudModelStale", type: "alerting", health: "ok", state: "inactive")
        let firing = PrometheusRule(group: "b", name: "FraudModelStale", type: "alerting", health: "ok", state: "firing")
        let recording = PrometheusRule(group: "c", name: "FraudModelStale", type: "recording", health: "ok", state: nil)
        let alert = "{ prometheus: { alert: FraudModelStale } }", rule = "{ prometheus: { rule: FraudModelStale } }"
        #expect(try Self.judge(alert, rules([quiet])).outcome == .satisfied)
        let both = try Self.judge(alert, rules([quiet, firing]))
        #expect(both.outcome == .unsatisfied && both.proofs.map(\.text) == [firing.proof.text])
        #expect(try Self.judge(rule, rules([quiet, firing])).outcome == .unsatisfied)
        #expect(try Self.judge(alert, rules([recording])).outcome == .unsatisfied)
        #expect(try Self.judge(rule, rules([recording])).outcome == .unsatisfied)
        #expect(try Self.judge("{ prometheus: { rule: FraudModelStale, type: recording } }", rules([recording])).outcome == .satisfied)
    }

    @Test func report() throws {
        let rule = "{ report: { in: ['metrics/*.json'], format: json, value: auc, atLeast: 0.8, maxAge: 30d } }"
        func file(_ text: String, committed: Date? = nil) -> (inout Evidence, Probe) -> Void {
            { evidence, probe in
                let report = probe.as(ReportProbe.self)!
                evidence.reportPaths[report.files] = ["metrics/eval.json"]
                var file = ReportFile(committed: committed)
                file.parsed[.json] = Result { try ReportParser.parse(text, path: "metrics/eval.json", format: .json) }
                    .mapError { EvidenceFailure(.unparseable, "\($0)") }
                evidence.reportFiles["metrics/eval.json"] = file
            }
        }
        let day = Self.now.addingTimeInterval(-86_400)
        #expect(try Self.judge(rule, file(#"{"auc": 0.91}"#, committed: day)).outcome == .satisfied)
        #expect(try Self.judge(rule, file(#"{"auc": 0.61}"#, committed: day)).outcome == .unsatisfied)
        #expect(try Self.judge(rule, file(#"{"auc": 0.91}"#, committed: Self.now.addingTimeInterval(-86_400 * 90))).outcome == .unsatisfied)
        #expect(try Self.judge(rule, file(#"{"auc": 0.91}"#)).outcome == .notAvailable)    // no way to tell its age
        #expect(try Self.judge(rule, file(#"{"loss": 0.2}"#, committed: day)).outcome == .notAvailable)
        #expect(try Self.judge(rule, file("{not json", committed: day)).outcome == .error)
        #expect(try Self.judge(rule).outcome == .unsatisfied)   // no file matches
    }
}

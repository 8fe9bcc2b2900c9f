import Foundation
import Testing
@testable import PreflightKit

/// Bad input in a rubric or preflight.yaml is refused where the user wrote it, every independent mistake at once.
@Suite struct InputErrorTests {
    /// The invalid-input errors a load threw, one or several, in the order reported.
    func errors(_ body: () throws -> Void) -> [(line: Int, keyPath: String, message: String)] {
        do {
            try body()
            return []
        } catch let error as PreflightError {
            let all: [PreflightError] = if case .several(let list) = error { list } else { [error] }
            return all.compactMap { error in
                guard case let .invalidInput(location, keyPath, message) = error else { return nil }
                return (location.line, keyPath, message)
            }
        } catch {
            Issue.record("not a PreflightError: \(error)")
            return []
        }
    }

    func config(_ text: String) throws -> ModelConfig {
        try YAMLDocument(text: text, file: "preflight.yaml").decode(ModelConfig.self)
    }

    @Test func aRubricReportsEveryBrokenItemOfEverySection() {
        let found = errors { _ = try RubricLoader.load(file: Fixtures.rubric("several-errors.yaml"), displayName: "several-errors.yaml") }
        #expect(found.map(\.line) == [23, 29, 31, 38])
        #expect(found.map(\.keyPath) == ["sections[0].items[0].automated.files", "sections[0].items[1].automated",
                                         "sections[0].items[2].titel", "sections[1].items[0].id"])
        // The policy's `required: [data-2]` names an item that failed to load: no second error repeats the first.
        #expect(!found.contains { $0.keyPath.hasPrefix("policy") })
    }

    @Test func moreErrorsThanTheLimitAreCounted() throws {
        let items = (1...25).map { "{ id: item-\($0), title: t, why: w, how: h, automated: { files: [\"[\"] } }" }
        let found = errors { _ = try RubricLoader.load(YAMLDocument(text: oneSectionRubric(items), file: "big.yaml")) }
        #expect(found.count == PreflightError.maximumReported + 1)
        #expect(found.last?.message == "5 more errors not shown")
    }

    @Test(arguments: [
        ("\"\"", "it is empty"), ("\"  \"", "it is empty"), ("3", "found '3'"), ("true", "found 'true'"), ("yes", "found 'yes'"),
        ("~", "found nothing"), ("[a]", "found a list"), ("{ a: b }", "found a mapping"),
    ])
    func aSkipWithoutAWrittenReasonIsRefused(value: String, message: String) {
        let found = errors { _ = try config("version: 1\nitems:\n  infra-6: { skip: \(value) }\n") }
        #expect(found.count == 1)
        #expect(found.first?.line == 3 && found.first?.keyPath == "items.infra-6.skip")
        #expect(found.first?.message.contains(message) == true, "\(found)")
    }

    @Test func aWrittenSkipReasonIsKept() throws {
        let settings = try config("version: 1\nitems:\n  infra-6: { skip: batch scoring only }\n  infra-7: { skip: \"3\" }\n").items
        #expect(settings["infra-6"]?.skip == "batch scoring only" && settings["infra-7"]?.skip == "3")
    }

    @Test func everyBadItemSettingIsReportedInFileOrder() {
        let found = errors { _ = try config("version: 1\nitems:\n  infra-7: { skip: \"\" }\n  infra-1: { skip: ok }\n  data-1: { skip: 1 }\n") }
        #expect(found.map(\.line) == [3, 5])
    }

    /// A bad glob in preflight.yaml's `parameters` is the user's line, not the bundled rubric's `$name` reference.
    @Test func aBadParameterGlobIsLocatedInPreflightYAML() {
        let list = errors { _ = try config("version: 1\nparameters:\n  code: [\"src/**\", \"src/[a\"]\n") }
        #expect(list.map(\.line) == [3] && list.first?.keyPath == "parameters.code[1]")
        #expect(list.first?.message.contains("unterminated '['") == true)
        let single = errors { _ = try config("version: 1\nparameters:\n  code: \"../src\"\n") }
        #expect(single.first?.keyPath == "parameters.code" && single.first?.message.contains("outside the repository") == true)
    }
}

import Foundation
import PreflightKit
import XMLCoder

/// JUnit XML for CI test views: each section a test suite, each item a test case. An item that earned nothing
/// fails with its reason; one that could not be evaluated is an error; a skipped item is skipped.
public struct JUnitReporter: Reporter {
    public static let format = ReportFormat.junit
    public static let fileName = "readiness.junit.xml"

    public init() {}

    public init(options: ReportOptions) {}

    public func render(_ evaluation: Evaluation) throws -> String {
        let suites = evaluation.scorecard.sections.map { section in
            let cases = section.items.map(testCase)
            return Suite(name: "\(section.id): \(section.title)", tests: cases.count,
                         failures: cases.filter { $0.failure != nil }.count, errors: cases.filter { $0.error != nil }.count,
                         skipped: cases.filter { $0.skipped != nil }.count, testcase: cases)
        }
        let root = Suites(name: "Preflight: \(evaluation.rubric.title)", tests: suites.reduce(0) { $0 + $1.tests },
                          failures: suites.reduce(0) { $0 + $1.failures }, errors: suites.reduce(0) { $0 + $1.errors },
                          testsuite: suites)
        let encoder = XMLEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            let data = try encoder.encode(root, withRootKey: "testsuites", header: XMLHeader(version: 1.0, encoding: "UTF-8"))
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            throw ReportError.encoding("\(error)")
        }
    }

    private func testCase(_ item: ItemResult) -> Case {
        var result = Case(classname: "preflight.\(item.section)", name: "\(item.id) \(item.title)")
        let found = item.evidenceSummary
        switch item.outcome {
        case .notApplicable: result.skipped = Message(message: item.skipReason ?? "not applicable", text: "")
        case .error, .notAvailable:
            result.error = Message(message: found, text: (item.problemMessages + ["How to satisfy it: \(item.how)"]).joined(separator: "\n"))
        case .unsatisfied:
            result.failure = Message(message: found, text: "How to satisfy it: \(item.how)")
        case .satisfied:
            result.systemOut = "\(item.level?.rawValue ?? "") (\(Score.format(item.points)) of \(Score.format(item.maxPoints))): \(found)"
        }
        return result
    }

    /// The root; the common JUnit schema allows no `skipped` count here, only on suites.
    struct Suites: Encodable, DynamicNodeEncoding {
        var name: String
        var tests, failures, errors: Int
        var testsuite: [Suite]

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "testsuite" ? .element : .attribute
        }
    }

    struct Suite: Encodable, DynamicNodeEncoding {
        var name: String
        var tests, failures, errors, skipped: Int
        var testcase: [Case]

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "testcase" ? .element : .attribute
        }
    }

    struct Case: Encodable, DynamicNodeEncoding {
        var classname: String
        var name: String
        var failure: Message?
        var error: Message?
        var skipped: Message?
        var systemOut: String?

        enum CodingKeys: String, CodingKey { case classname, name, failure, error, skipped, systemOut = "system-out" }

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            ["classname", "name"].contains(key.stringValue) ? .attribute : .element
        }
    }

    struct Message: Encodable, DynamicNodeEncoding {
        var message: String
        var text: String

        enum CodingKeys: String, CodingKey { case message, text = "" }

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "message" ? .attribute : .element
        }
    }
}

extension ReportFormat {
    /// For CI test views.
    public static let junit = ReportFormat(rawValue: "junit")
}

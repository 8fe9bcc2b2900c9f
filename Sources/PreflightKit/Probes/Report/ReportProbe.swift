import Foundation

/// A question about result files that validation and monitoring tools wrote into the repository.
///
/// ```yaml
/// report: { in: ["reports/drift/*.json"], format: evidently, passed: true, maxAge: 7d }
/// report: { in: ["reports/coverage.xml"], format: cobertura, value: line-rate, atLeast: 0.8 }
/// report: { in: ["metrics/eval.json"], format: json, value: metrics.auc, atLeast: 0.9, maxAge: 30d }
/// ```
/// The newest matching file is judged (by the report's own timestamp, else its last commit, else its file time).
package struct ReportProbe: ProbeKind {
    package enum Format: String, Sendable, Hashable, CaseIterable {
        case evidently
        case greatExpectations = "great-expectations"
        case deepchecks, junit, cobertura, lcov, json, yaml
    }

    package enum Check: Sendable, Hashable {
        /// The tool's own verdict: every test, expectation or condition passed.
        case passed
        /// A value at a key path meets a bound.
        case value(KeyPath, PrometheusProbe.Condition)
    }

    package var files: GlobSet
    package var format: Format
    package var check: Check
    package var maxAge: TimeInterval?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case `in`, format, passed, value, maxAge, below, atMost, above, atLeast, equals, between
    }

    package init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: AnyKey.self)
        let inner = try outer.superDecoder(forKey: AnyKey(stringValue: "report"))
        try decoder.rejectUnknownKeys(OnlyReport.self)
        try inner.rejectUnknownKeys(CodingKeys.self)
        let container = try inner.container(keyedBy: CodingKeys.self)
        files = try container.decodeGlobs(forKey: .in, parameters: inner.parameters)
        let name = try container.decode(String.self, forKey: .format)
        guard let format = Format(rawValue: name) else {
            let names = Format.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw inner.fail("unknown report format '\(name)'\(hint); known: \(names.joined(separator: ", "))", key: CodingKeys.format)
        }
        self.format = format
        maxAge = try container.decodeDuration(forKey: .maxAge)
        let conditionKeys: [PrometheusProbe.CodingKeys] = [.below, .atMost, .above, .atLeast, .equals, .between]
        let bounds = try inner.container(keyedBy: PrometheusProbe.CodingKeys.self)
        let condition = try PrometheusProbe.condition(bounds, conditionKeys.filter(bounds.contains), inner)
        if try container.decodeStrictBool(forKey: .passed) == true {
            guard condition == nil, !container.contains(.value) else { throw inner.fail("give passed: true or a value with a bound, not both") }
            check = .passed
        } else if let text = try container.decodeIfPresent(String.self, forKey: .value) {
            guard let path = KeyPath(text) else { throw inner.fail("'\(text)' is not a key path like metrics.auc", key: CodingKeys.value) }
            guard let condition else { throw inner.fail("a value needs a bound: below, atMost, above, atLeast, equals or between", key: CodingKeys.value) }
            check = .value(path, condition)
        } else {
            throw inner.fail("a report probe needs passed: true, or a value with a bound")
        }
    }

    private enum OnlyReport: String, CodingKey, CaseIterable { case report }
}

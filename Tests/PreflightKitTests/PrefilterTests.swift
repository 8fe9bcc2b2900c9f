import Foundation
import Testing
@testable import PreflightKit

/// The literal prefilter may only ever skip a file the regular expression would not match.
@Suite struct PrefilterTests {
    @Test(arguments: [
        ("import pandera|from pandera", [["import pandera"], ["from pandera"]]),
        ("(?i)alert: *\\w*(stale|age)", [["alert:"]]),
        ("DummyClassifier|(?i)baseline", [["dummyclassifier"], ["baseline"]]),
        ("colou?r|\\bflavou?r", [["colo"], ["flavo"]]),
        ("google\\.cloud\\.dlp", [["google.cloud.dlp"]]),
        ("(random_state|seed)\\s*=|set_seed\\(", [["random_state"], ["seed"], ["set_seed("]]),
    ])
    func extractsRequiredLiterals(pattern: String, expected: [[String]]) throws {
        let prefilter = try #require(LiteralPrefilter(pattern: pattern))
        #expect(prefilter.literals.map { [String(decoding: $0, as: UTF8.self)] } == expected)
    }

    @Test(arguments: ["(fo|bar)baz", "(foo|bar)?baz", "a|bc", "\\w+ing", "[Tt]est", "x*", "ab\\dcd", "(?:foo|bar)"])
    func patternsWithoutASafeLiteralAlwaysRun(pattern: String) {
        #expect(LiteralPrefilter(pattern: pattern) == nil)
    }

    /// Every content pattern of the bundled rubric, on every line of the examples and fixtures, plus case and
    /// Unicode variants: when the regular expression matches, the prefilter lets the text through.
    @Test func neverRejectsAMatchOfTheBundledRubric() throws {
        let rubric = try RubricLoader.load("ml-test-score")
        var patterns = Set<String>()
        for case .files(let probe) in rubric.items.flatMap({ [$0.automated, $0.manual].compactMap { $0 } }).flatMap(\.probes) {
            if let pattern = probe.contains { patterns.insert(pattern.source) }
        }
        var corpus: [String] = ["ALERT: ModelStale", "import PANDERA", "\u{212A}ind: Rollout", "Alert: \u{212A}"]
        for root in [CLITests.examples, Fixtures.root] {
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            for file in files {
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                corpus += text.split(separator: "\n").map(String.init)
            }
        }
        var withPrefilter = 0
        for source in patterns.sorted() {
            let pattern = try Pattern(source)
            guard let prefilter = LiteralPrefilter(pattern: source) else { continue }
            withPrefilter += 1
            for line in corpus where pattern.matches(line) {
                var text = line
                let passes = text.withUTF8 { bytes in
                    let lowered = bytes.map(LiteralPrefilter.lowercase)
                    return lowered.withUnsafeBufferPointer { prefilter.mayMatch($0, ascii: bytes.allSatisfy { $0 < 0x80 }) }
                }
                #expect(passes, "/\(source)/ matches \(line) but its prefilter rejects it")
            }
        }
        #expect(withPrefilter * 2 >= patterns.count, "only \(withPrefilter) of \(patterns.count) patterns have a prefilter")
        print("prefiltered \(withPrefilter) of \(patterns.count) content patterns; without: \(patterns.filter { LiteralPrefilter(pattern: $0) == nil }.sorted())")
    }
}

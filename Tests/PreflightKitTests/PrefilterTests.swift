import Foundation
import Testing
@testable import PreflightKit

/// The literal prefilter may only ever skip a line the regular expression would not match.
@Suite struct PrefilterTests {
    @Test(arguments: [
        ("import pandera|from pandera", [["import pandera"], ["from pandera"]]),
        ("(?i)alert: *\\w*(stale|age)", [["alert:"]]),
        ("DummyClassifier|(?i)baseline", [["dummyclassifier"], ["baseline"]]),
        ("colou?r|\\bflavou?r", [["colo"], ["flavo"]]),
        ("google\\.cloud\\.dlp", [["google.cloud.dlp"]]),
        ("(random_state|seed)\\s*=|set_seed\\(", [["random_state"], ["seed"], ["set_seed("]]),
        // Literals inside a pattern count too; the most selective required set is kept.
        ("(fo|bar)baz", [["baz"]]),
        ("(foo|bar)?bazz", [["bazz"]]),
        ("\\w+ing", [["ing"]]),
        ("[Tt]est", [["est"]]),
        ("(?:foo|bar)", [["foo"], ["bar"]]),
        ("(?i)def \\w*(anonymi[sz]e|redact)\\w*\\(", [["anonymi"], ["redact"]]),
        ("kind: *(Rollout|Canary)\\b", [["rollout"], ["canary"]]),
        ("abc{2,}de", [["abc"]]),
        ("(?<name>abc)d", [["abc"]]),
    ])
    func extractsRequiredLiterals(pattern: String, expected: [[String]]) throws {
        let prefilter = try #require(LiteralPrefilter(pattern: pattern))
        #expect(prefilter.literals.map { [String(decoding: $0, as: UTF8.self)] } == expected)
    }

    @Test(arguments: ["a|bc", "x*", "ab\\dcd", "(abc|)d", "(?=abc)", "(?x)a b c", "(?#(x)abcd", "\\x41bc", "[abc]{3}", "(abc){0,2}"])
    func patternsWithoutASafeLiteralAlwaysRun(pattern: String) {
        #expect(LiteralPrefilter(pattern: pattern) == nil)
    }

    /// Overlapping literals, case folded, each found where it starts; the pass reports whether the text is ASCII.
    @Test func automatonFindsEveryOccurrence() {
        let automaton = LiteralAutomaton(["he", "she", "hers", "his"].map { Array($0.utf8) })
        var found: [String] = []
        var text = "USHERS ahishe\u{e9}"
        let ascii = text.withUTF8 { bytes in
            automaton.forEachOccurrence(in: bytes) { literal, start in found.append("\(String(decoding: automaton.literals[literal], as: UTF8.self))@\(start)") }
        }
        #expect(found == ["she@1", "he@2", "hers@2", "his@8", "she@10", "he@11"])
        #expect(!ascii)
    }

    /// Every content pattern of the bundled rubric and some harder ones, over every file of the examples and fixtures
    /// plus case, Unicode and multi-line variants: the scanner, which runs a regular expression only on the lines its
    /// literals pick, reports exactly the lines that matching every line on its own reports.
    @Test func scannerReportsWhatMatchingEveryLineReports() throws {
        let rubric = try RubricLoader.load("ml-test-score")
        var sources: Set<String> = ["(?i)alert: *\\w*(stale|age)", "colou?r|\\bflavou?r", "\\w+_test\\b", "^(import|from) \\w+",
                                    "seed\\s*=\\s*\\d", "def\\s+train", "(?i)kelvin", "[0-9]+ ms"]
        for probe in rubric.allProbes.compactMap({ $0.as(ContentProbe.self) }) { sources.insert(probe.contains.source) }
        // A ci probe's `contains` is a content query over the test files it collects.
        for probe in rubric.allProbes.compactMap({ $0.as(CIProbe.self) }) { if let query = probe.containsQuery { sources.insert(query.pattern.source) } }
        var texts: [(String, String)] = [
            ("variants.py", "ALERT: ModelStale\nimport PANDERA\n\u{212A}ind: Rollout\nAlert: \u{212A}\nthe \u{212A}ELVIN scale\n"),
            ("multiline.py", "def\n  train(x)\nseed =\n 4\n# import shap\nx = 1  # import shap\n"),
            ("crlf.yaml", "kind: Rollout\r\nkind:   Canary\r\n"),
        ]
        for root in [CLITests.examples, Fixtures.root] {
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            for file in files {
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                texts.append((file.lastPathComponent, text))
            }
        }
        let queries = try sources.sorted().map { ContentQuery(files: try GlobSet(["**"]), pattern: try Pattern($0), includeData: true, inComments: false) }
        let scanner = ContentScanner(queries)
        var compared = 0
        for (name, text) in texts {
            let found = scanner.scan(text, path: name, queries: Array(queries.indices))
            for (number, query) in queries.enumerated() {
                let markers = FileKind.commentMarkers(name)
                let expected = text.utf8.split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }.enumerated().compactMap { offset, line -> Int? in
                    let ns = line as NSString
                    guard let match = query.pattern.regex.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) else { return nil }
                    return ContentScanner.isComment(ns.substring(to: match.range.location), markers: markers) ? nil : offset + 1
                }
                #expect(found[number]?.map(\.line) ?? [] == expected, "/\(query.pattern)/ in \(name)")
                compared += expected.count
            }
        }
        #expect(compared > 50, "the corpus should exercise the patterns: \(compared) matching lines")
    }
}

import Foundation
import Testing
@_spi(Fuzzing) @testable import PreflightKit

/// Every committed fuzz seed, including the inputs that once crashed a parser, goes through its parsers in the
/// test process: a regression there crashes the suite, not only a fuzzing run.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/corpus").standardized

    @Test(arguments: InputParsers.Kind.allCases)
    func seedsParseWithoutCrashing(kind: InputParsers.Kind) throws {
        let directory = Self.corpus.appendingPathComponent(kind.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(!names.isEmpty, "no seeds for \(kind.rawValue)")
        for name in names {
            let start = Date()
            InputParsers.parse(try Data(contentsOf: directory.appendingPathComponent(name)), as: kind)
            #expect(Date().timeIntervalSince(start) < 5, "\(kind.rawValue)/\(name) took too long")
        }
    }

    /// The six inputs fuzzing found, each refused with a reason now instead of trapping, aborting or crashing.
    @Test func theFoundCrashesAreRefusedWithReasons() throws {
        #expect(throws: (any Error).self) { try StructuredParser.parse(#"[^_ma): ".na= me ""#, path: "pyproject.toml") }
        #expect(throws: (any Error).self) { try StructuredParser.parse("[project]\nn= 2025-11-23Tz10:00:80Z\n", path: "pyproject.toml") }
        for (text, line) in [("x = 1\n[^a]\n", 2), ("[project]\nn= 2025-11-23Tz10:00:80Z\n", 2), ("deps = [\"x\", }\n", 1)] {
            #expect { try StructuredParser.parse(text, path: "pyproject.toml") } throws: { error in
                (error as? StructuredParser.Failure)?.message.hasPrefix("TOML syntax at line \(line), column ") == true
            }
        }
        #expect(throws: (any Error).self) { try ReportParser.parse("LF:1e400\nLH:1\n", path: "c.lcov", format: .lcov) }
        #expect {
            try YAMLDocument(text: "a0: &a0 [x, x]\na1: &a1 [*a0, *a0]\na2: [*a1, *a1:, *a1]\n", file: "bomb.yaml")
        } throws: { error in
            error.localizedDescription.contains("line 3: an alias used as a mapping key is refused")
        }
        #expect(YAMLDocument.aliasAsKeyLine("a: 1\n*x : 2\n") == 2)
        #expect(YAMLDocument.aliasAsKeyLine("m: { *x: 1 }\n") == 1)
        #expect(YAMLDocument.aliasAsKeyLine("? *x\n: 1\n") == 1)
        #expect(YAMLDocument.aliasAsKeyLine("a: *x\nb: [*x, *y]\n- *x\n<<: *base\nglob: \"src/**/*.py\"\nc: \"*x: quoted\"\n") == nil)
        // Aliases as values and merge keys are ordinary YAML and still read.
        let merged = try YAMLDocument(text: "base: &b { a: 1 }\nx:\n  <<: *b\n  c: [*b, *b]\n  d: \"*b: not an alias\"\n", file: "ok.yaml")
        #expect(merged.root["x"]?["c"]?.sequence?.count == 2 && merged.root["x"]?["d"]?.string == "*b: not an alias")
        let tree = try ReportParser.parse("<?x?><testsuite tests=\"1\" failures=\"0\"><?y?></testsuite>", path: "j.xml", format: .junit)
        #expect(tree.passed == true)
    }
}

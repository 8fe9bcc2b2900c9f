import Foundation
import Testing
@testable import PreflightKit

/// The byte-level shortcuts of the evidence pass give what the general code they stand in for gives, on ASCII paths
/// and on the names where characters are not bytes (combining marks, prepended marks, non-breaking spaces).
@Suite struct FastPathTests {
    @Test(arguments: [
        ("**/*DPIA*", "DPIA"), ("**/gx/expectations/**", "expectations"), ("**/[abc]*.txt", ".txt"),
        ("a\\*b", "a"), ("**/[]x]y", "y"), ("**/[!a-z]run", "run"), ("**/*", ""), ("**/RUNBOOK*", "RUNBOOK"),
        ("src/**/test_*.py", "test_"),
    ])
    func aGlobsLongestLiteralRun(pattern: String, expected: String) {
        #expect(String(decoding: GlobTable.longestLiteral(Array(pattern.utf8)), as: UTF8.self) == expected)
    }

    @Test(arguments: [
        ("**/*DPIA*", "docs/DPIA-2026.md", true), ("**/*DPIA*", "docs/dpia.md", false),
        ("**/gx/expectations/**", "a/gx/expectations/s.json", true), ("**/gx/expectations/**", "a/gx/expect/s.json", false),
        ("**/tests/**/*feature*.py", "pkg/tests/unit/test_feature_x.py", true),
        ("**/tests/**/*feature*.py", "pkg/tests/unit/test_model.py", false),
        ("**/[]x]y", "]y", true), ("**/[]x]y", "zy", false), ("a\\*b", "a*b", true), ("a\\*b", "a*c", false),
    ])
    func aGlobWithARequiredLiteralMatchesAsBefore(pattern: String, path: String, expected: Bool) throws {
        let glob = try Glob(pattern)
        #expect(glob.matches(path) == expected)
        let table = GlobTable([try GlobSet([pattern])])
        var bytes = path
        #expect(bytes.withUTF8 { table.matches($0) } == [expected])
    }

    @Test(arguments: [
        ("  a b \n", "a b"), ("\n\n", ""), ("", ""), ("x\u{00A0}", "x"), ("\u{3000}x\n", "x"), ("a\r\n", "a"),
        ("\tline one\nline two\n", "line one\nline two"), ("é\n", "é"),
    ])
    func gitOutputIsTrimmedAsFoundationTrimsIt(text: String, expected: String) {
        #expect(Git.trimmed(text) == expected)
        #expect(Git.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(arguments: [
        ("data/x.CSV", true), ("données/x.CSV", true), ("a.csv/readme", false), ("README", false), ("x.parquet", true),
        ("dir.v2/file", false), ("model.pkl", true), ("src/train.py", false), ("é.npz", true), ("e\u{301}.py", false),
    ])
    func dataFilesAreToldByTheirExtension(path: String, expected: Bool) {
        #expect(FileKind.isData(path) == expected)
    }

    @Test(arguments: [
        ("a/B.YAML", true), ("données/config.Yml", true), ("x.yaml.bak", false), ("é.json", true), ("pyproject.TOML", true),
        ("\u{600}.yaml", "\u{600}.yaml".lowercased().hasSuffix(".yaml")), ("a.yml", true), ("yml", false),
        ("README.md", false),
    ])
    func structuredFilesAreToldByTheirName(path: String, expected: Bool) {
        #expect(StructuredParser.canParse(path) == expected)
    }

    @Test func gitLogPathsKeepTheirNewestCommit() {
        let output = "@1700000000 abc1\n\na.py\nb/é.py\n\n@1600000000 def2\n\na.py\nc/\u{301}x.py\n"
        let found = GitHistory.lastCommits(output)
        #expect(found.map(\.path) == ["a.py", "b/é.py", "c/\u{301}x.py"])
        #expect(found.map(\.commit.hash) == ["abc1", "abc1", "def2"])
        #expect(found.map(\.commit.time.timeIntervalSince1970) == [1_700_000_000, 1_700_000_000, 1_600_000_000])
        #expect(GitHistory.newestCommits(output).mapValues(\.hash) == ["a.py": "abc1", "b/é.py": "abc1", "c/\u{301}x.py": "def2"])
        #expect(GitHistory.newestCommits("b.py\n@1 abc\n").isEmpty)
    }

    @Test func aVirtualEnvironmentIsPrunedWhereverItSits() {
        let tree = CollectionFixture(files: [
            "tests/test_a.py", "tests/env/pyvenv.cfg", "tests/env/lib/test_env.py",
            "tests/other/notpyvenv.cfg", "tests/other/test_other.py",
        ])
        #expect(tree.files("pytest") == ["tests/other/test_other.py", "tests/test_a.py"])
    }
}

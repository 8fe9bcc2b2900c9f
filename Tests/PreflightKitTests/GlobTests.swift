import Testing
@testable import PreflightKit

@Suite struct GlobTests {
    @Test(arguments: [
        ("*.py", "train.py", true), ("*.py", "src/deep/train.py", true), ("*.py", "train.pyc", false),
        ("/setup.py", "setup.py", true), ("/setup.py", "pkg/setup.py", false),
        ("src/**/*.py", "src/a.py", true), ("src/**/*.py", "src/a/b/c.py", true), ("src/**/*.py", "lib/src/a.py", false),
        ("**/tests/**", "a/tests/b/c.py", true), ("**/tests/**", "tests/x.py", true), ("docs/", "docs/a/b.md", true),
        ("*.{yml,yaml}", "ci/x.yaml", true), ("*.{yml,yaml}", "ci/x.json", false),
        ("test_?.py", "test_1.py", true), ("test_?.py", "test_12.py", false),
        ("[abc]*.txt", "b1.txt", true), ("[!abc]*.txt", "b1.txt", false), ("[a-c]x", "cx", true),
        ("src/*.py", "src/a/b.py", false), ("Jenkinsfile", "ci/Jenkinsfile", true),
        ("Jenkinsfile", "Jenkinsfile", true), ("Jenkinsfile", "xJenkinsfile", false), ("**/a.md", "a.md", true),
        ("docs/**/index.md", "docs/index.md", true), ("a\\*b", "a*b", true), ("a\\*b", "axb", false),
        ("*[0-9]", "v1", true), ("*[0-9]", "v", false), ("*.py", "", false),
    ])
    func matches(pattern: String, path: String, expected: Bool) throws {
        #expect(try Glob(pattern).matches(path) == expected)
    }

    @Test func negationExcludes() throws {
        let set = try GlobSet(["**/*.py", "!**/tests/**"])
        #expect(set.matches("src/a.py"))
        #expect(!set.matches("src/tests/test_a.py"))
        #expect(throws: Glob.SyntaxError.self) { try GlobSet(["!only/exclusions/**"]) }
    }

    @Test(arguments: ["../x", "a/../../b", "src/[ab", "{a,b", "a}", "~/x", ""])
    func invalidPatternsAreRejected(pattern: String) {
        #expect(throws: Glob.SyntaxError.self) { try Glob(pattern) }
    }
}

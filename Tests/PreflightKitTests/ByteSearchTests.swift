import Testing
@testable import PreflightKit

@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("steps:\n  - name: x", "name:", true), ("aaab", "aab", true), ("abc", "abc", true), ("ab", "abc", false),
        ("xxabx", "abx", true), ("élan tekton.dev/v1", "tekton.dev/", true), ("", "a", false), ("a", "", true),
        ("kind: Job", "CronJob", false),
    ])
    func findsASubstringWhereStringContainsDoes(text: String, needle: String, expected: Bool) {
        #expect(ByteSearch.contains(text, needle) == expected)
        #expect(ByteSearch.contains(text, needle) == (needle.isEmpty || text.contains(needle)))
    }

    @Test func suffixesAreBytes() {
        #expect(ByteSearch.hasSuffix("Makefile.tmpl", ".tmpl") && !ByteSearch.hasSuffix(".tmpl", "x.tmpl"))
    }
}

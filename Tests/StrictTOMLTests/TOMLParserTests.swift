import Foundation
import Testing
@testable import PreflightKit
@testable import StrictTOML

/// The TOML 1.0 parser. It also passed every TOML 1.0 case of toml-lang/toml-test that is valid UTF-8 when it was
/// written (210 valid documents with the expected values, 490 invalid ones refused); those files are not copied here.
@Suite struct TOMLParserTests {
    /// The parsed tree, navigated as the gate navigates it.
    func parse(_ text: String) throws -> DataNode { DataNode(try TOMLParser.parse(text)) }

    func refusal(_ text: String) -> String? {
        do {
            _ = try TOMLParser.parse(text)
            return nil
        } catch {
            return "\(error.line):\(error.column) \(error.message)"
        }
    }

    @Test func aPyprojectBecomesATreeWithLines() throws {
        let text = """
            [project]
            name = "demo"   # a comment
            dependencies = [
              "pandas>=2",  # data
              "scikit-learn",
            ]

            [tool.pytest.ini_options]
            addopts = '-q --strict-markers'

            [[tool.mypy.overrides]]
            module = "a.*"
            [[tool.mypy.overrides]]
            module = "b.*"
            """
        let root = try parse(text)
        #expect(root.keys == ["project", "tool"])
        #expect(root["project"]?["name"]?.string == "demo")
        #expect(root["project"]?["dependencies"]?.children.compactMap(\.string) == ["pandas>=2", "scikit-learn"])
        #expect(root["project"]?["dependencies"]?.line == 3)
        #expect(root["tool"]?["pytest"]?["ini_options"]?["addopts"]?.line == 9)
        let overrides = root.nodes(at: ["tool", "mypy", "overrides", "*", "module"])
        #expect(overrides.compactMap(\.string) == ["a.*", "b.*"])
        #expect(overrides.map(\.line) == [12, 14])
    }

    @Test func valuesReadTheSameHoweverTheyAreWritten() throws {
        let root = try parse(#"""
            hex = 0x1F
            big = 1_000_000
            float = 6.626e-34
            infinity = -inf
            yes = true
            escaped = "tab\there \u00E9 \U0001F600 \"q\""
            literal = 'C:\path\n'
            joined = """\
                one \
                two"""
            quotes = """a "quoted" word"""""
            local = 1979-05-27 07:32:00z
            date = 1979-05-27
            time = 07:32:00.5
            dotted.key."with space" = 1
            inline = { a = 1, b.c = [2, { d = 3 }] }
            """#)
        func value(_ path: String) -> String? { root.nodes(at: path.split(separator: "/").map(String.init)[...]).first?.string }
        #expect(value("hex") == "31")
        #expect(value("big") == "1000000")
        #expect(value("float") == "6.626e-34")
        #expect(value("infinity") == "-inf")
        #expect(value("yes") == "true")
        #expect(value("escaped") == "tab\there é 😀 \"q\"")
        #expect(value("literal") == #"C:\path\n"#)
        #expect(value("joined") == "one two")
        #expect(value("quotes") == #"a "quoted" word"""#)
        #expect(value("local") == "1979-05-27T07:32:00Z")
        #expect(value("date") == "1979-05-27")
        #expect(value("time") == "07:32:00.5")
        #expect(value("dotted/key/with space") == "1")
        #expect(value("inline/b/c/1/d") == "3")
    }

    @Test(arguments: [
        ("1_000", "1000"), ("+0", "0"), ("-0", "0"), ("0xDEAD_beef", "3735928559"), ("0o777", "511"), ("0b1010", "10"),
        ("9223372036854775807", "9223372036854775807"), ("1e06", "1000000.0"), ("-3.5E+2", "-350.0"), ("0.1", "0.1"),
        ("+inf", "inf"), ("-nan", "nan"),
    ])
    func numbersAreWrittenCanonically(token: String, expected: String) {
        #expect(TOMLNumber.canonical(ArraySlice(token.utf8)) == expected)
    }

    @Test(arguments: ["_1", "1_", "1._5", "1.", ".5", "1e", "0x", "+0x1", "0X1", "00", "01.5", "1e_5", "1__0",
                      "9223372036854775808", "0x8000000000000000", "0b2", "1.2.3", "infinity", "- 1"])
    func malformedNumbersAreRefused(token: String) {
        #expect(TOMLNumber.canonical(ArraySlice(token.utf8)) == nil)
    }

    /// The fuzzing seed with every form is valid, so that mutations start from deep inside the parser.
    @Test func theEveryFormSeedParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fuzz/corpus/structured/toml-every-form.toml").standardized
        let root = try parse(try String(contentsOf: url, encoding: .utf8))
        #expect(root.keys.last == "runs")
        #expect(root.nodes(at: ["runs", "0", "metrics", "auc"]).first?.string == "0.91")
        #expect(root.nodes(at: ["a", "b", "d"]).first?.string == "2")
        #expect(root["raw"]?.string == "C:\\path\\'")
        #expect(root["multi"]?.string == "first line joined \"quotes\" \"\"\n")
        #expect(root["when"]?.string == "1979-05-27T07:32:00.999-07:00")
    }

    /// Each refusal names the line, the column and what is wrong. The first three are the forms that fuzzing found
    /// aborting toml++.
    @Test(arguments: [
        ("[^a]\n", "1:2 expected a key, found `^`"),
        ("d = 2025-11-23Tz10:00:80Z\n", "1:16 a time must be HH:MM:SS"),
        ("deps = [\"x\", }\n", "1:14 expected a value, found `}`"),
        ("a = 1\na = 2\n", "2:1 key `a` is defined twice"),
        ("[t]\n[t]\n", "2:1 table `t` is defined twice"),
        ("a.b = 1\n[a]\n", "2:1 table `a` is defined twice"),
        ("[x.y.z]\n[x]\ny.z.w = 1\n", "3:1 table `y.z` is already defined; dotted keys cannot add to it"),
        ("t = { a = 1 }\n[t.b]\n", "2:1 `t` is a value, not a table"),
        ("a = [1]\n[[a]]\n", "2:1 `a` is already defined, not as an array of tables"),
        ("t = { a = 1,\n b = 2 }\n", "1:13 expected a key, found the end of the line"),
        ("t = { a = 1, }\n", "1:14 an inline table cannot end with a comma"),
        ("n = 012\n", "1:5 `012` is not a valid value"),
        ("n = 1__0\n", "1:5 `1__0` is not a valid value"),
        ("n = -0o17\n", "1:5 `-0o17` is not a valid value"),
        ("n = 0x8000000000000000\n", "1:5 `0x8000000000000000` is not a valid value"),
        ("d = 2025-02-29\n", "1:15 date out of range"),
        ("s = \"a\\qb\"\n", #"1:7 unknown escape: a backslash must be followed by b, t, n, f, r, ", \, u or U"#),
        ("s = \"\\uD800\"\n", "1:6 \\u must be followed by 4 hex digits of a Unicode scalar value"),
        ("s = \"a\u{1}b\"\n", "1:7 control character U+0001 is not allowed here"),
        ("# ok\r\na = 1\rb = 2\n", "2:6 a carriage return must be followed by a line feed"),
        ("s = \"\"\"x\"\"\"\"\"\"\n", "1:15 too many quotes at the end of a multi-line string"),
        ("a = 1 b = 2\n", "1:7 expected the end of the line, found `b`"),
    ])
    func malformedDocumentsAreRefusedWithAPlace(text: String, expected: String) {
        #expect(refusal(text) == expected)
    }

    @Test func hostileNestingIsRefusedQuickly() {
        let start = Date()
        #expect(refusal(String(repeating: "[", count: 100_000)) == "1:3 expected a key, found `[`")
        #expect(refusal("a = " + String(repeating: "[", count: 100_000))?.hasSuffix("values nested more than 64 deep") == true)
        #expect(refusal("a = " + String(repeating: "{b = ", count: 100_000))?.hasSuffix("values nested more than 64 deep") == true)
        #expect(refusal(Array(repeating: "k", count: 100_000).joined(separator: ".") + " = 1")?.hasSuffix("values nested more than 64 deep") == true)
        #expect(refusal("[" + Array(repeating: "k", count: 100_000).joined(separator: ".") + "]")?.hasSuffix("tables nested more than 64 deep") == true)
        #expect(Date().timeIntervalSince(start) < 5)
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// The YAML decoder: the same values and located errors as Yams' decoder, and merge keys under strict decoding.
@Suite struct NodeDecoderTests {
    struct Limits: Decodable {
        var name: String
        var retries: Int
        var ratio: Double?
        var tags: [String]

        enum CodingKeys: String, CodingKey, CaseIterable { case name, retries, ratio, tags }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            retries = try container.decode(Int.self, forKey: .retries)
            ratio = try container.decodeIfPresent(Double.self, forKey: .ratio)
            tags = try container.decode([String].self, forKey: .tags)
        }
    }

    private func decode(_ yaml: String) throws -> [Limits] {
        try YAMLDocument(text: yaml, file: "limits.yaml").decode([Limits].self)
    }

    @Test func decodesScalarsListsAndNulls() throws {
        let decoded = try decode("- {name: a, retries: 0x10, ratio: ~, tags: [x, 'y']}\n- {name: 12, retries: 3, ratio: 1.5e0, tags: []}\n")
        #expect(decoded.map(\.name) == ["a", "12"])
        #expect(decoded.map(\.retries) == [16, 3])
        #expect(decoded.map(\.ratio) == [nil, 1.5])
        #expect(decoded.map(\.tags) == [["x", "y"], []])
    }

    @Test func mergeKeysExpandAndWrittenKeysWin() throws {
        let decoded = try decode("""
            - &base {name: base, retries: 1, tags: [a]}
            - <<: *base
              retries: 5
            - <<: [{name: first, retries: 1, tags: []}, {name: second, ratio: 2}]
            """)
        #expect(decoded.map(\.name) == ["base", "base", "first"])
        #expect(decoded.map(\.retries) == [1, 5, 1])
        #expect(decoded[2].ratio == 2)
    }

    @Test(arguments: [
        ("- {name: a, retries: many, tags: []}", "1:22", "[0].retries", "expected a number, found 'many'"),
        ("- {name: a, retries: 1}", "1:3", "[0]", "missing required key 'tags'"),
        ("- {name: a, retries: 1, tags: [x], retires: 2}", "1:36", "[0].retires", "unknown key 'retires' (did you mean 'retries'?)"),
        ("- name: a\n  retries: 1\n  tags: {x: y}", "3:9", "[0].tags", "expected a list, found a mapping"),
        ("- plain", "1:3", "[0]", "expected a mapping, found 'plain'"),
        ("name: a", "1:1", "", "expected a list, found a mapping"),
    ])
    func errorsNameTheLocationKeyPathAndValue(yaml: String, location: String, keyPath: String, message: String) throws {
        let error = try #require(throws: PreflightError.self) { try decode(yaml) }
        guard case .invalidInput(let found, let path, let text) = error else { Issue.record("\(error)"); return }
        #expect("\(found.line):\(found.column)" == location)
        #expect(path == keyPath)
        #expect(text.hasPrefix(message), "\(text)")
    }
}

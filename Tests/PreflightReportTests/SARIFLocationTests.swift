import Foundation
import Testing
@testable import PreflightKit
@testable import PreflightReport

/// SARIF that code-scanning uploads accept: every result has a location in the repository, with or without a
/// preflight.yaml, checked against the published schema.
@Suite struct SARIFLocationTests {
    func evaluate(_ path: String) throws -> Evaluation {
        var options = GateOptions()
        options.now = ReportTests.now
        return try Gate.evaluate(repository: path, options: options)
    }

    @Test func everySARIFResultHasALocationWithoutAPreflightYAML() throws {
        let repo = try TemporaryDirectory()
        try repo.write("train.py", "print(1)\n")
        try repo.commitAll()
        for readme in [nil, "README.md"] {
            if let readme { try repo.write(readme, "# model\n") }
            let sarif = try ReportFormat.sarif.reporter().render(try evaluate(repo.path))
            let check = try ReportTests().validate("sarif", sarif)
            #expect(check.status == 0, "\(check.errors)")
            let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
            let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
            #expect(!results.isEmpty)
            let uris = results.map { result in
                ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
                    .flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String }
            }
            #expect(uris.allSatisfy { $0 == (readme ?? ".") }, "\(uris)")
        }
    }
}

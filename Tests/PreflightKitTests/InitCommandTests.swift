import Foundation
import PreflightTestSupport
import Testing
@testable import PreflightKit

/// `preflight init` on real git repositories: what it writes loads, validates and gates at once; it never replaces a
/// file unasked; what it detects shows in the file.
@Suite struct InitCommandTests {
    func preflight(_ arguments: [String]) throws -> RunResult { try run(CLITests.binary, arguments, environment: CLITests.fixedTime) }

    func servingRepository() throws -> TemporaryDirectory {
        let repo = try canaryRepository()
        _ = try repo.git("rm", "-q", "preflight.yaml")
        try repo.write("src/fraud/__init__.py", "")
        try repo.write("src/fraud/serve.py", "from fastapi import FastAPI\napp = FastAPI()\n")
        try repo.write("src/fraud/train.py", "import numpy as np\nnp.random.seed(0)\n")
        try repo.write("models/fraud.pkl", "weights")
        try repo.commitAll()
        return repo
    }

    @Test func whatInitWritesValidatesAndGatesAtOnce() throws {
        let repo = try servingRepository()
        let result = try preflight(["init", repo.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Wrote ") && result.output.contains("Approved with it"), "\(result.output)")
        #expect(result.output.contains("serving        src/fraud/serve.py"))
        #expect(result.output.contains("The cheapest points next (") && result.output.contains("Files count once committed"))
        let file = repo.url.appendingPathComponent("preflight.yaml").path
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("code: [\"src/**/*.py\""))
        #expect(text.contains("artifacts: [\"models/fraud.pkl\"]"))
        #expect(try preflight(["validate", file]).status == 0)
        #expect(try preflight(["gate", repo.path, "-q"]).status == 0)
        // The starter monitoring plan, uncommented, is a plan the loader takes.
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("# monitoring:") || line.hasPrefix("#   ") ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        let config = try YAMLDocument(text: uncommented, file: "preflight.yaml").decode(ModelConfig.self)
        #expect(config.monitoring?.metrics.count == 2, "\(uncommented)")
        // The artifact it names is what a signed verdict names.
        let keys = try TemporaryDirectory()
        try keys.write("key.pem", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n")
        let attest = try preflight(["gate", repo.path, "-q", "--attest", keys.url.appendingPathComponent("r.jsonl").path,
                                    "--signing-key", keys.url.appendingPathComponent("key.pem").path])
        #expect(attest.status == 0, "\(attest.errors)")
    }

    /// A DVC pipeline's model outputs are artifacts though git does not track them; what init prints, saved under
    /// another name, is still checked as a model configuration, and `validate` alone checks ./preflight.yaml.
    @Test func dvcOutputsAndAConfigurationUnderAnotherName() throws {
        let repo = try canaryRepository()
        try repo.write("dvc.yaml", "stages:\n  train:\n    cmd: python train.py\n    wdir: ml\n    outs:\n      - ../models/model.joblib\n      - metrics.json: { cache: false }\n")
        try repo.commitAll()
        let printed = try preflight(["init", repo.path, "--print"])
        #expect(printed.output.contains("artifacts: [\"models/model.joblib\"]"), "\(printed.output)")
        try repo.write("starter.yaml", printed.output)
        let other = try preflight(["validate", repo.url.appendingPathComponent("starter.yaml").path])
        #expect(other.status == 0 && other.output.contains("ok: model configuration"), "\(other.errors)")
        let here = try run(CLITests.binary, ["validate"], environment: CLITests.fixedTime, currentDirectory: repo.path)
        #expect(here.status == 0 && here.output.hasPrefix("preflight.yaml: ok: model configuration"), "\(here.errors)")
    }

    @Test func itNeverReplacesAFileUnasked() throws {
        let repo = try canaryRepository()
        let file = repo.url.appendingPathComponent("preflight.yaml").path
        let before = try String(contentsOfFile: file, encoding: .utf8)
        let refused = try preflight(["init", repo.path])
        #expect(refused.status == 2 && refused.errors.contains("exists; --force replaces it"))
        let printed = try preflight(["init", repo.path, "--print", "--model", "fraud detector"])
        #expect(printed.status == 0 && printed.output.hasPrefix("# preflight.yaml, started by `preflight init`"))
        #expect(printed.output.contains("model: { name: \"fraud detector\" }"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == before)
        let forced = try preflight(["init", repo.path, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) != before)
    }
}

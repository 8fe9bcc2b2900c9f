import Foundation

/// What `preflight init` finds in a repository, from its tracked files and the imports of its Python code (read as
/// tokens; nothing is executed): where the code, tests and notebooks are, which CI systems run, what deploys and
/// monitors it, and the model artifacts. Evidence for writing a starting configuration, never for scoring.
public struct RepositoryLayout: Sendable {
    public var name: String
    /// Top-level directories holding the model's own Python code (tests, docs and examples aside).
    public var codeRoots: [String] = []
    /// Whether Python code lies at the top level itself (`train.py`).
    public var codeAtTop = false
    /// Whether the repository is a git checkout with a commit: the gate reads what git tracks.
    public var committed = false
    public var testFiles = 0
    public var notebooks = 0
    /// CI systems with a pipeline file at their known place, with the files.
    public var ci: [(system: String, files: [String])] = []
    /// Dockerfiles, Kubernetes and Helm files, Terraform, serverless templates.
    public var deployFiles: [String] = []
    /// Prometheus rule files and monitoring configuration.
    public var monitoringFiles: [String] = []
    /// Trained model files and model directories (MLflow's MLmodel, DVC pointers).
    public var artifacts: [String] = []
    /// Python files that import a serving framework (FastAPI, Flask, BentoML, Seldon, KServe, TorchServe, Ray Serve).
    public var servingFiles: [String] = []

    static let notCode: Set<String> = ["tests", "test", "docs", "doc", "examples", "example", "notebooks", "scripts", "benchmarks", ".github"]
    static let modelSuffixes = [".pkl", ".joblib", ".onnx", ".pt", ".pth", ".h5", ".keras", ".safetensors", ".pb", ".ckpt", ".bin.dvc", ".pkl.dvc", ".onnx.dvc"]
    static let servingModules = ["fastapi", "flask", "bentoml", "seldon_core", "kserve", "ts.torch_handler", "ray.serve", "mlserver"]
    /// Python files read for serving imports, at most: init reads a repository in well under a second.
    static let maxPythonFiles = 2_000

    /// The model files a DVC pipeline writes (`stages.*.outs` of each dvc.yaml, relative to its directory and `wdir`):
    /// tracked by DVC, not git, so no tracked file names them.
    static func dvcModelOutputs(_ files: [String], reader: RepositoryReader) -> [String] {
        var found: [String] = []
        for file in files where file == "dvc.yaml" || file.hasSuffix("/dvc.yaml") {
            // Through the confined reader: a dvc.yaml that links outside the repository is not read.
            guard case .text(let text) = reader.read(file),
                  let document = try? StructuredParser.parse(text, path: file).first,
                  case .map(let stages, _)? = document["stages"] else { continue }
            let base = RepositoryPath.directory(of: file)
            for (_, stage) in stages {
                let directory = stage["wdir"]?.string.flatMap { RepositoryPath.join(base, $0) } ?? base
                for out in stage["outs"]?.elements ?? [] {
                    // An output is a path, or a one-key mapping from the path to its options.
                    let written: String?
                    if let text = out.string { written = text } else if case .map(let pairs, _) = out, let first = pairs.first { written = first.key } else { written = nil }
                    guard let written, !written.contains("$"), let path = RepositoryPath.join(directory, written) else { continue }
                    let lower = path.lowercased()
                    if modelSuffixes.contains(where: { lower.hasSuffix($0) }) || lower.split(separator: "/").contains(where: { $0.hasPrefix("model") }) {
                        found.append(path)
                    }
                }
            }
        }
        return found
    }

    public static func detect(at path: String) throws -> RepositoryLayout {
        let index = try RepositoryIndex.build(at: path)
        var layout = RepositoryLayout(name: index.root.lastPathComponent)
        let files = index.files
        var roots: [String: Int] = [:]
        for file in files {
            let parts = file.split(separator: "/").map(String.init)
            let name = parts.last ?? file
            if file.hasSuffix(".py") {
                if name.hasPrefix("test_") || name.hasSuffix("_test.py") || parts.contains("tests") || parts.contains("test") {
                    layout.testFiles += 1
                } else if parts.count > 1, !notCode.contains(parts[0]), !parts[0].hasPrefix(".") {
                    roots[parts[0], default: 0] += 1
                } else if parts.count == 1, name != "setup.py", name != "noxfile.py", name != "conftest.py" {
                    layout.codeAtTop = true
                }
            }
            if file.hasSuffix(".ipynb") { layout.notebooks += 1 }
            let lower = name.lowercased()
            if lower == "dockerfile" || lower.hasSuffix(".dockerfile") || lower == "chart.yaml" || file.hasSuffix(".tf")
                || lower == "template.yaml" || lower == "serverless.yml" || lower == "kustomization.yaml" {
                layout.deployFiles.append(file)
            }
            if (lower.contains("rules") || lower.contains("alert")) && (lower.hasSuffix(".yml") || lower.hasSuffix(".yaml"))
                || lower == "prometheus.yml" || lower == "monitoring.yaml" {
                layout.monitoringFiles.append(file)
            }
            if modelSuffixes.contains(where: { lower.hasSuffix($0) }) { layout.artifacts.append(file) }
            if name == "MLmodel" { layout.artifacts.append(parts.dropLast().joined(separator: "/")) }
        }
        let reader = RepositoryReader(root: index.root, maxBytes: 1 << 20)
        layout.artifacts += dvcModelOutputs(files, reader: reader)
        layout.codeRoots = roots.filter { $0.value > 0 }.keys.sorted()
        layout.committed = index.isGit && index.commit != nil
        for (system, globs) in PipelineReaders.located {
            let found = files.filter(globs.matches)
            if !found.isEmpty { layout.ci.append((system.rawValue, found)) }
        }
        for file in files.lazy.filter({ $0.hasSuffix(".py") }).prefix(maxPythonFiles) {
            guard case .text(let text) = reader.read(file) else { continue }
            let facts = PythonFacts(python: text)
            if servingModules.contains(where: facts.imports) { layout.servingFiles.append(file) }
        }
        return layout
    }
}

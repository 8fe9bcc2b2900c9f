import Foundation
import Synchronization

/// The Python files CI runs, and the repository's modules they import, transitively: what a pipeline step, a test
/// run or a script run by CI really executes. A call in a file outside it is code nothing automated is seen to run.
///
/// Entry points: a `.py` file a step runs (`python train.py`, a Databricks `python_file`), a module run with
/// `python -m pkg.mod`, and every test file a CI test run collects. Imports are resolved to tracked files by module
/// path (`pkg.mod` is a tracked `…/pkg/mod.py` or `…/pkg/mod/__init__.py`; a one-part name only beside the importer
/// or above it), relative imports from the importer's package. A file whose facts the pass already read (`known`) is
/// not read again. Bounded: at most `limit` files are followed.
struct PythonReach {
    /// Each reached file with how CI gets there: the run's chain, then the files that import it, entry first.
    private(set) var reached: [String: [Proof]] = [:]
    private(set) var problems: [String] = []

    static let limit = 5_000

    init(pipelines: [CIPipeline], index: RepositoryIndex, reader: RepositoryReader, known: [String: PythonSummary] = [:]) {
        let modules = ModuleIndex(index.files)
        var queue: [(path: String, chain: [Proof])] = []
        func enqueue(_ path: String, _ chain: [Proof]) {
            guard reached[path] == nil, modules.isTracked(path) else { return }
            reached[path] = chain
            queue.append((path, chain))
        }
        for pipeline in pipelines {
            for run in pipeline.runs {
                for entry in Self.entries(of: run, modules) { enqueue(entry, run.chain + [Proof(path: entry)]) }
                for file in run.collected ?? [] where file.hasSuffix(".py") { enqueue(file, run.chain + [Proof(path: file)]) }
            }
        }
        // Breadth first, each level's files read and scanned on all cores.
        var level = queue
        var read = level.count
        while !level.isEmpty {
            let current = level
            let found = Mutex([[(target: String, link: Proof, chain: [Proof])]](repeating: [], count: current.count))
            DispatchQueue.concurrentPerform(iterations: current.count) { slot in
                let (path, chain) = current[slot]
                let imports: [PythonFacts.Import]
                if let summary = known[path], summary.isRead, summary.problems.isEmpty {
                    imports = summary.imports
                } else {
                    guard case .text(let text) = reader.read(path) else { return }
                    imports = PythonImportLines.imports(text)
                }
                var links: [(target: String, link: Proof, chain: [Proof])] = []
                for entry in imports {
                    for target in modules.resolve(entry, from: path) {
                        links.append((target, Proof(path: path, line: entry.line, text: entry.written), chain))
                    }
                }
                found.withLock { $0[slot] = links }
            }
            queue = []
            for links in found.withLock({ $0 }) {
                for (target, link, chain) in links { enqueue(target, chain + [link]) }
            }
            guard read + queue.count <= Self.limit else {
                problems.append("stopped after reading \(Self.limit) Python files")
                break
            }
            read += queue.count
            level = queue
        }
    }

    /// The Python files a command runs: `python [options] file.py`, `python -m module`, a file that runs as a whole.
    private static func entries(of run: RunCommand, _ modules: ModuleIndex) -> [String] {
        let base = run.directory ?? ""
        if run.kind == .file, let file = run.words.first, file.hasSuffix(".py") { return [file] }
        guard run.kind == .command, let first = run.words.first else { return [] }
        if let prefix = run.prefixes.last, prefix.hasSuffix("-m"), isPython(prefix.split(separator: " ").first.map(String.init) ?? "") {
            return modules.files(ofModule: first, under: base)
        }
        if let file = compiledPipeline(run.words), file.hasSuffix(".py"), let path = RepositoryPath.join(base, file) { return [path] }
        guard isPython(CommandUnwrapping.baseName(first)) else { return [] }
        let script = run.words.dropFirst().first { !$0.hasPrefix("-") }
        guard let script, script.hasSuffix(".py"), let path = RepositoryPath.join(base, script) else { return [] }
        return [path]
    }

    /// The pipeline definition a pipeline compiler executes to compile it: `dsl-compile[-v2] --py p.py` and `kfp dsl
    /// compile --py p.py` (Kubeflow Pipelines), `tfx pipeline create|update|compile --pipeline_path p.py` (TFX).
    static func compiledPipeline(_ words: [String]) -> String? {
        guard let first = words.first else { return nil }
        let program = CommandUnwrapping.baseName(first)
        let option: [String]
        switch program {
        case "dsl-compile", "dsl-compile-v2": option = ["--py"]
        case "kfp" where words.dropFirst().prefix(2).elementsEqual(["dsl", "compile"]): option = ["--py"]
        case "tfx" where words.count > 2 && words[1] == "pipeline" && ["create", "update", "compile"].contains(words[2]):
            option = ["--pipeline_path", "--pipeline-path"]
        default: return nil
        }
        for (index, word) in words.enumerated() {
            if option.contains(word), index + 1 < words.count { return words[index + 1] }
            for name in option where word.hasPrefix(name + "=") { return String(word.dropFirst(name.count + 1)) }
        }
        return nil
    }

    private static func isPython(_ program: String) -> Bool {
        let name = CommandUnwrapping.baseName(program)
        return name == "python" || name == "python3" || (name.hasPrefix("python3.") && name.dropFirst(8).allSatisfy(\.isNumber))
    }
}

/// Tracked Python files by the dotted module names they can be imported as.
private struct ModuleIndex {
    /// A module's last part → the files named after it (`c.py`, `c/__init__.py`), with their module path as dots.
    private var byName: [Substring: [(file: String, dotted: String)]] = [:]
    private let tracked: Set<String>

    init(_ files: [String]) {
        tracked = Set(files.filter { $0.hasSuffix(".py") })
        for file in files where file.hasSuffix(".py") {
            var parts = file.dropLast(3).split(separator: "/")
            if parts.last == "__init__" { parts.removeLast() }
            // A name with a dot (`optuna.visualization.plot_contour.py`, `conf.d/`) is no module or package.
            if let dotted = parts.lastIndex(where: { $0.contains(".") }) { parts.removeFirst(dotted + 1) }
            guard let last = parts.last else { continue }
            byName[last, default: []].append((file, parts.joined(separator: ".")))
        }
    }

    func isTracked(_ path: String) -> Bool { tracked.contains(path) }

    /// The files `module` names (their path ends in its parts); a one-part name only in `directory` or above it,
    /// where Python finds it first.
    func files(ofModule module: String, under directory: String) -> [String] {
        let last = module.split(separator: ".").last ?? Substring(module)
        let candidates = (byName[last] ?? []).filter { Self.dotted($0.dotted, endsWith: module) }.map(\.file)
        guard !module.contains(".") else { return candidates }
        return candidates.filter { file in
            let folder = RepositoryPath.directory(of: file.hasSuffix("/__init__.py") ? RepositoryPath.directory(of: file) : file)
            return folder.isEmpty || directory == folder || directory.hasPrefix(folder + "/")
        }
    }

    /// Whether `dotted` is `module` or ends in `.module`, compared byte by byte (no string is built).
    private static func dotted(_ dotted: String, endsWith module: String) -> Bool {
        let whole = dotted.utf8, tail = module.utf8
        guard whole.count >= tail.count, whole.suffix(tail.count).elementsEqual(tail) else { return false }
        return whole.count == tail.count || whole.dropLast(tail.count).last == UInt8(ascii: ".")
    }

    /// The tracked files an import statement loads: the module, and for `from m import x` also `m.x` when it is a
    /// module of its own.
    func resolve(_ entry: PythonFacts.Import, from path: String) -> [String] {
        let directory = RepositoryPath.directory(of: path)
        var base = entry.module
        if entry.level > 0 {
            var package = directory.split(separator: "/").map(String.init)
            guard package.count >= entry.level - 1 else { return [] }
            package.removeLast(entry.level - 1)
            let prefix = package.joined(separator: "/")
            let relative = ([prefix] + entry.module.split(separator: ".").map(String.init)).filter { !$0.isEmpty }.joined(separator: "/")
            let paths = entry.names.isEmpty ? [relative] : [relative] + entry.names.map { relative + "/" + $0 }
            return paths.flatMap { [$0 + ".py", $0 + "/__init__.py"] }.filter(tracked.contains)
        }
        guard !base.isEmpty else { return [] }
        var found = files(ofModule: base, under: directory)
        for name in entry.names where name != "*" {
            base = entry.module + "." + name
            found += files(ofModule: base, under: directory)
        }
        return found
    }
}

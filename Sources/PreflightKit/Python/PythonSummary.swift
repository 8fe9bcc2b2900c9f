/// What the repository pass keeps of a Python file's or notebook's facts: its imports, the names it calls (each once,
/// decorators included) and its test functions, with what each calls and whether it asserts. Small enough to keep
/// for every file a probe selects.
struct PythonSummary: Sendable, Hashable {
    /// A name the file calls or decorates with, at its first use.
    struct Use: Sendable, Hashable {
        var name: String
        /// For a decorator, the line of the function it decorates.
        var line: Int
        var isDecorator = false

        /// As written in a proof: `mlflow.evaluate(…)`, `@kfp.dsl.pipeline`.
        var written: String { isDecorator ? "@\(name)" : "\(name)(…)" }
    }

    /// A function pytest or unittest collects.
    struct TestFunction: Sendable, Hashable {
        var name: String
        var line: Int
        /// The names it calls, each once, in the order first called.
        var calls: [String]
        var asserts: Int
    }

    var imports: [PythonFacts.Import] = []
    var uses: [Use] = []
    var tests: [TestFunction] = []
    /// What could not be read (a file cut at a size, a bracket never closed): the facts before it are kept.
    var problems: [String] = []
    /// Whether the file was read: one that holds no literal its probes look for is not, and its summary is empty.
    var isRead = false

    init() {}

    init(_ facts: PythonFacts) {
        isRead = true
        imports = facts.imports
        var seen = Set<String>()
        let decorated = facts.functions.flatMap { function in function.decorators.map { Use(name: $0, line: function.line, isDecorator: true) } }
        for use in facts.calls.map({ Use(name: $0.name, line: $0.line) }) + decorated where seen.insert(use.name).inserted {
            uses.append(use)
        }
        uses.sort { ($0.line, $0.name) < ($1.line, $1.name) }
        tests = facts.functions.filter(\.isTest).map { function in
            var names = Set<String>()
            return TestFunction(name: function.name, line: function.line,
                                calls: function.calls.map(\.name).filter { names.insert($0).inserted }, asserts: function.asserts)
        }
        problems = facts.problems.map(\.description)
    }
}

/// How a wanted dotted name matches a name the code calls.
enum PythonName {
    /// `mlflow.evaluate` matches the call `mlflow.evaluate` (after import aliases are resolved), never an attribute
    /// of it; `*.fit` matches a call of a function or method named `fit` on anything (`model.fit`, `fit`);
    /// `*.parent.cancel` a call whose name ends with those parts on anything (`run.parent.cancel`); a name
    /// without dots with `*` in it is a pattern for the called function's own name (`*preprocess*` matches
    /// `data.preprocess_frame` and `preprocess`).
    static func matches(_ name: String, _ wanted: String) -> Bool { PythonNameMatcher([wanted]).matches(name) }

    /// Literals every file that calls `wanted` holds: a called name's last part is written where it is called (for a
    /// pattern, its longest literal part), and a module's function is called through an import that names the
    /// module's first part.
    static func callLiterals(_ wanted: String) -> [String] {
        let parts = wanted.split(separator: ".").map(String.init)
        let last = parts.last ?? wanted
        // A pattern's literal is part of a name: marked with a leading `*`, it is looked for anywhere.
        let called = last.contains("*") ? "*" + (last.split(separator: "*").map(String.init).max { $0.count < $1.count } ?? last) : last
        return parts.count > 1 && parts[0] != "*" ? [parts[0], called] : [called]
    }

    /// The literal every file that imports `module` holds: its first part is written where it is imported.
    static func moduleLiterals(_ module: String) -> [String] { [String(module.split(separator: ".").first ?? Substring(module))] }

    /// `a`, `a.b_c`: identifiers joined by dots; with `patterns`, also `*.name` and a dotless name with `*` in it.
    static func isDotted(_ text: String, anyReceiver patterns: Bool = false) -> Bool {
        var text = Substring(text)
        if patterns, text.hasPrefix("*.") { text = text.dropFirst(2) }
        if patterns, !text.contains("."), text.contains("*") {
            let rest = text.filter { $0 != "*" }
            return !rest.isEmpty && rest.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            guard let first = part.first, first == "_" || first.isLetter else { return false }
            return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        }
    }
}

/// `PythonName.matches` for many wanted names at once, without Foundation: exact names and `*.name` methods looked up,
/// patterns compared as bytes. Built once per probe, asked once per name the code uses.
struct PythonNameMatcher: Sendable {
    private var exact = Set<String>()
    private var methods = Set<String>()
    /// `*.a.b`: the dotted tail, with its leading dot (`.parent.cancel`).
    private var tails: [String] = []
    /// Each pattern's pieces between its `*`s, lowercased, with whether it is anchored at the start and the end.
    private var patterns: [(pieces: [[UInt8]], anchoredStart: Bool, anchoredEnd: Bool)] = []

    init(_ names: [String]) {
        for wanted in names {
            if wanted.hasPrefix("*."), !wanted.dropFirst(2).contains("*") {
                let tail = wanted.dropFirst(2)
                if tail.contains(".") { tails.append("." + tail) } else { methods.insert(String(tail)) }
            } else if wanted.contains("*"), !wanted.contains(".") {
                let pieces = wanted.lowercased().split(separator: "*", omittingEmptySubsequences: false)
                patterns.append((pieces.filter { !$0.isEmpty }.map { Array($0.utf8) }, !wanted.hasPrefix("*"), !wanted.hasSuffix("*")))
            } else {
                exact.insert(wanted)
            }
        }
    }

    func matches(_ name: String) -> Bool {
        if exact.contains(name) { return true }
        let last = name.utf8.lastIndex(of: UInt8(ascii: ".")).map { String(name[name.utf8.index(after: $0)...]) } ?? name
        if methods.contains(last) { return true }
        if tails.contains(where: { name.hasSuffix($0) || name == $0.dropFirst() }) { return true }
        guard !patterns.isEmpty else { return false }
        let bytes = Array(last.utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return patterns.contains { Self.matches(bytes, $0.pieces, $0.anchoredStart, $0.anchoredEnd) }
    }

    private static func matches(_ bytes: [UInt8], _ pieces: [[UInt8]], _ anchoredStart: Bool, _ anchoredEnd: Bool) -> Bool {
        var position = 0
        for (number, piece) in pieces.enumerated() {
            if number == 0, anchoredStart {
                guard bytes.starts(with: piece) else { return false }
                position = piece.count
                continue
            }
            if number == pieces.count - 1, anchoredEnd {
                return bytes.count - position >= piece.count && bytes.suffix(piece.count).elementsEqual(piece)
            }
            guard let found = find(piece, in: bytes, from: position) else { return false }
            position = found + piece.count
        }
        return true
    }

    private static func find(_ piece: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard piece.count <= bytes.count - start else { return nil }
        for offset in start...(bytes.count - piece.count) where bytes[offset] == piece[0] {
            if bytes[offset..<(offset + piece.count)].elementsEqual(piece) { return offset }
        }
        return nil
    }
}

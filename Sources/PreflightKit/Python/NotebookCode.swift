import Foundation

/// The Python code of a Jupyter notebook (`.ipynb`, nbformat 4, or 3 with worksheets): its code cells in order, each
/// cell's `source` (a string or a list of strings) joined, magic and shell-escape lines blanked so that line counts
/// stay, and cells that another language runs (`%%bash`, `%%sql`, …) left out. Markdown and raw cells are not code.
struct NotebookCode {
    struct Cell {
        var code: String
        var lineCount: Int
    }

    private(set) var cells: [Cell] = []
    private(set) var problems: [CommandProblem] = []

    /// Cell magics whose body is still Python.
    static let pythonCellMagics: Set<String> = ["time", "timeit", "capture", "prun", "debug"]

    init(_ text: String, maxBytes: Int) {
        guard text.utf8.count <= maxBytes else {
            problems.append(CommandProblem(line: 1, message: "notebook is \(text.utf8.count) bytes, more than \(maxBytes): not read"))
            return
        }
        guard let root = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            problems.append(CommandProblem(line: 1, message: "not a notebook: not a JSON object"))
            return
        }
        var raw = root["cells"] as? [Any] ?? []
        if raw.isEmpty, let worksheets = root["worksheets"] as? [Any] {
            raw = worksheets.flatMap { (($0 as? [String: Any])?["cells"] as? [Any]) ?? [] }
        }
        for case let cell as [String: Any] in raw where cell["cell_type"] as? String == "code" {
            guard let source = Self.source(cell["source"] ?? cell["input"]) else { continue }
            if let code = Self.python(source) { cells.append(code) }
        }
    }

    private static func source(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        if let parts = value as? [Any] { return parts.compactMap { $0 as? String }.joined() }
        return nil
    }

    /// A cell's source with magic lines blanked, or nil for a cell another language runs.
    private static func python(_ source: String) -> Cell? {
        var lines = source.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.last == "" { lines.removeLast() }
        let count = max(lines.count, 1)
        if let first = lines.first?.drop(while: { $0 == " " || $0 == "\t" }), first.hasPrefix("%%") {
            let magic = first.dropFirst(2).prefix { !$0.isWhitespace }
            guard pythonCellMagics.contains(String(magic)) else { return nil }
            lines[0] = ""
        }
        for index in lines.indices {
            let trimmed = lines[index].drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("%") || trimmed.hasPrefix("!") { lines[index] = "" }
        }
        return Cell(code: lines.joined(separator: "\n") + "\n", lineCount: count)
    }
}

/// Expands make variable references that are static: `$(VAR)`, `${VAR}`, `$V`, `$@`, `$<`, `$^`, `$$`, and
/// `$(shell cmd)` as the shell substitution `$(cmd)` (its command runs). Undefined variables are empty, as in make;
/// other functions (`$(wildcard …)`, `$(VAR:.c=.o)`) stay as written. Bounded: references nest at most `maxDepth`
/// deep, a line grows to at most `maxLength` characters and the work is bounded, so `A = $(A)$(A)` cannot explode.
struct MakeExpansion {
    static let maxDepth = 16
    static let maxLength = 65_536
    /// Characters produced at all levels together, each level's result counted again by the level above.
    static let maxWork = 32 * maxLength

    let definitions: [String: Makefile.Definition]
    let target: String?
    let prerequisites: [String]
    /// Whether a reference nested past `maxDepth` (left as written) or the work passed `maxLength` (the rest cut).
    var overflowed: Bool { tooDeep || tooLong }
    private var tooDeep = false
    private var tooLong = false
    /// Characters produced at every level of nesting: the work done.
    private var produced = 0
    var work: Int { produced }

    init(definitions: [String: Makefile.Definition], target: String?, prerequisites: [String]) {
        self.definitions = definitions
        self.target = target
        self.prerequisites = prerequisites
    }

    mutating func expand(_ text: String) -> String {
        String(String.UnicodeScalarView(expand(Array(text.unicodeScalars), depth: 0)))
    }

    private mutating func expand(_ text: [Unicode.Scalar], depth: Int) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var i = 0
        func emit(_ piece: ArraySlice<Unicode.Scalar>) {
            produced += piece.count
            if produced > Self.maxWork { tooLong = true }
            let room = Self.maxLength - out.count
            if piece.count > room { tooLong = true }
            out.append(contentsOf: piece.prefix(room))
        }
        while i < text.count, !tooLong {
            // The text up to the next `$` as one piece.
            var plain = i
            while plain < text.count, text[plain] != "$" { plain += 1 }
            if plain > i || i + 1 == text.count {
                emit(text[i..<max(plain, i + 1)])
                i = max(plain, i + 1)
                continue
            }
            let next = text[i + 1]
            if next == "(" || next == "{" {
                let close: Unicode.Scalar = next == "(" ? ")" : "}"
                var level = 1, j = i + 2
                while j < text.count {
                    if text[j] == next { level += 1 } else if text[j] == close { level -= 1; if level == 0 { break } }
                    j += 1
                }
                guard j < text.count else { emit(text[i...]); break }  // unclosed: as written
                let inner = Array(text[(i + 2)..<j])
                emit(reference(inner, whole: text[i...j], depth: depth)[...])
                i = j + 1
            } else {
                emit(single(next, whole: text[i...(i + 1)], depth: depth)[...])
                i += 2
            }
        }
        return out
    }

    private mutating func single(_ name: Unicode.Scalar, whole: ArraySlice<Unicode.Scalar>, depth: Int) -> [Unicode.Scalar] {
        switch name {
        case "$": return ["$"]
        case "@": return target.map { Array($0.unicodeScalars) } ?? Array(whole)
        case "<": return target == nil ? Array(whole) : Array((prerequisites.first ?? "").unicodeScalars)
        case "^", "+": return target == nil ? Array(whole) : Array(prerequisites.joined(separator: " ").unicodeScalars)
        default: return variable(String(name), whole: whole, depth: depth)
        }
    }

    private mutating func reference(_ inner: [Unicode.Scalar], whole: ArraySlice<Unicode.Scalar>, depth: Int) -> [Unicode.Scalar] {
        let name = String(String.UnicodeScalarView(inner))
        if name.hasPrefix("shell ") || name.hasPrefix("shell\t") {
            return ["$", "("] + expand(Array(inner.dropFirst(6)), depth: depth + 1) + [")"]
        }
        if name.count == 1, let only = inner.first { return single(only, whole: whole, depth: depth) }
        guard !inner.contains(where: { " \t:,=$#".unicodeScalars.contains($0) }) else { return Array(whole) }
        return variable(name, whole: whole, depth: depth)
    }

    private mutating func variable(_ name: String, whole: ArraySlice<Unicode.Scalar>, depth: Int) -> [Unicode.Scalar] {
        guard let definition = definitions[name] else { return name == "MAKE" ? Array("make".unicodeScalars) : [] }
        guard definition.isRecursive else { return Array(definition.value.unicodeScalars) }
        guard depth < Self.maxDepth else { tooDeep = true; return Array(whole) }
        return expand(Array(definition.value.unicodeScalars), depth: depth + 1)
    }
}

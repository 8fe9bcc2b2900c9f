/// A project template kept in the repository (cookiecutter's `{{cookiecutter.slug}}/…`, copier's `{{ name }}/…`,
/// files ending in `.tmpl`, `.jinja`, `.j2`): its files are read as the project it generates, so that a template
/// whose generated project runs tests in CI is seen to.
enum TemplateTree {
    static let suffixes = [".tmpl", ".jinja", ".jinja2", ".j2"]

    /// Where a template file lands: the template's root (the path up to its last `{{ … }}` directory, "" when
    /// there is none) and the file's path in the generated project; nil for a file of no template.
    static func generated(_ path: String) -> (root: String, path: String)? {
        // Asked of every tracked file: most are no template, and this says so without splitting the path.
        guard ByteSearch.contains(path, "}}") || suffixes.contains(where: { ByteSearch.hasSuffix(path, $0) }) else { return nil }
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let templated = parts.dropLast().lastIndex { $0.contains("{{") && $0.contains("}}") }
        var name = parts.removeLast()
        let suffix = suffixes.first { name.hasSuffix($0) && name.count > $0.count }
        guard templated != nil || suffix != nil else { return nil }
        if let suffix { name.removeLast(suffix.count) }
        let root = templated.map { parts[...$0].joined(separator: "/") } ?? parts.joined(separator: "/")
        let inside = templated.map { Array(parts[($0 + 1)...]) } ?? []
        return (root, (inside + [name]).joined(separator: "/"))
    }

    /// The text with template tags taken out: `{{ x }}` becomes a placeholder word (GitHub's `${{ … }}` is kept),
    /// `{% … %}` and `{# … #}` tags are removed, so that the file reads as YAML or shell; lines keep their numbers.
    static func rendered(_ text: String) -> String {
        guard text.contains("{{") || text.contains("{%") || text.contains("{#") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let next = rest.index(after: open)
            guard next < rest.endIndex, "{%#".contains(rest[next]) else {
                out += "{"
                rest = rest[next...]
                continue
            }
            let kind = rest[next]
            guard let end = rest[rest.index(after: next)...].range(of: kind == "{" ? "}}" : "\(kind)}") else {
                return out + rest[open...]
            }
            let tag = rest[open..<end.upperBound]
            if kind == "{" && out.last == "$" {
                out += tag
            } else {
                if kind == "{" { out += "TEMPLATE" }
                // A tag that spans lines keeps them, so that later lines keep their numbers.
                out += String(repeating: "\n", count: tag.filter { $0 == "\n" }.count)
            }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}

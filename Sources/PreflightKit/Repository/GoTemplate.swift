import Foundation

/// Helm charts and other Go templates, read as the YAML they render to at best.
enum GoTemplate {
    /// A Helm (Go template) file made YAML at its best: lines that hold only a `{{ … }}` directive (`{{- if … }}`,
    /// `{{- end }}`, `{{ toYaml … | nindent 4 }}`) become blank and other `{{ … }}` tags are removed, lines kept.
    static func withoutTags(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let directive = trimmed.hasPrefix("{{") && trimmed.hasSuffix("}}") && !trimmed.dropFirst(2).contains("{{")
            lines.append(directive ? "" : line)
        }
        let joined = lines.joined(separator: "\n")
        var out = ""
        var rest = Substring(joined)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { return out + rest[open.lowerBound...] }
            out += String(repeating: "\n", count: rest[open.lowerBound..<close.upperBound].filter { $0 == "\n" }.count)
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}

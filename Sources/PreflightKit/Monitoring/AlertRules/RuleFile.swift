import Foundation

/// The rules a YAML or JSON file declares: `groups[].rules[]` at the top of a document (Prometheus, Loki, Thanos and
/// Mimir rule files), under `spec.groups` (a `PrometheusRule` or a similar resource), or in a ConfigMap's `data`
/// value holding such a file; every document of a stream. A rule needs `alert` or `record`, and `expr`. Loki rules
/// have the same shape: their LogQL reads log streams, so they measure no metric.
package struct RuleFile: Sendable {
    package var rules: [RuleDefinition] = []
    /// Read as a Helm template: its directive lines and `{{ … }}` tags left out.
    package var readAsTemplate = false

    package init(rules: [RuleDefinition] = [], readAsTemplate: Bool = false) {
        self.rules = rules
        self.readAsTemplate = readAsTemplate
    }

    /// The rules of parsed documents.
    package init(documents: [DataNode], path: String) {
        for document in documents { read(document, path: path, lineOffset: 0, embedded: false) }
    }

    /// Whether the file at `path` may be a rule file: YAML or JSON.
    static func canHold(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
    }

    /// Whether `text` can hold a rule at all: it names `groups` and `expr`.
    static func mayHoldRules(_ text: String) -> Bool { KeyPath.mayOccur([["groups", "expr"]], in: text) }

    /// The rules of a file whose YAML did not parse: a Helm template is read again without its template tags
    /// (`GoTemplate.withoutTags`); anything else, or a template that still does not parse, cannot be read.
    static func recovering(_ text: String, path: String, failure: String) -> Result<RuleFile, EvidenceFailure> {
        guard text.contains("{{") else { return .failure(EvidenceFailure(.unparseable, failure)) }
        guard let documents = try? StructuredParser.parse(GoTemplate.withoutTags(text), path: path) else {
            return .failure(EvidenceFailure(.unparseable, "\(failure) (a template: not YAML with its {{ … }} tags left out either)"))
        }
        var file = RuleFile(documents: documents, path: path)
        file.readAsTemplate = true
        return .success(file)
    }

    private mutating func read(_ document: DataNode, path: String, lineOffset: Int, embedded: Bool) {
        for groups in [document["groups"], document["spec"]?["groups"]].compactMap({ $0 }) {
            guard case .list(let list, _) = groups else { continue }
            for group in list { read(group: group, lineOffset: lineOffset) }
        }
        // A ConfigMap that carries rule files as strings (`data: { alerts.yml: | … }`); not deeper than one level.
        guard !embedded, document["kind"]?.string == "ConfigMap", case .map(let files, _)? = document["data"] else { return }
        for (_, value) in files {
            guard case .scalar(let text, let line) = value, Self.mayHoldRules(text),
                  let documents = try? StructuredParser.parse(text, path: path) else { continue }
            // A block scalar starts on the line after its key.
            for inner in documents { read(inner, path: path, lineOffset: lineOffset + (line ?? 0), embedded: true) }
        }
    }

    private mutating func read(group: DataNode, lineOffset: Int) {
        guard case .list(let entries, _)? = group["rules"] else { return }
        let groupName = group["name"]?.string ?? ""
        for entry in entries {
            guard let expression = entry["expr"]?.string else { continue }
            let kind: RuleDefinition.Kind, name: DataNode
            if let alert = entry["alert"], alert.string != nil {
                (kind, name) = (.alerting, alert)
            } else if let record = entry["record"], record.string != nil {
                (kind, name) = (.recording, record)
            } else {
                continue
            }
            let duration = kind == .alerting ? entry["for"]?.string.flatMap { ["", "~", "null"].contains($0) ? nil : $0 } : nil
            rules.append(RuleDefinition(kind: kind, name: name.string!, expression: PromQLExpression(expression),
                                        duration: duration, group: groupName, line: name.line.map { $0 + lineOffset }))
        }
    }
}

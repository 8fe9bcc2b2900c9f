import Foundation
import Mustache

/// Renders the Markdown and HTML reports from the Mustache templates in `Templates/` (bundled), or from a directory
/// the user gives with `--templates` that holds templates of the same names.
public struct TemplateRenderer: Sendable {
    public static let names = ["report.md", "report.html"]
    private let library: MustacheLibrary

    /// Loads the bundled templates, with those found in `directory` taking their place.
    public init(directory: URL? = nil) throws {
        MarkdownContentType.registerOnce
        var library = MustacheLibrary()
        let bundled = Bundle.module.url(forResource: "Templates", withExtension: nil)!
        for name in Self.names {
            let custom = directory?.appendingPathComponent("\(name).mustache")
            let url = custom.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
                ?? bundled.appendingPathComponent("\(name).mustache")
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw ReportError.template(url.path, "cannot read: \(error.localizedDescription)")
            }
            do { try library.register(text, named: name) } catch {
                throw ReportError.template(url.path, "\(error)")
            }
        }
        self.library = library
    }

    func render(_ view: ReportView, template name: String) throws -> String {
        guard let text = library.render(Self.plain(view) ?? [String: Any](), withTemplate: name) else {
            throw ReportError.template(name, "no such template")
        }
        return text
    }

    /// The view as dictionaries and arrays, reflected once: Mustache would otherwise reflect a struct on every lookup.
    static func plain(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional: return mirror.children.first.flatMap { plain($0.value) }
        case .collection: return mirror.children.compactMap { plain($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let field = plain(child.value) { fields[label] = field }
            }
            return fields
        default: return value
        }
    }
}

/// Escapes text for Markdown that GitHub and GitLab render: HTML is neutralised, Markdown syntax is backslash-escaped,
/// and line breaks cannot end a table row.
struct MarkdownContentType: MustacheContentType {
    static let registerOnce: Void = MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")

    func escapeText(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\n", "\r": escaped += " "
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~": escaped += "\\\(character)"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

import Foundation
import Mustache

/// Renders the Markdown and HTML reports from the Mustache templates in `Templates/` (bundled), or from a directory
/// the user gives with `--templates` that holds templates of the same names.
public struct TemplateRenderer: Sendable {
    public static let names = ["report.md", "report.html"]
    private let library: MustacheLibrary

    /// Loads the bundled templates, with those found in `directory` taking their place. A directory that does not
    /// exist, or holds neither template, is an error: a misspelt `--templates` must not quietly give the bundled look.
    public init(directory: URL? = nil) throws {
        MarkdownContentType.registerOnce
        var library = MustacheLibrary()
        let bundled = Bundle.module.url(forResource: "Templates", withExtension: nil)!
        let custom = try directory.map(Self.customTemplates)
        for name in Self.names {
            let url = custom?[name] ?? bundled.appendingPathComponent("\(name).mustache")
            let shown = custom?[name] == nil ? url.path : url.relativePath
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw ReportError.template(shown, "cannot read: \(error.localizedDescription)")
            }
            do { try library.register(text, named: name) } catch let error as MustacheTemplate.ParserError {
                let context = error.context, line = context.line.trimmingCharacters(in: .whitespaces)
                throw ReportError.template("\(shown):\(context.lineNumber):\(context.columnNumber)",
                                           Self.explain(error.error) + (line.isEmpty ? "" : ", at: \(line.prefix(80))"))
            } catch {
                throw ReportError.template(shown, Self.explain(error))
            }
        }
        self.library = library
    }

    /// The templates `directory` holds, by name; throws when it is not a directory or holds none of them.
    private static func customTemplates(in directory: URL) throws -> [String: URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw ReportError.templateDirectory(directory.relativePath, "no such directory")
        }
        guard isDirectory.boolValue else { throw ReportError.templateDirectory(directory.relativePath, "not a directory") }
        var found: [String: URL] = [:]
        for name in names {
            let url = directory.appendingPathComponent("\(name).mustache")
            if FileManager.default.fileExists(atPath: url.path) { found[name] = url }
        }
        guard !found.isEmpty else {
            throw ReportError.templateDirectory(directory.relativePath,
                                                "holds neither \(names.map { "\($0).mustache" }.joined(separator: " nor "))")
        }
        return found
    }

    /// A Mustache parser error in words.
    private static func explain(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section is never closed ({{/name}} is missing)"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inherited section"
        case .illegalTokenInsideInheritSection: return "a tag is not allowed inside an inherited section"
        case .textInsideInheritSection: return "text is not allowed inside an inherited section"
        case .invalidConfigVariableSyntax: return "a {{% ... }} configuration tag is malformed"
        case .unrecognisedConfigVariable: return "a {{% ... }} configuration tag is not recognised"
        @unknown default: return "\(error)"
        }
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

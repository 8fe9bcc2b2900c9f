import Foundation

/// An INI file the way Python's configparser reads it (tox.ini, setup.cfg): `[section]` headers, `key = value` or
/// `key: value` entries, indented lines continuing the value above, `#` and `;` comment lines. Keys are lowercased.
struct ToxIni: Sendable {
    struct Entry: Sendable {
        var key: String
        /// The value's lines with their line numbers: the text after `=`, then each continuation line, trimmed.
        var lines: [(text: String, line: Int)]
    }

    struct Section: Sendable {
        var name: String
        var line: Int
        var entries: [Entry] = []

        /// The last entry named `key`, as configparser keeps it.
        func entry(_ key: String) -> Entry? { entries.last { $0.key == key } }
    }

    var sections: [Section] = []
    private var lastSection: [String: Int] = [:]

    /// Reads `text`, whose first line is line `firstLine` of its file.
    init(_ text: String, firstLine: Int = 1) {
        var line = firstLine - 1
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let content = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = content.trimmingCharacters(in: .whitespaces)
            let indented = content.first == " " || content.first == "\t"
            if trimmed.isEmpty { continue }
            if indented, !sections.isEmpty, !sections[sections.count - 1].entries.isEmpty {
                // A continuation line; configparser keeps comment-looking ones only in values, tox drops them later.
                if trimmed.hasPrefix(";") { continue }
                let last = sections[sections.count - 1].entries.count - 1
                sections[sections.count - 1].entries[last].lines.append((trimmed, line))
                continue
            }
            if trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("["), let close = trimmed.lastIndex(of: "]") {
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                lastSection[name] = sections.count
                sections.append(Section(name: name, line: line))
                continue
            }
            guard !sections.isEmpty, let delimiter = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = trimmed[..<delimiter].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: delimiter)...].trimmingCharacters(in: .whitespaces)
            sections[sections.count - 1].entries.append(Entry(key: key, lines: [(value, line)]))
        }
    }

    /// The last section named `name`.
    func section(_ name: String) -> Section? { lastSection[name].map { sections[$0] } }
}

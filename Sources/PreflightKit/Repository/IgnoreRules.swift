/// Gitignore-style rules: the last rule that matches a path decides. CODEOWNERS uses the same pattern language.
struct IgnoreRules: Sendable {
    struct Rule: Sendable {
        var glob: Glob
        var negated: Bool
        var directoryOnly: Bool
        /// Directory of the file that declared the rule, relative to the root, with a trailing slash ("" at the root).
        var base: String
        var payload: [String]
    }

    private(set) var rules: [Rule] = []

    /// Adds the rules of a gitignore-format file found in directory `base`. `payloadColumns` keeps the words
    /// after the pattern (the owners, in CODEOWNERS).
    mutating func add(contents: String, base: String, withPayload: Bool = false) {
        for rawLine in contents.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var words = withPayload ? line.split(separator: " ", omittingEmptySubsequences: true).map(String.init) : [line]
            var pattern = words.removeFirst()
            let negated = pattern.hasPrefix("!")
            if negated { pattern.removeFirst() }
            let directoryOnly = pattern.hasSuffix("/")
            if directoryOnly { pattern.removeLast() }
            let anchored = pattern.contains("/")
            if pattern.hasPrefix("/") { pattern.removeFirst() }
            guard !pattern.isEmpty, let glob = try? Glob(anchored ? "/" + pattern : pattern) else { continue }
            rules.append(Rule(glob: glob, negated: negated, directoryOnly: directoryOnly, base: base, payload: words))
        }
    }

    /// The last rule matching `path` (or one of its parent directories), if any.
    func lastMatch(_ path: String, isDirectory: Bool) -> Rule? {
        var found: Rule?
        for rule in rules where path.hasPrefix(rule.base) {
            let relative = String(path.dropFirst(rule.base.count))
            if matches(rule, relative, isDirectory: isDirectory) { found = rule }
        }
        return found
    }

    private func matches(_ rule: Rule, _ relative: String, isDirectory: Bool) -> Bool {
        if rule.glob.matches(relative) { return isDirectory || !rule.directoryOnly }
        // A rule naming a directory covers everything below it.
        var parent = Substring(relative)
        while let slash = parent.lastIndex(of: "/") {
            parent = parent[..<slash]
            if rule.glob.matches(String(parent)) { return true }
        }
        return false
    }

    func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        guard let rule = lastMatch(path, isDirectory: isDirectory) else { return false }
        return !rule.negated
    }
}

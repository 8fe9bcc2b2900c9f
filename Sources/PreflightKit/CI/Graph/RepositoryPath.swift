/// Paths relative to the repository root, as the execution graph joins them.
enum RepositoryPath {
    /// `relative` taken from the directory `base` ("" for the root), `.` and `..` resolved; nil when it is absolute,
    /// starts at a home directory or a variable, or leaves the repository.
    static func join(_ base: String, _ relative: String) -> String? {
        if relative.hasPrefix("/") || relative.hasPrefix("~") || relative.contains("$") { return nil }
        var parts = base.split(separator: "/").filter { $0 != "." }.map(String.init)
        for part in relative.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The directory holding `path` ("" for a file at the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}

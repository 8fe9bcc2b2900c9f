/// A list of globs where entries starting with `!` exclude: a path matches when an include matches and no exclude does.
public struct GlobSet: Sendable, Hashable, CustomStringConvertible {
    public let patterns: [String]
    /// How the set was written, such as `$tests`, shown in reports instead of the expanded patterns.
    public let written: String
    private let includes: [Glob]
    private let excludes: [Glob]

    public init(_ patterns: [String], written: String? = nil) throws(Glob.SyntaxError) {
        self.patterns = patterns
        self.written = written ?? patterns.joined(separator: ", ")
        var includes: [Glob] = [], excludes: [Glob] = []
        for pattern in patterns {
            if pattern.hasPrefix("!") {
                excludes.append(try Glob(String(pattern.dropFirst())))
            } else {
                includes.append(try Glob(pattern))
            }
        }
        guard !includes.isEmpty else { throw .invalid("no pattern to include (only '!' exclusions)") }
        self.includes = includes
        self.excludes = excludes
    }

    public func matches(_ path: String) -> Bool {
        var path = path
        return path.withUTF8(matches(bytes:))
    }

    /// Matches a path given as UTF-8 bytes.
    public func matches(bytes path: UnsafeBufferPointer<UInt8>) -> Bool {
        includes.contains { $0.matches(bytes: path) } && !excludes.contains { $0.matches(bytes: path) }
    }

    public var description: String { written }

    var includeGlobs: [Glob] { includes }
    var excludeGlobs: [Glob] { excludes }
}

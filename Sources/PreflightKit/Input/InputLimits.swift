/// Bounds on untrusted YAML input: past any of them the file is refused before it is decoded.
public struct InputLimits: Sendable {
    /// Largest accepted file, in bytes.
    public var maxBytes = 4 << 20
    /// Deepest nesting of mappings and sequences.
    public var maxDepth = 64
    /// Most nodes visited, counting every alias expansion (what defuses alias bombs).
    public var maxNodes = 200_000

    public init() {}
    public static let standard = InputLimits()
}

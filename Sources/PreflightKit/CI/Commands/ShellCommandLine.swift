/// The simple commands a piece of shell text runs: a CI step's `run:` block, a `script:` line, a recipe line.
///
/// A pure reading of the text: nothing is executed. Lists (`&&`, `||`, `;`, `&`, newlines), pipes, subshells and
/// groups are flattened in order; commands inside `$( … )`, backticks and `sh -c '…'` count as run; arguments of
/// `echo`, comments and here-document bodies are text. Odd input never fails: it yields what could be read and a
/// problem per oddity (an unterminated quote, nesting or size past the limits).
public struct ShellCommandLine: Sendable {
    /// Bounds on the work one text may cause.
    public struct Limits: Sendable {
        /// Longer text is cut here, with a problem.
        public var maxBytes = 1 << 20
        /// Deepest nesting of subshells, `$( … )`, backticks and `sh -c` strings that is followed.
        public var maxDepth = 64
        /// Most commands read from one text.
        public var maxCommands = 100_000

        public init() {}
        public static let standard = Limits()
    }

    public var commands: [ShellCommand]
    public var problems: [CommandProblem]

    /// Reads `text`, whose first line is line `firstLine` of its file.
    public init(_ text: String, firstLine: Int = 1, limits: Limits = .standard) {
        let (kept, cut) = CommandText.truncated(text, maxBytes: limits.maxBytes)
        let output = ShellOutput(scalars: Array(kept.unicodeScalars), firstLine: firstLine, limits: limits)
        if let cut { output.problem(at: output.scalars.count, cut.message) }
        let parser = ShellParser(source: ShellSource(scalars: output.scalars), output: output, depth: 0, directory: nil, prefixes: [])
        parser.parseAll()
        commands = output.commands
        problems = output.problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }
}

/// One simple command a piece of shell text runs, with its words as the shell would pass them (quotes removed).
///
/// `cd src && FOO=1 uv run python -m pytest -q` is the command `cd src` and the command with
/// words `["pytest", "-q"]`, assignments `["FOO=1"]`, prefixes `["uv run", "python -m"]` and directory `src`.
public struct ShellCommand: Sendable, Hashable {
    /// What runs: the program and its arguments, after assignments and prefixes. `python -m X` is `X`.
    public var words: [String]
    /// `NAME=value` assignments written before the command (also those given to `env`).
    public var assignments: [String]
    /// The wrappers it runs under, outermost first, each as written: `sudo`, `uv run`, `conda run -n ml`,
    /// `python -m`, `bash -c`.
    public var prefixes: [String]
    /// The directory an earlier `cd` moved to, joined as written (`src/app`, `/opt/x`, `$HOME/y`); nil when none.
    public var directory: String?
    /// Where the command starts: 1-based line (counted from the reader's `firstLine`) and column (in characters).
    public var line: Int
    public var column: Int
    /// The command's source text as written (at most 300 characters), for showing as proof.
    public var text: String

    /// The program's name without its directory (`/usr/bin/make` is `make`); empty when there are no words.
    public var program: String {
        guard let first = words.first else { return "" }
        return first.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? first
    }

    /// The arguments after the program.
    public var arguments: ArraySlice<String> { words.dropFirst() }
}

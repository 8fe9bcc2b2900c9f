import Foundation

/// Every error PreflightKit throws. Messages quote the offending value and, for input files, where it is.
public enum PreflightError: LocalizedError, Sendable, Equatable {
    /// An input file (rubric, preflight.yaml) is malformed; `keyPath` is like `sections[1].items[0].id`.
    case invalidInput(location: SourceLocation, keyPath: String, message: String)
    /// An input file was refused before parsing (too large, binary, too deep, alias bomb).
    case refusedInput(file: String, reason: String)
    /// A file or directory could not be read.
    case unreadable(path: String, reason: String)
    /// A file or directory could not be created or written (a report, a ledger, GITHUB_STEP_SUMMARY).
    case unwritable(path: String, reason: String)
    /// The repository to evaluate is unusable (missing, not a directory, git failed).
    case repository(path: String, reason: String)
    /// The directory is in a git repository that git cannot read (git missing, or refusing `gitDirectory`): files
    /// listed any other way would count untracked ones.
    case unreadableGitRepository(path: String, gitDirectory: String, reason: String)
    /// A bare repository or a git directory: there is no work tree to evaluate.
    case noWorkTree(path: String, reason: String)
    /// A named thing (bundled rubric, item id, section id) does not exist.
    case unknownName(kind: String, name: String, suggestion: String?)
    /// A command-line argument is wrong.
    case invalidArgument(String)
    /// The history database cannot be opened, read or written.
    case history(path: String, reason: String)
    /// Several independent errors of one input file, in file order (at most `PreflightError.maximumReported`).
    indirect case several([PreflightError])

    /// How many errors of one file are reported before the rest are only counted.
    public static let maximumReported = 20

    /// Where in an input file the error is, when it is located.
    public var location: SourceLocation? {
        switch self {
        case let .invalidInput(location, _, _): return location
        case let .several(errors): return errors.first?.location
        default: return nil
        }
    }

    public var errorDescription: String? {
        switch self {
        case let .invalidInput(location, keyPath, message):
            let key = keyPath.isEmpty ? "" : "\(keyPath): "
            return "\(location): error: \(key)\(message)"
        case let .refusedInput(file, reason):
            return "\(file): error: refused: \(reason)"
        case let .unreadable(path, reason):
            return "\(path): error: cannot read: \(reason)"
        case let .unwritable(path, reason):
            return "\(path): error: cannot write: \(reason)"
        case let .repository(path, reason):
            return "\(path): error: \(reason)"
        case let .unreadableGitRepository(path, gitDirectory, reason):
            return "\(path): error: cannot list the files git tracks (\(gitDirectory)): \(reason); files listed without git would count untracked ones"
        case let .noWorkTree(path, reason):
            return "\(path): error: \(reason), with no work tree to evaluate; evaluate a checkout of it (git clone, git worktree add)"
        case let .unknownName(kind, name, suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            return "unknown \(kind) '\(name)'\(hint)"
        case let .invalidArgument(message):
            return "error: \(message)"
        case let .history(path, reason):
            return "\(path): error: history: \(reason)"
        case let .several(errors):
            return errors.map { $0.localizedDescription }.joined(separator: "\n")
        }
    }
}

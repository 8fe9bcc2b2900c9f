import Foundation

/// Where the history database is, resolved the same way by `gate` and the `history` commands.
public enum HistoryPath {
    /// The environment variable naming the database.
    public static let environmentVariable = "PREFLIGHT_HISTORY"
    /// The database in a repository when nothing else names one.
    public static let defaultPath = ".preflight/history.sqlite"

    /// The database's absolute path: the flag, else `PREFLIGHT_HISTORY`, else preflight.yaml's `history:` (relative
    /// to preflight.yaml), else `.preflight/history.sqlite` in the repository. A relative flag or environment path
    /// is relative to `currentDirectory`, as on any command line.
    public static func resolve(flag: String?, environment: [String: String], configured: String?, configDirectory: URL,
                               repositoryRoot: URL,
                               currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        if let given = given(flag: flag, environment: environment) { return absolute(given, in: URL(fileURLWithPath: currentDirectory, isDirectory: true)) }
        if let configured, !configured.isEmpty { return absolute(configured, in: configDirectory) }
        return repositoryRoot.appendingPathComponent(defaultPath).standardizedFileURL.path
    }

    /// The path the user gave, by flag or else by `PREFLIGHT_HISTORY`, as given.
    public static func given(flag: String?, environment: [String: String]) -> String? {
        [flag, environment[environmentVariable]].compactMap { $0 }.first { !$0.isEmpty }
    }

    private static func absolute(_ path: String, in directory: URL) -> String {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)).standardizedFileURL.path
    }
}

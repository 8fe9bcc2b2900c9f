import Foundation

/// Where the history database is, resolved the same way by `gate` and the `history` commands.
public enum HistoryPath {
    /// The environment variable naming the database.
    public static let environmentVariable = "PREFLIGHT_HISTORY"

    /// The database's absolute path: the flag, else `PREFLIGHT_HISTORY`, else preflight.yaml's `history:` (relative
    /// to preflight.yaml), else `.preflight/history.sqlite` in the repository. A relative flag or environment path
    /// is relative to `currentDirectory`, as on any command line.
    public static func resolve(flag: String?, environment: [String: String], configured: String?, configDirectory: URL,
                               repositoryRoot: URL,
                               currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        if let given = given(flag: flag, environment: environment) { return absolute(given, in: URL(fileURLWithPath: currentDirectory, isDirectory: true)) }
        if let configured, !configured.isEmpty { return absolute(configured, in: configDirectory) }
        return repositoryRoot.appendingPathComponent(SQLiteHistoryStore.defaultPath).standardizedFileURL.path
    }

    /// The path the user gave, by flag or else by `PREFLIGHT_HISTORY`, as given.
    public static func given(flag: String?, environment: [String: String]) -> String? {
        [flag, environment[environmentVariable]].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// Creates the directory that will hold the database at `path`, before recording into it.
    public static func prepareForRecording(_ path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw PreflightError.history(path: path, reason: "\(directory) is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PreflightError.history(path: path, reason: "cannot create its directory \(directory): \(error.localizedDescription)")
        }
    }

    private static func absolute(_ path: String, in directory: URL) -> String {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)).standardizedFileURL.path
    }
}

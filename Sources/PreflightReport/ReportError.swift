/// Why a report could not be produced.
public enum ReportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A template cannot be read or parsed; `location` is `file` or `file:line:column`.
    case template(String, String)
    /// The `--templates` directory is missing or holds no template Preflight knows.
    case templateDirectory(String, String)
    case encoding(String)

    public var description: String {
        switch self {
        case let .template(location, reason): return "\(location): error: template: \(reason)"
        case let .templateDirectory(directory, reason): return "\(directory): error: --templates: \(reason)"
        case let .encoding(reason): return "error: cannot encode the report: \(reason)"
        }
    }
}

/// Why a report could not be produced.
public enum ReportError: Error, CustomStringConvertible, Sendable {
    case template(String, String)
    case encoding(String)

    public var description: String {
        switch self {
        case let .template(name, reason): return "\(name): error: template: \(reason)"
        case let .encoding(reason): return "error: cannot encode the report: \(reason)"
        }
    }
}

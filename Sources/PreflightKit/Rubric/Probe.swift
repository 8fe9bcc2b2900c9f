/// A leaf of a rule: one question asked of the evidence. The key that names it (`files`, `key`, `ci`, `changed`,
/// `owners`, `attestation`) is its kind; kinds never change once released.
public enum Probe: Sendable, Hashable, Decodable {
    case files(FileProbe)
    case key(KeyProbe)
    case ci(CIProbe)
    case changed(ChangeProbe)
    case owners(OwnersProbe)
    case attestation(AttestationProbe)
    case prometheus(PrometheusProbe)
    case report(ReportProbe)

    /// Keys that select a probe kind, in the order they are tried.
    static let kinds = ["files", "key", "ci", "changed", "owners", "attestation", "prometheus", "report"]

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.presentKeys().map(\.stringValue)
        let kinds = Self.kinds.filter(keys.contains)
        guard kinds.count == 1, let kind = kinds.first else {
            if kinds.count > 1 {
                throw decoder.fail("a probe has one kind, found \(kinds.joined(separator: " and ")); combine them with all/any")
            }
            let guess = keys.lazy.compactMap { Suggestion.closest(to: $0, in: Self.kinds + ["all", "any", "not"]) }.first
            let hint = guess.map { " (did you mean '\($0)'?)" } ?? ""
            throw decoder.fail("a rule needs one of all, any, not, \(Self.kinds.joined(separator: ", "))\(hint)")
        }
        switch kind {
        case "files": self = .files(try FileProbe(from: decoder))
        case "key": self = .key(try KeyProbe(from: decoder))
        case "ci": self = .ci(try CIProbe(from: decoder))
        case "changed": self = .changed(try ChangeProbe(from: decoder))
        case "owners": self = .owners(try OwnersProbe(from: decoder))
        case "prometheus": self = .prometheus(try PrometheusProbe(from: decoder))
        case "report": self = .report(try ReportProbe(from: decoder))
        default: self = .attestation(try AttestationProbe(from: decoder))
        }
    }

    /// The probe kind as written in rubrics and reported in JSON.
    public var kind: String {
        switch self {
        case .files(let probe): return probe.contains == nil ? "files" : "content"
        case .key: return "key"
        case .ci: return "ci"
        case .changed: return "changed"
        case .owners: return "owners"
        case .attestation: return "attestation"
        case .prometheus: return "prometheus"
        case .report: return "report"
        }
    }
}

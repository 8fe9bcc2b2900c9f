import ArgumentParser
import PreflightKit

/// Policy flags, applied after the rubric's and preflight.yaml's policy. Their names, help and parsing come from
/// `PolicyField`; each flag only has to be declared here, as ArgumentParser builds flags from property wrappers.
struct PolicyOptions: ParsableArguments {
    @Option(name: .policy(.minimumScore), help: .policy(.minimumScore))
    var minScore: String?

    @Option(name: .policy(.sectionMinimums), help: .policy(.sectionMinimums))
    var minSection: [String] = []

    @Option(name: .policy(.required), help: .policy(.required))
    var require: [String] = []

    @Option(name: .policy(.onError), help: .policy(.onError))
    var onError: Policy.Failure?

    @Option(name: .policy(.onUnavailable), help: .policy(.onUnavailable))
    var onUnavailable: Policy.Failure?

    @Option(name: .policy(.maxScoreDrop), help: .policy(.maxScoreDrop))
    var maxScoreDrop: String?

    @Option(name: .policy(.itemRegression), help: .policy(.itemRegression))
    var itemRegression: Policy.Failure?

    func overrides() throws -> PolicyOverrides {
        try PolicyField.overrides(fromFlags: [
            (.minimumScore, minScore.map { [$0] } ?? []),
            (.sectionMinimums, minSection),
            (.required, require),
            (.onError, onError.map { [$0.rawValue] } ?? []),
            (.onUnavailable, onUnavailable.map { [$0.rawValue] } ?? []),
            (.maxScoreDrop, maxScoreDrop.map { [$0] } ?? []),
            (.itemRegression, itemRegression.map { [$0.rawValue] } ?? []),
        ])
    }
}

/// `--on-error block|ignore`: `--help` lists the values and ArgumentParser rejects any other.
extension Policy.Failure: ExpressibleByArgument {}

extension NameSpecification {
    /// The long flag `field` declares.
    static func policy(_ field: PolicyField) -> NameSpecification {
        guard let flag = field.flag else { preconditionFailure("policy key \(field.key) has no flag") }
        return .customLong(flag)
    }
}

extension ArgumentHelp {
    /// The field's summary, with its value placeholder.
    static func policy(_ field: PolicyField) -> ArgumentHelp {
        ArgumentHelp(field.kind.isRepeatable ? "\(field.summary.dropLast()) (repeatable)." : field.summary,
                     valueName: field.kind.flagValueName)
    }
}

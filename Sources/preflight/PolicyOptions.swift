import ArgumentParser
import PreflightKit

/// Policy flags, applied after the rubric's and preflight.yaml's policy.
struct PolicyOptions: ParsableArguments {
    @Option(help: "Block when the final score is below this.")
    var minScore: Double?

    @Option(help: ArgumentHelp("Block when a section scores below a minimum (repeatable).", valueName: "section=score"))
    var minSection: [String] = []

    @Option(help: ArgumentHelp("Block unless this item earns points (repeatable).", valueName: "item-id"))
    var require: [String] = []

    @Option(help: "What an item that could not be evaluated does: block or ignore.")
    var onError: String?

    @Option(help: "What an item without data does: block or ignore.")
    var onUnavailable: String?

    @Option(help: "Block when the final or a section score dropped by more than this against the baseline (the last version approved without waivers).")
    var maxScoreDrop: Double?

    @Option(help: "What an item earning fewer points than in the baseline (the last version approved without waivers) does: block or ignore.")
    var itemRegression: String?

    func overrides() throws -> PolicyOverrides {
        var sections: [String: Double] = [:]
        for entry in minSection {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw PreflightError.invalidArgument("--min-section takes section=score, like monitoring=1, not '\(entry)'")
            }
            sections[String(parts[0])] = value
        }
        return PolicyOverrides(minimumScore: minScore, sectionMinimums: sections.isEmpty ? nil : sections,
                               required: require.isEmpty ? nil : require,
                               onError: try failure(onError, "--on-error"), onUnavailable: try failure(onUnavailable, "--on-unavailable"),
                               maxScoreDrop: maxScoreDrop, itemRegression: try failure(itemRegression, "--item-regression"))
    }

    private func failure(_ value: String?, _ flag: String) throws -> Policy.Failure? {
        guard let value else { return nil }
        guard let failure = Policy.Failure(rawValue: value) else {
            throw PreflightError.invalidArgument("\(flag) takes block or ignore, not '\(value)'")
        }
        return failure
    }
}

import PreflightKit

extension ItemResult {
    /// For an item that earned only its manual level: what its automated rule still lacks, as the messages of the
    /// parts that did not hold ("no CODEOWNERS file …"); nil for any other item.
    var fullPointGap: String? {
        guard outcome == .satisfied, level == .manual, points < maxPoints, let automated, automated.outcome != .satisfied else {
            return nil
        }
        let unmet = [Outcome.unsatisfied, .error, .notAvailable].flatMap { automated.leafMessages(with: $0) }
        return unmet.isEmpty ? automated.message : unmet.prefix(3).joined(separator: "; ")
    }
}

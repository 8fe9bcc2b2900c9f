import PreflightKit

extension Finding {
    /// Proofs of the leaves that ended as this finding did, depth first: for an unmet rule, what failed and where
    /// (the segments that break a monitoring plan, the series out of bounds, the report that did not pass).
    var failingProofs: [Proof] {
        guard outcome != .satisfied else { return [] }
        return leaves(with: outcome).flatMap(\.proofs)
    }

    private func leaves(with outcome: Outcome) -> [Finding] {
        if children.isEmpty { return self.outcome == outcome ? [self] : [] }
        return children.flatMap { $0.leaves(with: outcome) }
    }
}

extension ItemResult {
    /// For an item that earned no level, the proofs of what failed in its rules, as reports list them under it.
    var failingProofs: [Proof] {
        guard level == nil, skipReason == nil else { return [] }
        return [automated, manual].compactMap { $0 }.flatMap(\.failingProofs)
    }
}

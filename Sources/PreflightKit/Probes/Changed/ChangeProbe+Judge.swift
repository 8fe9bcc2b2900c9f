import Foundation

extension ChangeProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let evidence = judge.evidence
        let window = Durations.render(within)
        guard let answer = evidence.answers(from: GitHistorySource.self)?[.init(within)], let files = evidence.paths[files] else {
            return judge.notGathered(Self.self)
        }
        let history: GitHistory
        switch answer {
        case .success(let read): history = read
        case .failure(let failure):
            return Finding(outcome: failure.outcome, probe: Self.name, message: "cannot tell when \(self.files) changed: \(failure.reason)")
        }
        guard !files.isEmpty else {
            return Finding(outcome: .unsatisfied, probe: Self.name, message: "no tracked file matches \(self.files)")
        }
        // The history is read over the widest window any probe asks; this probe judges its own.
        let since = evidence.now.addingTimeInterval(-within)
        let recent = files.compactMap { file in history.lastChange[file].map { (file, $0) } }.filter { $0.1 >= since }.sorted { $0.1 > $1.1 }
        guard let newest = recent.first else {
            if let hidden = files.first(where: { (history.atShallowBoundary[$0] ?? .distantPast) >= since }) {
                return Finding(outcome: .notAvailable, probe: Self.name,
                               message: "cannot tell whether \(self.files) changed in the last \(window): \(hidden): \(GitHistory.shallowReason)")
            }
            return Finding(outcome: .unsatisfied, probe: Self.name,
                           message: "none of \(files.count) files matching \(self.files) changed in the last \(window)")
        }
        let age = Int(evidence.now.timeIntervalSince(newest.1) / 86_400)
        return Finding(outcome: .satisfied, probe: Self.name,
                       message: "\(newest.0) changed \(age) day\(age == 1 ? "" : "s") ago, within \(window)",
                       proofs: [Proof(path: newest.0, text: "last commit \(ISO8601DateFormatter().string(from: newest.1))")])
    }
}

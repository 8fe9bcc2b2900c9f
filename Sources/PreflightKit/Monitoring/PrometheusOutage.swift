import Foundation

/// The Prometheus source failing as a whole (not reachable, no answer in time, no credentials to send): the cause is
/// said once, as a note of the evaluation, and each item that needed the source refers to it in a few words. The
/// items stay errors: a gate that cannot ask its source fails closed.
enum PrometheusOutage {
    /// One note per distinct cause, naming the source and how many requests it failed.
    static func notes(_ answers: [PrometheusRequest: PrometheusAnswer], source: String) -> [String] {
        var counts: [String: Int] = [:]
        for case .failed(let failure) in answers.values.filter(\.isSourceWide) { counts[failure.reason, default: 0] += 1 }
        return counts.keys.sorted().map { cause in
            let share = counts[cause] == answers.count ? "every request" : "\(counts[cause]!) of \(answers.count) requests"
            return "Prometheus \(source) failed \(share): \(cause); the prometheus probes that needed it are errors"
        }
    }

    /// What an item's finding says instead of repeating the cause.
    static func itemMessage(source: String) -> String {
        "Prometheus \(source) could not be asked (see Notes)"
    }
}

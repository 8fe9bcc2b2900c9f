import Foundation

/// The live Prometheus of preflight.yaml's `sources.prometheus`, asked the instant queries and rule listings that
/// `prometheus` probes need.
package struct PrometheusQueries: EvidenceSource {
    package let source: PrometheusSource
    /// Where the credentials the source names are read; the caller's environment.
    package let environment: [String: String]

    package init(source: PrometheusSource, environment: [String: String]) {
        self.source = source
        self.environment = environment
    }

    package var display: String { source.display }

    package func answer(_ requests: [PrometheusRequest]) -> [PrometheusRequest: PrometheusAnswer] {
        PrometheusClient(source: source, environment: environment).fetch(requests.sorted { $0.sortKey < $1.sortKey })
    }

    /// A source that could not be asked at all is said once, not once per probe.
    package func notes(on answers: [PrometheusRequest: PrometheusAnswer]) -> [String] {
        PrometheusOutage.notes(answers, source: display)
    }
}

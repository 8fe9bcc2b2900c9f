import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a Prometheus request returned, or why it gave nothing usable. Never a pass by itself.
public enum PrometheusAnswer: Sendable {
    /// The series of an instant query.
    case samples([PrometheusSample])
    /// The rules `/api/v1/rules` lists.
    case rules([PrometheusRule])
    /// No usable answer, and why: the server's own refusal of this request (HTTP 500, not Prometheus JSON, a PromQL
    /// error, too large), or the source itself could not be asked (see `isSourceWide`).
    case failed(EvidenceFailure)

    /// Whether the failure is the source's, not the request's: not reachable, no answer in time, no credentials to
    /// send. Such a failure is said once per source (`PrometheusOutage`), not once per item.
    var isSourceWide: Bool {
        guard case .failed(let failure) = self else { return false }
        return [.unreachable, .timedOut, .refused].contains(failure.kind)
    }
}

/// Talks to the Prometheus HTTP API: one GET per request, all of a run's requests at once, each within the timeout.
///
/// Plain URLSession tasks and a deadline, no Swift task cancellation: on Linux, cancelling an awaited URLSession
/// request while it fails on its own can deadlock inside Foundation (a gate hung for minutes on a 1 s timeout).
struct PrometheusClient: Sendable {
    let source: PrometheusSource
    /// The caller's environment, where credentials are read from.
    let environment: [String: String]
    /// The largest answer read; past it the rest is dropped and the request fails (a million series is about 80 MB of JSON).
    var maxAnswerBytes = 32 << 20

    /// The answers to `requests`, fetched concurrently; the run takes about as long as its slowest request.
    func fetch(_ requests: [PrometheusRequest]) -> [PrometheusRequest: PrometheusAnswer] {
        let transfers = Transfers(maxBytes: maxAnswerBytes)
        // One session for the run, allowed a connection per request, so no request queues behind another.
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = source.timeout
        configuration.timeoutIntervalForResource = source.timeout
        configuration.httpMaximumConnectionsPerHost = max(requests.count, 1)
        let session = URLSession(configuration: configuration, delegate: transfers, delegateQueue: nil)
        // Tasks still running (too large, past the deadline) end by the session's resource timeout; cancelling
        // them races Foundation's own bookkeeping on Linux and can crash the process.
        defer { session.finishTasksAndInvalidate() }

        var answers: [PrometheusRequest: PrometheusAnswer] = [:]
        var tasks: [(request: PrometheusRequest, task: URLSessionDataTask)] = []
        for request in requests {
            switch urlRequest(for: request) {
            case .failure(let failure): answers[request] = .failed(EvidenceFailure(.refused, failure.reason))
            case .success(let urlRequest): tasks.append((request, session.dataTask(with: urlRequest)))
            }
        }
        for (_, task) in tasks { task.resume() }
        // A server that answers slowly byte by byte can outlast URLSession's own timeout: the deadline is ours.
        transfers.wait(for: tasks.map(\.task.taskIdentifier), until: Date().addingTimeInterval(source.timeout))
        let timedOut = PrometheusAnswer.failed(EvidenceFailure(.timedOut, "no answer within \(Durations.render(source.timeout))"))
        for (request, task) in tasks {
            switch transfers.outcome(of: task.taskIdentifier) {
            case nil:
                answers[request] = timedOut
            case .tooLarge:
                answers[request] = .failed(EvidenceFailure(.tooLarge, "the answer is larger than \(maxAnswerBytes >> 20) MB: refused"))
            case .failed(let error as URLError) where error.code == .timedOut:
                answers[request] = timedOut
            case .failed(let error):
                // curl words it "… after 3 ms: …": the timing is dropped so that reports stay deterministic.
                let reason = (error as NSError).localizedDescription.replacingOccurrences(of: #" after \d+ ms"#, with: "", options: .regularExpression)
                answers[request] = .failed(EvidenceFailure(.unreachable, "cannot reach it: \(reason)"))
            case .received(let body, let status?):
                answers[request] = PrometheusAnswer.parse(body, statusCode: status, rules: request == .rules)
            case .received(_, nil):
                answers[request] = .failed(EvidenceFailure(.unreachable, "not an HTTP answer"))
            }
        }
        return answers.mapValues(redacted)
    }

    /// Credentials never travel further than the request.
    private func redacted(_ answer: PrometheusAnswer) -> PrometheusAnswer {
        switch answer {
        case .failed(var failure):
            failure.reason = source.credentials.redact(failure.reason, environment: environment)
            return .failed(failure)
        case .samples, .rules: return answer
        }
    }

    private struct RequestFailure: Error { let reason: String }

    private func urlRequest(for request: PrometheusRequest) -> Result<URLRequest, RequestFailure> {
        var components = URLComponents(url: source.url.appendingPathComponent(request.path), resolvingAgainstBaseURL: false)!
        components.queryItems = request.parameters.isEmpty ? nil : request.parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
        // URLComponents leaves '+' alone, which servers read as a space: PromQL's '+' must arrive as '+'.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.url else { return .failure(RequestFailure(reason: "cannot build a request URL")) }
        var urlRequest = URLRequest(url: url, timeoutInterval: source.timeout)
        for (name, value) in source.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        switch source.credentials.authorization(in: environment) {
        case .failure(let failure): return .failure(RequestFailure(reason: failure.reason))
        case .success(let header?): urlRequest.setValue(header, forHTTPHeaderField: "Authorization")
        case .success(nil): break
        }
        return .success(urlRequest)
    }
}

/// One GET of the API.
public struct PrometheusRequest: Sendable, Hashable {
    public var path: String
    public var parameters: [(String, String)] { query.map { [("query", $0)] } ?? [] }
    public var query: String?

    /// Orders a run's requests, so that they go out in the same order every time.
    var sortKey: String { path + "?" + (query ?? "") }

    public static let rules = PrometheusRequest(path: "api/v1/rules", query: nil)
    public static func instant(_ query: String) -> PrometheusRequest { PrometheusRequest(path: "api/v1/query", query: query) }
}

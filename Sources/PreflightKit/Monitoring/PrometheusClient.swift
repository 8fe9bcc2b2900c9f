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
    case failed(String)
}

/// Talks to the Prometheus HTTP API: one GET per request, all of a run's requests at once, each within the timeout.
struct PrometheusClient: Sendable {
    let source: PrometheusSource
    /// The process environment, where credentials are read from.
    let environment: [String: String]

    /// The answers to `requests`, fetched concurrently; the run takes about as long as its slowest request.
    func fetch(_ requests: [PrometheusRequest]) -> [PrometheusRequest: PrometheusAnswer] {
        let answers = Box([PrometheusRequest: PrometheusAnswer]())
        let done = DispatchSemaphore(value: 0)
        // One session for the run, allowed a connection per request, so no request queues behind another.
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = source.timeout
        configuration.timeoutIntervalForResource = source.timeout
        configuration.httpMaximumConnectionsPerHost = max(requests.count, 1)
        let session = URLSession(configuration: configuration)
        Task {
            await withTaskGroup(of: (PrometheusRequest, PrometheusAnswer).self) { group in
                for request in requests { group.addTask { (request, await self.fetch(request, session: session)) } }
                for await (request, answer) in group { answers.value[request] = answer }
            }
            done.signal()
        }
        done.wait()
        session.finishTasksAndInvalidate()
        return answers.value
    }

    private func fetch(_ request: PrometheusRequest, session: URLSession) async -> PrometheusAnswer {
        var components = URLComponents(url: source.url.appendingPathComponent(request.path), resolvingAgainstBaseURL: false)!
        components.queryItems = request.parameters.isEmpty ? nil : request.parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
        // URLComponents leaves '+' alone, which servers read as a space: PromQL's '+' must arrive as '+'.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.url else { return .failed("cannot build a request URL") }
        var urlRequest = URLRequest(url: url, timeoutInterval: source.timeout)
        for (name, value) in source.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        switch credentials() {
        case .missing(let reason): return .failed(reason)
        case .header(let header): urlRequest.setValue(header, forHTTPHeaderField: "Authorization")
        case .none: break
        }
        let prepared = urlRequest
        let body: Data, response: URLResponse
        do {
            (body, response) = try await withDeadline(source.timeout) { try await session.data(for: prepared) }
        } catch is DeadlineExceeded {
            return .failed("no answer within \(Durations.render(source.timeout))")
        } catch let error as URLError where error.code == .timedOut {
            return .failed("no answer within \(Durations.render(source.timeout))")
        } catch {
            return .failed("cannot reach it: \((error as NSError).localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else { return .failed("not an HTTP answer") }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            return .failed("HTTP \(http.statusCode) with a body that is not Prometheus JSON")
        }
        guard object["status"] as? String == "success", (200..<300).contains(http.statusCode) else {
            let message = (object["error"] as? String).map { ": \($0.prefix(300))" } ?? ""
            return .failed("HTTP \(http.statusCode), status \(object["status"] as? String ?? "missing")\(message)")
        }
        guard let data = object["data"] as? [String: Any] else { return .failed("answer without data") }
        if request == .rules { return .rules(PrometheusRule.parse(data)) }
        switch PrometheusSample.parse(data) {
        case .success(let samples): return .samples(samples)
        case .failure(let shape): return .failed(shape.description)
        }
    }

    private enum Credentials { case none, header(String), missing(String) }

    private func credentials() -> Credentials {
        if let name = source.tokenEnv {
            guard let token = environment[name], !token.isEmpty else { return .missing("\(name) is not set: no token to send") }
            return .header("Bearer \(token)")
        }
        if let basic = source.basicAuth {
            guard let user = environment[basic.userEnv], let password = environment[basic.passwordEnv] else {
                return .missing("\(basic.userEnv) or \(basic.passwordEnv) is not set: no credentials to send")
            }
            return .header("Basic \(Data("\(user):\(password)".utf8).base64EncodedString())")
        }
        return .none
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

struct DeadlineExceeded: Error {}

/// Runs `body`, giving up after `seconds` (a server that answers slowly byte by byte can outlast URLSession's timeout).
func withDeadline<T: Sendable>(_ seconds: TimeInterval, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            throw DeadlineExceeded()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// A mutable value shared with a task that is awaited before it is read.
final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

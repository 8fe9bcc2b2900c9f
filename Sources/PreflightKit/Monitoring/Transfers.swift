import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Collects the bodies of a session's data tasks, giving up on any that grows past `maxBytes`, and lets a caller
/// wait for them until a deadline. It never cancels a task itself.
final class Transfers: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Outcome {
        /// The whole body, and the HTTP status when the answer was HTTP.
        case received(Data, status: Int?)
        case tooLarge
        case failed(any Error)
    }

    private let maxBytes: Int
    private let condition = NSCondition()
    private var bodies: [Int: Data] = [:]
    private var outcomes: [Int: Outcome] = [:]

    init(maxBytes: Int) { self.maxBytes = maxBytes }

    /// Waits until every task of `identifiers` has ended, or `deadline` has passed.
    func wait(for identifiers: [Int], until deadline: Date) {
        condition.lock()
        defer { condition.unlock() }
        while identifiers.contains(where: { outcomes[$0] == nil }) {
            guard condition.wait(until: deadline) else { return }
        }
    }

    /// How the task ended; nil while it runs.
    func outcome(of identifier: Int) -> Outcome? {
        condition.lock()
        defer { condition.unlock() }
        return outcomes[identifier]
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        condition.lock()
        defer { condition.unlock() }
        let identifier = dataTask.taskIdentifier
        guard outcomes[identifier] == nil else { return }
        bodies[identifier, default: Data()].append(data)
        if bodies[identifier]!.count > maxBytes {
            // What still arrives is dropped: cancelling the task from here can crash Foundation's task registry
            // (a fatal error in 1 run of 17), and the session ends it within its resource timeout anyway.
            bodies[identifier] = nil
            outcomes[identifier] = .tooLarge
            condition.broadcast()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        let identifier = task.taskIdentifier
        guard outcomes[identifier] == nil else { return }
        outcomes[identifier] = error.map(Outcome.failed)
            ?? .received(bodies[identifier] ?? Data(), status: (task.response as? HTTPURLResponse)?.statusCode)
        bodies[identifier] = nil
        condition.broadcast()
    }
}

import Foundation
import Synchronization

/// Runs git read-only on a repository. Repository config that could run programs (fsmonitor, pagers) is disabled.
struct Git: Sendable {
    let directory: URL

    struct Failure: Error { let message: String }

    func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path, "-c", "core.fsmonitor=false", "-c", "core.quotePath=false",
                             "-c", "safe.directory=*", "--no-pager"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        // waitUntilExit() polls a run loop every 50 ms on Linux; a termination handler wakes us at once.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch { throw Failure(message: "cannot run git: \(error.localizedDescription)") }
        // Drain stderr on another thread so a chatty git cannot block on a full pipe while we read stdout.
        let message = Mutex(Data())
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            message.withLock { $0 = data }
            drained.signal()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        exited.wait()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message.withLock { $0 }, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(message: text.isEmpty ? "git \(arguments.first ?? "") failed" : text)
        }
        return data
    }

    func text(_ arguments: [String]) throws -> String {
        String(decoding: try run(arguments), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

import Foundation
import Synchronization

/// A program run to its end, with what it wrote to standard output and standard error.
package struct ChildProcess: Sendable {
    package let status: Int32
    /// True when a signal ended the program, `status` then being the signal's number.
    package let signaled: Bool
    package let output: Data
    package let errors: Data

    /// Runs `executable` with standard input from /dev/null; one still running after `timeout` seconds is killed.
    ///
    /// Both output pipes are drained at once, so a chatty program cannot block on a full pipe, and closed here:
    /// Foundation on Linux leaves a pipe's read end open after the run, two descriptors lost per call. Leaked
    /// descriptors are worse than waste there: once /proc/self/fd lists about 1,300 of them, `Process.run()` can
    /// read past its directory buffer and crash (swift-corelibs-foundation#5472).
    package static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                            currentDirectory: URL? = nil, timeout: TimeInterval? = nil) throws -> ChildProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        defer {
            try? output.fileHandleForReading.close()
            try? errors.fileHandleForReading.close()
        }
        // waitUntilExit() polls a run loop every 50 ms on Linux; a termination handler wakes us at once.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let pid = process.processIdentifier
        let deadline = timeout.map { seconds in
            let killer = DispatchWorkItem { _ = kill(pid, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: killer)
            return killer
        }
        let errorData = Mutex(Data())
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            errorData.withLock { $0 = data }
            drained.signal()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        exited.wait()
        deadline?.cancel()
        return ChildProcess(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                            output: outputData, errors: errorData.withLock { $0 })
    }
}

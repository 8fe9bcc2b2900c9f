import Foundation
import PreflightKit

/// What a program run by `run` did.
public struct RunResult: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
}

/// Runs a program to its end; one still running after `timeout` seconds is killed (status 137).
@discardableResult
public func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil,
                timeout: TimeInterval = 300) throws -> RunResult {
    let result = try ChildProcess.run(URL(fileURLWithPath: executable), arguments,
                                      environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
                                      currentDirectory: currentDirectory.map { URL(fileURLWithPath: $0) }, timeout: timeout)
    return RunResult(status: result.signaled ? 128 + result.status : result.status,
                     output: String(decoding: result.output, as: UTF8.self),
                     errors: String(decoding: result.errors, as: UTF8.self))
}

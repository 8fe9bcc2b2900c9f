import Foundation
import PreflightKit
import PreflightReport

/// Where `gate` writes its reports: standard output, one file (`--output`) or a directory (`--output-dir`).
/// Made before the gate runs, so that a target that cannot be written stops it before any verdict is printed.
struct ReportDestination {
    private enum Target {
        case standardOutput
        case file(String)
        case directory(String)
    }

    private let target: Target

    /// Checks that the file's directory, or the output directory (created when missing), can be written.
    init(output: String?, outputDir: String?) throws {
        if let outputDir {
            do {
                try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
            } catch {
                throw PreflightError.unwritable(path: outputDir, reason: "the directory cannot be created: \(Self.reason(error))")
            }
            try Self.checkWritable(directory: outputDir, for: outputDir)
            target = .directory(outputDir)
        } else if let output {
            let directory = (output as NSString).deletingLastPathComponent
            try Self.checkWritable(directory: directory.isEmpty ? "." : directory, for: output)
            target = .file(output)
        } else {
            target = .standardOutput
        }
    }

    var isStandardOutput: Bool {
        if case .standardOutput = target { return true }
        return false
    }

    /// Writes each rendered report to its file; standard output is left to the caller, which prints it last.
    func write(_ reports: [(ReportFormat, String)]) throws {
        for (format, report) in reports {
            switch target {
            case .standardOutput: break
            case .file(let path): try Self.write(report, to: path)
            case .directory(let directory): try Self.write(report, to: (directory as NSString).appendingPathComponent(format.fileName))
            }
        }
    }

    /// "Reports written to DIR: readiness.txt, readiness.json", for the job log.
    func describe(_ formats: [ReportFormat]) -> String {
        switch target {
        case .standardOutput: return ""
        case .file(let path): return "Report written to \(path)"
        case .directory(let directory): return "Reports written to \(directory): \(formats.map(\.fileName).joined(separator: ", "))"
        }
    }

    private static func write(_ report: String, to path: String) throws {
        do {
            try report.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw PreflightError.unwritable(path: path, reason: reason(error))
        }
    }

    private static func checkWritable(directory: String, for path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw PreflightError.unwritable(path: path, reason: "no such directory: \(directory)")
        }
        guard isDirectory.boolValue else { throw PreflightError.unwritable(path: path, reason: "\(directory) is not a directory") }
        guard access(directory, W_OK) == 0 else {
            throw PreflightError.unwritable(path: path, reason: "\(directory) is not writable: \(String(cString: strerror(errno)))")
        }
    }

    static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain, let message = strerror(Int32(underlying.code)) {
            return String(cString: message)
        }
        return error.localizedDescription
    }
}

/// GitHub Actions' job summary (`GITHUB_STEP_SUMMARY`), opened for appending before the gate runs.
struct StepSummary {
    let path: String
    private let handle: FileHandle

    /// Nil outside GitHub Actions; throws when the file the runner names cannot be opened for appending.
    static func open(environment: [String: String]) throws -> StepSummary? {
        guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return nil }
        let descriptor = Foundation.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw PreflightError.unwritable(path: path, reason: "GITHUB_STEP_SUMMARY cannot be opened for appending: "
                                            + "\(String(cString: strerror(errno))) (--no-step-summary skips it)")
        }
        return StepSummary(path: path, handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
    }

    func append(_ markdown: String) throws {
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((markdown + "\n").utf8))
        } catch {
            throw PreflightError.unwritable(path: path, reason: "GITHUB_STEP_SUMMARY: \(ReportDestination.reason(error))")
        }
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// Running git and other programs: real processes, real pipes.
@Suite struct ChildProcessTests {
    static func openDescriptors() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
    }

    /// CI crashed in `Process.run()` once the test process held about 1,300 leaked pipe ends (two per git call).
    /// Other tests open descriptors meanwhile, so the bound is loose; the leak was 600 over these 300 calls.
    @Test func gitRunsLeaveNoDescriptorsOpen() throws {
        let repo = try TemporaryDirectory()
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        let git = Git(directory: URL(fileURLWithPath: repo.path))
        _ = try git.text(["rev-parse", "HEAD"])   // Foundation's first run opens descriptors it keeps
        let before = try Self.openDescriptors()
        for _ in 0..<300 { #expect(try git.text(["rev-parse", "HEAD"]).count == 40) }
        #expect(try Self.openDescriptors() - before < 150)
    }

    /// Output larger than a pipe holds, on both streams at once, cannot deadlock the reader.
    @Test func bothStreamsAreDrainedTogether() throws {
        let script = "head -c 1000000 /dev/zero >&2; head -c 2000000 /dev/zero; echo done >&2"
        let result = try ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], timeout: 60)
        #expect(result.status == 0 && !result.signaled)
        #expect(result.output.count == 2_000_000)
        #expect(result.errors.count == 1_000_005)
    }

    @Test func aProgramPastItsTimeoutIsKilled() throws {
        let start = Date()
        let result = try ChildProcess.run(URL(fileURLWithPath: "/bin/sleep"), ["30"], timeout: 0.5)
        #expect(result.signaled && result.status == SIGKILL)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func gitFailuresCarryGitsOwnMessage() throws {
        let directory = try TemporaryDirectory()
        let failure = #expect(throws: Git.Failure.self) {
            try Git(directory: URL(fileURLWithPath: directory.path)).text(["rev-parse", "HEAD"])
        }
        #expect(failure?.message.contains("not a git repository") == true)
    }
}

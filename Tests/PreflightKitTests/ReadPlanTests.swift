import Foundation
import Testing
@testable import PreflightKit

/// What the gate reads, watched with strace: a file no rule selects is never opened, a file several rules read is
/// opened once, a binary file is refused after its first 8 KiB and a file over the size limit is never read.
@Suite struct ReadPlanTests {
    static let rubric = oneSectionRubric([
        #"{ id: a, title: a, why: w, how: h, automated: { files: ["src/**/*.py"], contains: "import pandera" } }"#,
        #"{ id: b, title: b, why: w, how: h, automated: { files: ["src/**"], contains: "seed\\s*=" } }"#,
        #"{ id: c, title: c, why: w, how: h, automated: { files: ["**/*.py"], contains: "never_present_here" } }"#,
        #"{ id: d, title: d, why: w, how: h, automated: { files: ["**/*.csv"], contains: "amount" } }"#,
    ], id: "reads")

    /// Bytes read and times opened, per file of the repository.
    struct Reads {
        var opened: [String: Int] = [:]
        var bytes: [String: Int] = [:]
    }

    @Test func eachFileIsReadAsLittleAsItsRulesNeed() throws {
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", Self.rubric)
        try repo.write("src/model.py", "import pandera\nseed = 1\n")
        try repo.write("docs/notes.txt", "import pandera\nseed = 1\n")
        try repo.write("data/table.csv", "amount,label\n1,0\n")
        try repo.write("src/blob.py", "\0" + String(repeating: "a", count: 1 << 20))
        try repo.write("src/huge.py", String(repeating: "seed = 1\n", count: (5 << 20) / 9))
        try repo.commitAll()

        let trace = repo.path + "/../strace-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let result = try run("/usr/bin/env", ["strace", "-f", "-qq", "-y", "-e", "trace=openat,read", "-o", trace,
                                              CLITests.binary, "gate", repo.path, "--rubric", repo.path + "/rubric.yaml", "--format", "json"])
        #expect(result.status == 0 || result.status == 1, "\(result.errors)")
        let reads = try Self.reads(in: String(contentsOfFile: trace, encoding: .utf8), under: repo.url.resolvingSymlinksInPath().path + "/")

        #expect(reads.opened["src/model.py"] == 1, "three rules select it: \(reads.opened)")
        #expect(reads.bytes["src/model.py"] == 24)
        #expect(reads.opened["docs/notes.txt"] == nil, "no rule selects it")
        #expect(reads.opened["data/table.csv"] == nil, "data files are skipped by content rules")
        #expect((reads.bytes["src/blob.py"] ?? 0) <= RepositoryReader.sniffBytes, "binary: \(reads.bytes["src/blob.py"] ?? 0) bytes read")
        #expect(reads.bytes["src/huge.py"] == nil, "over the size limit")
        // The evidence still counts the selected files that were skipped.
        #expect(result.output.contains("1 files searched, 2 skipped as data, binary or too large"), "\(result.output)")
    }

    /// The trace reader itself: padded and unpadded pids, calls split across lines by another thread, failed calls.
    @Test func readsSplitAndPaddedStraceLines() {
        let trace = """
            812   openat(AT_FDCWD</w>, "/r/a.py", O_RDONLY) = 4</r/a.py>
            12345 openat(AT_FDCWD</w>, "/r/b.py", O_RDONLY <unfinished ...>
            812   read(4</r/a.py>, "x", 9) = 9
            12345 <... openat resumed>) = 5</r/b.py>
            812   read(5</r/b.py>,  <unfinished ...>
            12345 openat(AT_FDCWD</w>, "/r/gone.py", O_RDONLY) = -1 ENOENT (No such file or directory)
            812   <... read resumed>"yy", 4096) = 2
            812   openat(AT_FDCWD</w>, "/etc/passwd", O_RDONLY) = 6</etc/passwd>
            """
        let reads = Self.reads(in: trace, under: "/r/")
        #expect(reads.opened == ["a.py": 1, "b.py": 1])
        #expect(reads.bytes == ["a.py": 9, "b.py": 2])
    }

    /// Sums `openat` and `read` per repository file from `strace -f -y` output, where a call one thread began may
    /// end on a later line ("<... read resumed>").
    static func reads(in trace: String, under root: String) -> Reads {
        var reads = Reads()
        var pending: [Substring: (call: String, path: String)] = [:]   // pid → its unfinished call on a repository file
        func finish(_ call: String, _ path: String, _ line: Substring) {
            let result = Self.returned(line)
            guard result >= 0 else { return }
            if call == "openat" { reads.opened[path, default: 0] += 1 } else { reads.bytes[path, default: 0] += result }
        }
        for line in trace.split(separator: "\n") {
            let pid = line.prefix { $0 != " " }
            let text = line.drop { $0 != " " }.drop { $0 == " " }   // strace pads the pid column
            if let resumed = ["openat", "read"].first(where: { text.hasPrefix("<... \($0) resumed>") }) {
                if let started = pending.removeValue(forKey: pid), started.call == resumed { finish(resumed, started.path, text) }
                continue
            }
            // openat names the file in its quoted argument, read in the annotation of its descriptor.
            let call: String, opener: String
            if text.hasPrefix("openat(") { (call, opener) = ("openat", "\"") } else if text.hasPrefix("read(") { (call, opener) = ("read", "<") } else { continue }
            guard let path = Self.path(in: text, under: root, opener: opener) else { continue }
            if text.hasSuffix("<unfinished ...>") { pending[pid] = (call, path) } else { finish(call, path, text) }
        }
        return reads
    }

    /// The repository-relative path after `opener` (`"` or `<`), if it is under `root`.
    private static func path(in text: Substring, under root: String, opener: String) -> String? {
        let closer: Character = opener == "<" ? ">" : "\""
        guard let start = text.range(of: opener + root), let end = text[start.upperBound...].firstIndex(of: closer) else { return nil }
        return String(text[start.upperBound..<end])
    }

    /// The call's result: the number after its last `=` (before a descriptor's `<path>`), -1 for an error.
    private static func returned(_ call: Substring) -> Int {
        let result = call.split(separator: "=").last?.drop { $0 == " " } ?? ""
        return Int(result.prefix { $0 == "-" || $0.isNumber }) ?? -1
    }
}

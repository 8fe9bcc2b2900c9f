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

    /// Sums `openat` and `read` per repository file from `strace -f -y` output, where a call one thread began may
    /// end on a later line ("<... read resumed>").
    static func reads(in trace: String, under root: String) -> Reads {
        var reads = Reads()
        var pending: [Substring: String] = [:]   // pid → path of its unfinished read
        for line in trace.split(separator: "\n") {
            let pid = line.prefix { $0 != " " }
            let call = line.drop { $0 != " " }.dropFirst()
            if call.hasPrefix("openat("), let path = Self.path(in: call.split(separator: "=").last ?? "", under: root) {
                reads.opened[path, default: 0] += 1
            } else if call.hasPrefix("read(") {
                guard let path = Self.path(in: call, under: root) else { continue }
                if call.hasSuffix("<unfinished ...>") { pending[pid] = path; continue }
                reads.bytes[path, default: 0] += Self.returned(call)
            } else if call.hasPrefix("<... read resumed>"), let path = pending.removeValue(forKey: pid) {
                reads.bytes[path, default: 0] += Self.returned(call)
            }
        }
        return reads
    }

    /// The repository-relative path strace shows in angle brackets after a descriptor, if it is under `root`.
    private static func path(in text: Substring, under root: String) -> String? {
        guard let start = text.range(of: "<" + root), let end = text[start.upperBound...].firstIndex(of: ">") else { return nil }
        return String(text[start.upperBound..<end])
    }

    private static func returned(_ call: Substring) -> Int {
        Int(call.split(separator: "=").last?.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") ?? 0
    }
}

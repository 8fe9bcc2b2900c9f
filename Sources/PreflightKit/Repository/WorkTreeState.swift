import Foundation

/// Whether what a gate reads is the commit checked out: what a signed statement may name the commit for.
package enum WorkTreeState {
    /// The tracked paths changed from the commit (staged or not), and those of `inputs` (files the gate reads whether
    /// tracked or not: preflight.yaml, the ledgers) that exist but are not tracked; nil when git cannot tell. Other
    /// untracked files (reports, the history database) are no evidence and do not count.
    package static func changes(at directory: URL, inputs: [String]) -> [String]? {
        let git = Git(directory: directory)
        guard let output = try? git.run(["status", "--porcelain=v1", "--untracked-files=no"]) else { return nil }
        var changed = String(decoding: output, as: UTF8.self).split(separator: "\n").map { String($0.dropFirst(3)) }
        let present = inputs.filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
        if !present.isEmpty {
            guard let tracked = try? git.run(["ls-files", "-z", "--"] + present) else { return nil }
            let known = Set(tracked.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
            changed += present.filter { !known.contains($0) }
        }
        return changed
    }
}

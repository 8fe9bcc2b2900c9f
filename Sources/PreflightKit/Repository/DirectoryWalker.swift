import Foundation

/// Lists a directory that is not a git checkout, honouring the .gitignore files it contains.
/// Symlinked directories are not followed; `.git` directories are skipped.
struct DirectoryWalker {
    let root: URL
    var maxFiles = 1_000_000

    func walk() throws -> (files: [String], notes: [String]) {
        var files: [String] = [], notes: [String] = []
        var rules = IgnoreRules()
        var pending = [""]
        let manager = FileManager.default
        let reader = RepositoryReader(root: root)
        while let directory = pending.popLast() {
            let absolute = directory.isEmpty ? root.path : root.appendingPathComponent(directory).path
            guard let names = try? manager.contentsOfDirectory(atPath: absolute) else {
                if directory.isEmpty { throw PreflightError.repository(path: root.path, reason: "directory is not readable") }
                notes.append("\(directory): skipped, directory not readable")
                continue
            }
            let prefix = directory.isEmpty ? "" : directory + "/"
            // Through the confined reader: a .gitignore that is a FIFO or a symlink out of the root is not read.
            if names.contains(".gitignore") {
                switch reader.read(prefix + ".gitignore") {
                case .text(let text): rules.add(contents: text, base: prefix)
                case .skipped(let reason), .failed(let reason): notes.append("\(prefix).gitignore: not read, \(reason)")
                }
            }
            for name in names.sorted() where name != ".git" {
                let path = prefix + name
                var info = stat()
                guard lstat(absolute + "/" + name, &info) == 0 else { continue }
                let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                if rules.isIgnored(path, isDirectory: isDirectory) { continue }
                if isDirectory {
                    pending.append(path)
                } else {
                    files.append(path)
                    if files.count > maxFiles {
                        throw PreflightError.repository(path: root.path, reason: "more than \(maxFiles) files")
                    }
                }
            }
        }
        return (files, notes)
    }
}

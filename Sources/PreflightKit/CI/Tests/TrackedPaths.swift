/// The tracked files of a repository, sorted, with the look-ups a test collector makes: whether a path is a tracked
/// file or a directory holding one, and the files below a directory (a binary search for the range, not a scan).
struct TrackedPaths {
    let files: [String]

    init(sorted files: [String]) { self.files = files }

    func isFile(_ path: String) -> Bool {
        let index = lowerBound { $0 < path }
        return index < files.count && files[index] == path
    }

    /// A directory is known by the tracked files below it; "" is the repository root.
    func isDirectory(_ path: String) -> Bool { !below(path).isEmpty }

    func exists(_ path: String) -> Bool { isFile(path) || isDirectory(path) }

    /// The files below `directory` ("" for all).
    func below(_ directory: String) -> ArraySlice<String> {
        guard !directory.isEmpty else { return files[...] }
        let prefix = directory + "/"
        let start = lowerBound { $0 < prefix }
        let end = lowerBound { $0 < prefix || $0.hasPrefix(prefix) }
        return files[start..<max(start, end)]
    }

    /// The first index whose file is not `before` (files sorted, `before` true on a prefix of them).
    private func lowerBound(_ before: (String) -> Bool) -> Int {
        var low = 0, high = files.count
        while low < high {
            let middle = (low + high) / 2
            if before(files[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// What a collector adds to the paths of the execution graph: names, ancestors, relative forms.
extension RepositoryPath {
    static func parent(_ path: String) -> String { directory(of: path) }

    static func name(_ path: String) -> Substring {
        guard let slash = path.lastIndex(of: "/") else { return path[...] }
        return path[path.index(after: slash)...]
    }

    /// `path` relative to `directory`, which holds it ("" when they are the same).
    static func relative(_ path: String, to directory: String) -> String {
        guard !directory.isEmpty else { return path }
        return path == directory ? "" : String(path.dropFirst(directory.count + 1))
    }

    static func commonAncestor(_ paths: [String]) -> String {
        guard var common = paths.first?.split(separator: "/") else { return "" }
        for path in paths.dropFirst() {
            let segments = path.split(separator: "/")
            var count = 0
            while count < min(common.count, segments.count), common[count] == segments[count] { count += 1 }
            common = Array(common.prefix(count))
        }
        return common.joined(separator: "/")
    }

    /// `directory` and each directory above it, up to the root (""), nearest first.
    static func upward(from directory: String) -> [String] {
        var result = [directory]
        var current = directory
        while !current.isEmpty {
            current = parent(current)
            result.append(current)
        }
        return result
    }
}

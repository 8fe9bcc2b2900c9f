/// What the Python probes (`imports`, `calls`, and `ci`'s `imports`/`calls`) decode alike: the dotted names they look
/// for, and the files they read with whether only code CI runs counts.
enum PythonProbeFields {
    /// The dotted names under `key`: at least one; with `patterns`, `*.name` and `*part*` too.
    static func names<Key: CodingKey>(_ decoder: any Decoder, _ key: Key, patterns: Bool) throws -> [String] {
        let names = try decoder.container(keyedBy: Key.self).decode([String].self, forKey: key)
        guard !names.isEmpty else { throw decoder.fail("\(key.stringValue) needs at least one name", key: key) }
        for name in names where !PythonName.isDotted(name, anyReceiver: patterns) {
            throw decoder.fail("'\(name)' is not a dotted Python name\(patterns ? " (or *.name, *part*)" : "")", key: key)
        }
        return names
    }

    /// The files under `in` (required) and `reached`.
    static func scope<Key: CodingKey>(_ decoder: any Decoder, files: Key, reached: Key, probe: String) throws -> (GlobSet, Bool) {
        let container = try decoder.container(keyedBy: Key.self)
        guard container.contains(files) else { throw decoder.fail("\(probe) needs in: the files to read", key: files) }
        return (try container.decodeGlobs(forKey: files, parameters: decoder.parameters),
                try container.decodeStrictBool(forKey: reached) ?? false)
    }
}

/// The import statements of a Python file, read fast from its lines for following imports across a repository:
/// a statement starts a line (after its indentation) outside a triple-quoted string, and runs on through brackets
/// and backslashes. Strings and comments on a line are told apart from code as the tokenizer does; what a full
/// reading needs (calls, functions) is `PythonFacts`.
enum PythonImportLines {
    /// At most this many imports are kept from one file.
    static let maxImports = 2_000

    static func imports(_ text: String) -> [PythonFacts.Import] {
        var text = text
        return text.withUTF8 { read(Array($0)) }
    }

    private static func read(_ bytes: [UInt8]) -> [PythonFacts.Import] {
        var imports: [PythonFacts.Import] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        /// The quote byte of the triple-quoted string the scan is inside, or 0.
        var triple: UInt8 = 0
        while index < bytes.count, imports.count < maxImports {
            // One physical line: from `index` to its newline.
            var end = index
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            if triple == 0 {
                var start = index
                while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
                if startsWord(bytes, start, end, "import") || startsWord(bytes, start, end, "from") {
                    // The statement, joined over brackets and backslashes, read by the tokenizer.
                    var stop = end
                    var depth = 0
                    var cursor = start
                    var lines = 0
                    while cursor < bytes.count {
                        let byte = bytes[cursor]
                        if byte == 0x28 { depth += 1 } else if byte == 0x29 { depth = max(0, depth - 1) }
                        if byte == 0x23 { while cursor < bytes.count, bytes[cursor] != 0x0A { cursor += 1 }; continue }
                        if byte == 0x0A {
                            let continued = cursor > 0 && bytes[cursor - 1] == 0x5C
                            guard depth > 0 || continued, lines < 200 else { stop = cursor; break }
                            lines += 1
                        }
                        cursor += 1
                        stop = cursor
                    }
                    let statement = String(decoding: bytes[start..<stop], as: UTF8.self)
                    var reader = PythonFactReader()
                    reader.read(statement, firstLine: line)
                    imports += reader.facts(problems: []).imports
                    for byte in bytes[end..<min(stop, bytes.count)] where byte == 0x0A { line += 1 }
                    index = stop
                    if index < bytes.count, bytes[index] == 0x0A { index += 1; line += 1 }
                    continue
                }
            }
            triple = tripleState(bytes, index, end, triple)
            index = end + 1
            line += 1
        }
        return imports
    }

    private static func startsWord(_ bytes: [UInt8], _ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end - start > count else { return false }
        let pointer = word.utf8Start
        for offset in 0..<count where bytes[start + offset] != pointer[offset] { return false }
        let next = bytes[start + count]
        return next == 0x20 || next == 0x09 || next == 0x28 || next == 0x5C
    }

    /// Whether the line leaves the scan inside a triple-quoted string: quotes on the line are followed in order,
    /// single-quoted strings and comments skipped.
    private static func tripleState(_ bytes: [UInt8], _ start: Int, _ end: Int, _ state: UInt8) -> UInt8 {
        var triple = state
        var index = start
        while index < end {
            let byte = bytes[index]
            if triple != 0 {
                if byte == 0x5C { index += 2; continue }
                if byte == triple, index + 2 < end, bytes[index + 1] == triple, bytes[index + 2] == triple {
                    triple = 0
                    index += 3
                    continue
                }
                index += 1
                continue
            }
            if byte == 0x23 { return 0 }
            if byte == 0x22 || byte == 0x27 {
                if index + 2 < bytes.count, bytes[index + 1] == byte, bytes[index + 2] == byte {
                    triple = byte
                    index += 3
                    continue
                }
                // A one-line string: to its closing quote on this line.
                index += 1
                while index < end, bytes[index] != byte { index += bytes[index] == 0x5C ? 2 : 1 }
            }
            index += 1
        }
        return triple
    }
}

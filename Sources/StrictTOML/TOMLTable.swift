/// A table while a TOML document is being parsed, with how it was defined: TOML lets a table be defined once, by a
/// header or by dotted keys in one section, and never extended after an inline table or array closed it.
final class TOMLTable {
    enum Origin: Equatable {
        /// Created on the way to another table (`a` for `[a.b]`); may still be defined.
        case implicit
        /// Defined by a `[header]` or as an element of an array of tables.
        case header
        /// Defined by dotted keys (`a.b = 1`) in one section of the document (a header's lines, or one inline table).
        case dotted(section: Int)
    }

    enum Entry {
        case table(TOMLTable)
        case tables(TOMLTableArray)
        /// A scalar, array or inline table: complete, never extended.
        case value(TOMLNode)
    }

    var origin: Origin
    let line: Int
    let depth: Int
    private(set) var keys: [String] = []
    private(set) var entries: [String: Entry] = [:]

    init(origin: Origin, line: Int, depth: Int) {
        self.origin = origin
        self.line = line
        self.depth = depth
    }

    subscript(key: String) -> Entry? { entries[key] }

    func add(_ key: String, _ entry: Entry) {
        keys.append(key)
        entries[key] = entry
    }

    var node: TOMLNode {
        .table(keys.map { key in
            switch entries[key]! {
            case .table(let table): return (key, table.node)
            case .tables(let array): return (key, .array(array.tables.map(\.node), line: array.line))
            case .value(let value): return (key, value)
            }
        }, line: line)
    }
}

/// An array of tables (`[[name]]`): each header appends a table.
final class TOMLTableArray {
    let line: Int
    var tables: [TOMLTable] = []

    init(line: Int) { self.line = line }
}

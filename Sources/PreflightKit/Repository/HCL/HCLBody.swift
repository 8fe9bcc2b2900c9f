/// The content of one HCL body, shaped as Terraform's JSON syntax writes the same configuration: an attribute is a
/// key; blocks of one type are one key, with a nested map per label (`resource "a" "b" {…}` is
/// `resource.a.b`) and the body at the end, where blocks repeated with the same type and labels are a list of
/// bodies. Keys keep the order they first appear in.
struct HCLBody {
    private struct Block {
        var labels: [String]
        var body: DataNode
        var line: Int
    }

    private enum Item {
        case attribute(String, DataNode)
        /// Blocks of one type and number of labels, as an index into `groups`.
        case blocks(Int)
    }

    private var items: [Item] = []
    private var groups: [(type: String, blocks: [Block])] = []
    private var groupOf: [String: Int] = [:]
    private var attributeLines: [String: Int] = [:]

    /// Adds an attribute; when the body already has one of that name, adds nothing and gives the line of the first.
    mutating func add(attribute name: String, _ value: DataNode, line: Int) -> Int? {
        if let first = attributeLines[name] { return first }
        attributeLines[name] = line
        items.append(.attribute(name, value))
        return nil
    }

    mutating func add(block type: String, labels: [String], body: DataNode, line: Int) {
        // Blocks of one type with different numbers of labels cannot share one shape: each count is its own key.
        let key = "\(labels.count):\(type)"
        if let group = groupOf[key] {
            groups[group].blocks.append(Block(labels: labels, body: body, line: line))
        } else {
            groupOf[key] = groups.count
            items.append(.blocks(groups.count))
            groups.append((type, [Block(labels: labels, body: body, line: line)]))
        }
    }

    func node(line: Int) -> DataNode {
        .map(items.map { item in
            switch item {
            case .attribute(let name, let value): return (name, value)
            case .blocks(let group): return (groups[group].type, Self.nest(groups[group].blocks[...], level: 0))
            }
        }, line: line)
    }

    /// Blocks sharing their first `level` labels: a map by the next label, else their body or a list of bodies.
    private static func nest(_ blocks: ArraySlice<Block>, level: Int) -> DataNode {
        let first = blocks[blocks.startIndex]
        guard level < first.labels.count else {
            return blocks.count == 1 ? first.body : .list(blocks.map(\.body), line: first.line)
        }
        var order: [String] = []
        var members: [String: [Block]] = [:]
        for block in blocks {
            let label = block.labels[level]
            if members[label] == nil { order.append(label) }
            members[label, default: []].append(block)
        }
        return .map(order.map { ($0, nest(members[$0]![...], level: level + 1)) }, line: first.line)
    }
}

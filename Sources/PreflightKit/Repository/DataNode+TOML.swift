import StrictTOML

extension DataNode {
    /// A TOML document as the tree every structured format shares.
    init(_ toml: TOMLNode) {
        switch toml {
        case .table(let pairs, let line): self = .map(pairs.map { ($0.key, DataNode($0.value)) }, line: line)
        case .array(let items, let line): self = .list(items.map(DataNode.init), line: line)
        case .scalar(let text, let line): self = .scalar(text, line: line)
        }
    }
}

@testable import PreflightKit

extension DataNode {
    /// The tree in one line with every node's line, for exact comparisons: `{key: 'text'@3}@1`, `[…]@2`.
    var rendered: String {
        let at = line.map { "@\($0)" } ?? ""
        switch self {
        case .map(let pairs, _): return "{" + pairs.map { "\($0.key): \($0.value.rendered)" }.joined(separator: ", ") + "}" + at
        case .list(let items, _): return "[" + items.map(\.rendered).joined(separator: ", ") + "]" + at
        case .scalar(let text, _): return "'\(text)'" + at
        }
    }
}

/// A rubric of one section whose items are `items`, one YAML flow mapping each; scored as a plain sum, with
/// `policy.minimumScore: 0` so that only errors (and the policy flags a test passes) can block.
public func oneSectionRubric(_ items: [String], id: String = "test", section: String = "all") -> String {
    """
    version: 1
    id: \(id)
    title: \(id)
    scoring:
      levels: { automated: 1, manual: 0.5 }
      final: sum
      bands: [{ label: any }]
      production: [{ label: any }]
    policy: { minimumScore: 0 }
    sections:
      - id: \(section)
        title: \(section)
        items:
    \(items.map { "      - \($0)" }.joined(separator: "\n"))
    """
}

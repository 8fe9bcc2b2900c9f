import PreflightKit

extension PolicyCheck {
    /// For a failed check no waiver covers, how to waive it, or that nothing may: every report's ✗ line says it.
    var waiverHint: String? {
        guard !cleared else { return nil }
        if let target = waivableBy { return "waivable: \(target.command) …" }
        return "cannot be waived: the policy lists \(item ?? "it") as unwaivable"
    }
}

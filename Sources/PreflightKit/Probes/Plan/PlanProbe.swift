/// The team's monitoring plan (preflight.yaml's `monitoring:` or monitoring.yaml) covers an item, and holds on the
/// live Prometheus: every alert of the checks that cover it is loaded as generated, healthy, evaluated and quiet,
/// every planned segment has a series, every baseline has data.
///
/// ```yaml
/// plan: { covers: monitor-7 }                  # the plan's checks for monitor-7 hold live
/// plan: { covers: monitor-7, planned: false }  # no check of the plan covers monitor-7 (other evidence may decide)
/// ```
package struct PlanProbe: ProbeKind {
    package static let name = "plan"
    package static let selector = "plan"
    package static let documentation = ProbeDocumentation(
        examples: ["plan: { covers: monitor-7 }", "plan: { covers: monitor-7, planned: false }"],
        holdsWhen: "the repository's monitoring plan has checks covering the item, and on the live Prometheus of `sources.prometheus` each of their generated alerts is loaded as generated (name, model, expression, labels, `for:`), healthy, evaluated in the last 10 minutes and neither pending nor firing, every segment value the plan expects has a series under its label, and every `within` baseline has data; with `planned: false`, when no check of the plan covers the item. Not deployed, firing or a missing segment does not hold; no baseline yet is *not available*; an unreachable server is an error",
        remedy: "write the plan's checks for this item (see README, \"A monitoring plan\"), load `preflight monitoring rules` into Prometheus, and fix what `preflight monitoring check` reports")

    package var covers: String
    /// False: the probe asks that no check covers the item.
    package var planned: Bool

    enum CodingKeys: String, CodingKey, CaseIterable { case plan }

    package init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let settings = try decoder.container(keyedBy: CodingKeys.self).decode(Settings.self, forKey: .plan)
        covers = settings.covers
        planned = settings.planned
    }

    /// The mapping under `plan:`.
    private struct Settings: Decodable {
        var covers: String
        var planned: Bool

        enum CodingKeys: String, CodingKey, CaseIterable { case covers, planned }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            covers = try container.decode(String.self, forKey: .covers)
            planned = try container.decodeStrictBool(forKey: .planned) ?? true
            if try container.decodeStrictBool(forKey: .planned) == true {
                throw container.fail("planned: true is what the probe asks without it; leave it out", key: .planned)
            }
        }
    }

    package var summary: String {
        planned ? "the monitoring plan covers \(covers) and its alerts hold on the live Prometheus"
            : "no check of the monitoring plan covers \(covers)"
    }

    package func declareNeeds(into plan: inout EvidencePlan) { plan.checkMonitoringPlan() }
}

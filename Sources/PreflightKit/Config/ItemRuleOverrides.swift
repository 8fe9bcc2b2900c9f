/// preflight.yaml's own rules for items of its rubric, and items of its own, without copying the rubric:
///
/// ```yaml
/// items:
///   monitor-7:
///     automated: { plan: { covers: monitor-7 } }     # replaces the rubric's automated rule for this model
///     counts: { automated: "our quality alerts, deployed and quiet" }
///   model-5:
///     manual: { files: ["reports/baseline-*.md"] }
///   fraud-1:                                          # an item of this model's own, in a rubric section
///     section: monitor
///     title: Chargebacks are reconciled daily
///     automated: { ci: { scheduled: true, step: "reconcile" } }
/// ```
///
/// Read in a second pass once the rubric is known, so that `$name` globs expand with its parameters; each rule is
/// checked as a rubric's is, and located in preflight.yaml.
struct ItemRuleOverrides: Decodable {
    struct Override: Decodable {
        var automated: Rule?
        var manual: Rule?
        var counts: ItemCounts?
        /// For an item of the model's own: the section it joins, and its words.
        var section: String?
        var title: String?
        var why: String?
        var how: String?
        var location: SourceLocation?

        enum CodingKeys: String, CodingKey { case automated, manual, counts, section, title, why, how }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            section = try container.decodeIfPresent(String.self, forKey: .section)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            why = try container.decodeIfPresent(String.self, forKey: .why)
            how = try container.decodeIfPresent(String.self, forKey: .how)
            location = decoder.sourceLocation
            automated = try container.decodeIfPresent(Rule.self, forKey: .automated)
            manual = try container.decodeIfPresent(Rule.self, forKey: .manual)
            counts = try container.decodeIfPresent(ItemCounts.self, forKey: .counts)
            if automated?.acceptsAttestation == true {
                throw decoder.fail("an attestation earns only the manual level: move it from 'automated' to 'manual'", key: CodingKeys.automated)
            }
        }
    }

    var items: [String: Override]

    enum CodingKeys: String, CodingKey { case items }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.items), try !container.decodeNil(forKey: .items) else {
            items = [:]
            return
        }
        items = try container.decodeEachValue(Override.self, forKey: .items, collectingInto: decoder.errorCollector)
    }
}

extension Rubric {
    /// The rubric with preflight.yaml's item rules in place of its own; the same rubric when there are none. The
    /// content hash changes with them, so that scores under other rules are never compared as the same rubric's.
    public func applying(_ config: ModelConfig) throws -> Rubric {
        guard let text = config.text, let file = config.file, config.items.values.contains(where: \.overridesRules) else { return self }
        let document = try YAMLDocument(text: text, file: file)
        var values = parameters.mapValues(\.defaultValue)
        for (name, globs) in config.parameters { values[name] = globs }
        let overrides = try document.decode(ItemRuleOverrides.self, parameters: values).items
        var rubric = self
        for section in rubric.sections.indices {
            for index in rubric.sections[section].items.indices {
                guard let override = overrides[rubric.sections[section].items[index].id] else { continue }
                var item = rubric.sections[section].items[index]
                if let rule = override.automated { item.automated = rule }
                if let rule = override.manual { item.manual = rule }
                var counts = item.counts ?? ItemCounts()
                if override.automated != nil { counts.automated = override.counts?.automated ?? "this model's own rule (preflight.yaml)" }
                if override.manual != nil { counts.manual = override.counts?.manual ?? "this model's own rule (preflight.yaml)" }
                item.counts = counts
                rubric.sections[section].items[index] = item
            }
        }
        // The model's own items join their sections, in the order of their ids.
        let known = Set(rubric.items.map(\.id))
        for (id, override) in overrides.sorted(by: { $0.key < $1.key }) where !known.contains(id) {
            guard let sectionID = override.section, let title = override.title else { continue }   // `check` names it
            guard let section = rubric.sections.firstIndex(where: { $0.id == sectionID }) else {
                let hint = Suggestion.closest(to: sectionID, in: rubric.sections.map(\.id)).map { " (did you mean '\($0)'?)" }
                    ?? "; its sections: \(rubric.sections.map(\.id).joined(separator: ", "))"
                throw document.located([AnyKey(stringValue: "items"), AnyKey(stringValue: id), AnyKey(stringValue: "section")],
                                       "rubric '\(rubric.id)' has no section '\(sectionID)'\(hint)")
            }
            let counts = ItemCounts(automated: override.automated.map { _ in override.counts?.automated ?? "this model's own rule (preflight.yaml)" },
                                    manual: override.manual.map { _ in override.counts?.manual ?? "this model's own rule (preflight.yaml)" })
            rubric.sections[section].items.append(Item(id: id, title: title, why: override.why ?? title, how: override.how ?? title,
                                                       automated: override.automated, manual: override.manual, counts: counts,
                                                       location: override.location))
        }
        rubric.contentHash = ContentHash.of(contentHash + "\n" + document.text)
        rubric.contentDigest = ContentHash.sha256(contentDigest + "\n" + document.text)
        return rubric
    }
}

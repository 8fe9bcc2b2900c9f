import Foundation
// TemporaryDirectory and run(), shared with PreflightHistoryTests, for every file of this target.
@_exported import PreflightTestSupport
import Testing
@testable import PreflightKit

enum Fixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func rubric(_ name: String) -> URL { root.appendingPathComponent("rubrics/\(name)") }
}


extension Evidence {
    /// Evidence as the collector leaves it for a repository that holds only `files`, all empty: every path the
    /// probes list, no line matched, no key found, no pipeline, no CODEOWNERS, a history without changes.
    static func handBuilt(files: [String], for probes: [Probe], now: Date = Date()) -> Evidence {
        let plan = EvidencePlan(probes)
        var evidence = Evidence(now: now)
        for globs in plan.listed { evidence.paths[globs] = files.filter(globs.matches) }
        for query in plan.content { evidence.content[query] = ContentResult() }
        for globs in plan.keyNames.keys { evidence.documentPaths[globs] = [] }
        for globs in plan.reports.keys { evidence.reportPaths[globs] = [] }
        for globs in plan.ruleSets { evidence.ruleFilePaths[globs] = [] }
        for globs in plan.ownerSets { evidence.unowned[globs] = [] }
        let windows = plan.requests(for: GitHistorySource.self)
        evidence.record(SourceAnswers<GitHistorySource>(
            display: "git history", answers: Dictionary(uniqueKeysWithValues: windows.map { ($0, .success(GitHistory(lastChange: [:]))) })))
        return evidence
    }
}

extension Rubric {
    /// Every probe of every item, automated and manual.
    var allProbes: [Probe] { items.flatMap { [$0.automated, $0.manual].compactMap { $0 } }.flatMap(\.probes) }
}

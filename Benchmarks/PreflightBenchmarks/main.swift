import Foundation
import PreflightHistory
import PreflightKit

/// Benchmarks that need the engine in process. `swift run -c release preflight-benchmarks history [records]`
///
/// history: fills a database with `records` evaluations (default 100,000) across 100 models, then times what a user
/// and the gate do with it: the history table and the trend of one model, the baseline lookup, and recording.
@main
enum PreflightBenchmarks {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        switch arguments.first {
        case "history": try history(records: arguments.dropFirst().first.flatMap(Int.init) ?? 100_000)
        case "rubric":
            let first = Date()
            _ = try RubricLoader.load("ml-test-score")
            let cold = Date().timeIntervalSince(first)
            let warm = try median { _ = try RubricLoader.load("ml-test-score") }
            print(String(format: "load the bundled rubric: first %.1f ms, then median %.1f ms", cold * 1000, warm * 1000))
        default:
            FileHandle.standardError.write(Data("usage: preflight-benchmarks history [records] | rubric\n".utf8))
            exit(2)
        }
    }

    static func history(records count: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        let store = try SQLiteHistoryStore(path: path)
        let models = 100
        let fill = Date()
        for index in 0..<count {
            _ = try store.append(record(model: "model-\(index % models)", version: "1.\(index / models).0", index: index))
        }
        let fillSeconds = Date().timeIntervalSince(fill)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("filled \(count) records across \(models) models in \(String(format: "%.1f", fillSeconds)) s (\(size / 1_048_576) MiB)")

        let model = "model-42"
        var rows: [(String, Double)] = []
        rows.append(("history (one model, summaries)", try median { _ = try store.records(model: model, withItems: false) }))
        rows.append(("trend (one model)", try median {
            let records = try store.records(model: model, withItems: false)
            _ = records.map { ($0.label, $0.sections.map(\.points), $0.final) }
        }))
        rows.append(("baseline lookup (last approved, with items)", try median {
            _ = try store.lastApprovedWithoutWaivers(model: model, excludingVersion: "9.9.9")
        }))
        var extra = count
        rows.append(("a gate's history work (open, baseline, trend, record)", try median {
            let opened = try SQLiteHistoryStore(path: path)
            _ = try opened.lastApprovedWithoutWaivers(model: model, excludingVersion: nil)
            _ = try opened.records(model: model, withItems: false, last: 20)
            extra += 1
            _ = try opened.append(record(model: model, version: "2.\(extra).0", index: extra))
        }))
        print("")
        print("operation".padding(toLength: 58, withPad: " ", startingAt: 0) + "median ms (21 runs)")
        for (name, seconds) in rows { print(name.padding(toLength: 58, withPad: " ", startingAt: 0) + String(format: "%.2f", seconds * 1000)) }
        let json = rows.map { "\"\($0.0)\": \(String(format: "%.3f", $0.1 * 1000))" }.joined(separator: ", ")
        print("\n{\"records\": \(count), \"models\": \(models), \"medianMilliseconds\": {\(json)}}")
    }

    static func median(_ body: () throws -> Void) throws -> Double {
        try body()   // warm-up
        var times: [Double] = []
        for _ in 0..<21 {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.sorted()[times.count / 2]
    }

    static let sections = [("data", "Tests for Features and Data"), ("model", "Tests for Model Development"),
                           ("infra", "Tests for ML Infrastructure"), ("monitor", "Monitoring Tests for ML")]

    /// A record shaped like a real ML Test Score evaluation: four sections of seven items.
    static func record(model: String, version: String, index: Int) -> HistoryRecord {
        let items: [HistoryRecord.Item] = sections.flatMap { section, _ in
            (1...7).map { number -> HistoryRecord.Item in
                let points = Double((index + number) % 3) / 2
                return HistoryRecord.Item(id: "\(section)-\(number)", section: section, title: "Item \(number) of \(section)",
                                          points: points, maxPoints: 1, outcome: points > 0 ? .satisfied : .unsatisfied,
                                          level: points == 1 ? .automated : points > 0 ? .manual : nil,
                                          evidence: "3 lines match /pattern/ in $tests")
            }
        }
        let sectionScores: [HistoryRecord.Section] = sections.map { id, title in
            let points: Double = items.filter { $0.section == id }.map(\.points).reduce(0, +)
            return HistoryRecord.Section(id: id, title: title, points: points, maxPoints: 7)
        }
        let final: Double = sectionScores.map(\.points).min() ?? 0
        let total: Double = sectionScores.map(\.points).reduce(0, +)
        return HistoryRecord(id: nil, model: model, version: version, commit: String(format: "%040x", index), branch: "main",
                             time: Date(timeIntervalSince1970: 1_790_000_000 + Double(index) * 60), rubricID: "ml-test-score",
                             rubricHash: "0123456789abcdef", final: final, total: total,
                             maxTotal: 28, decision: index % 4 == 0 ? .blocked : .approved, rawDecision: .approved,
                             reasons: [], policy: .defaults, tool: "preflight bench", sections: sectionScores, items: items)
    }
}

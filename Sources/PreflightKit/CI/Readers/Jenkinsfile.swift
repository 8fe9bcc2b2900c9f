import Foundation

/// Reads a declarative or scripted Jenkinsfile line by line: shell steps, stage names and triggers.
enum Jenkinsfile: PipelineReader {
    static let system = CISystem.jenkins
    static let locations: GlobSet? = globs(["Jenkinsfile", "Jenkinsfile.*", "*.jenkinsfile", "*.Jenkinsfile"])
    static let readsText = true

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] { [parse(path: path, text: text)] }

    private static let shellStep = try! NSRegularExpression(pattern: #"^\s*(sh|bat|powershell|pwsh)\b"#)
    private static let stage = try! NSRegularExpression(pattern: #"^\s*stage\s*\("#)
    private static let cron = try! NSRegularExpression(pattern: #"\b(cron|parameterizedCron|pollSCM)\s*\("#)
    private static let changeRequest = try! NSRegularExpression(pattern: #"\bchangeRequest\s*\(|\bCHANGE_ID\b"#)

    static func parse(path: String, text: String) -> CIPipeline {
        var pipeline = CIPipeline(system: .jenkins, path: path)
        var script: (quote: String, lines: [String], line: Int)?
        var currentStage: String?
        var inComment = false
        for (index, rawLine) in text.components(separatedBy: "\n").enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if var open = script {
                if let end = line.range(of: open.quote) {
                    open.lines.append(String(line[..<end.lowerBound]))
                    pipeline.steps.append(CIStep(job: currentStage, text: open.lines.joined(separator: "\n"), line: open.line))
                    script = nil
                } else {
                    open.lines.append(line)
                    script = open
                }
                continue
            }
            if inComment {
                if line.contains("*/") { inComment = false }
                continue
            }
            if line.hasPrefix("/*") {
                inComment = !line.contains("*/")
                continue
            }
            if line.hasPrefix("//") || line.hasPrefix("*") { continue }
            if matches(stage, line) {
                currentStage = line
                pipeline.steps.append(CIStep(job: line, text: line, line: number, kind: .label))
            } else if matches(shellStep, line) {
                switch shellString(line) {
                case .whole(let command): pipeline.steps.append(CIStep(job: currentStage, text: command, line: number))
                case .opens(let quote, let first): script = (quote, first.isEmpty ? [] : [first], first.isEmpty ? number + 1 : number)
                case nil: break
                }
            }
            if matches(cron, line) { pipeline.scheduleLine = pipeline.scheduleLine ?? number }
            if matches(changeRequest, line) { pipeline.pullRequestLine = pipeline.pullRequestLine ?? number }
        }
        return pipeline
    }

    private enum ShellString {
        case whole(String)
        /// A triple-quoted string that goes on past this line, and its text on this line.
        case opens(quote: String, String)
    }

    /// The string an `sh` step runs: `sh 'x'`, `sh "x"`, `sh(script: 'x', …)`, `sh """` …
    private static func shellString(_ line: String) -> ShellString? {
        // The string is opened by whichever quote comes first: `sh 'pytest "tests"'` runs `pytest "tests"`.
        let found = ["\"\"\"", "'''", "\"", "'"].compactMap { quote in line.range(of: quote).map { (quote: quote, open: $0) } }
        guard let first = found.min(by: { $0.open.lowerBound < $1.open.lowerBound || $0.open.lowerBound == $1.open.lowerBound && $0.quote.count > $1.quote.count }) else {
            return nil
        }
        let rest = line[first.open.upperBound...]
        if let close = rest.range(of: first.quote) { return .whole(String(rest[..<close.lowerBound])) }
        return first.quote.count == 3 ? .opens(quote: first.quote, String(rest)) : .whole(String(rest))
    }

    private static func matches(_ regex: NSRegularExpression, _ line: String) -> Bool {
        regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }
}

extension CISystem {
    static let jenkins = CISystem(rawValue: "jenkins")
}

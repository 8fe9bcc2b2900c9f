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
        var insideScript = false
        var currentStage: String?
        for (index, rawLine) in text.components(separatedBy: "\n").enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.hasPrefix("//") || line.hasPrefix("*") || line.hasPrefix("/*") { continue }
            if insideScript {
                if line.contains("\"\"\"") || line.contains("'''") { insideScript = false }
                if !line.isEmpty { pipeline.steps.append(CIStep(job: currentStage, text: line, line: number)) }
                continue
            }
            if matches(stage, line) {
                currentStage = line
                pipeline.steps.append(CIStep(job: line, text: line, line: number))
            } else if matches(shellStep, line) {
                pipeline.steps.append(CIStep(job: currentStage, text: line, line: number))
                let quotes = line.components(separatedBy: "\"\"\"").count + line.components(separatedBy: "'''").count - 2
                insideScript = quotes % 2 == 1
            }
            if matches(cron, line) { pipeline.scheduleLine = pipeline.scheduleLine ?? number }
            if matches(changeRequest, line) { pipeline.pullRequestLine = pipeline.pullRequestLine ?? number }
        }
        return pipeline
    }

    private static func matches(_ regex: NSRegularExpression, _ line: String) -> Bool {
        regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }
}

extension CISystem {
    static let jenkins = CISystem(rawValue: "jenkins")
}

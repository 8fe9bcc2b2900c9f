/// Reads Azure Pipelines YAML (`azure-pipelines.yml`, `.pipelines/`, `.azure-pipelines/`), and pipelines kept
/// elsewhere, recognised by their shape. Script steps run; tasks and templates are used by identity; a
/// `condition: false` turns its step, job or stage off.
enum AzurePipelines: PipelineReader {
    static let system = CISystem.azurePipelines
    static let locations: GlobSet? = globs([
        "azure-pipelines*.yml", "azure-pipelines*.yaml", "/.azure-pipelines/**/*.y*ml", "/.pipelines/**/*.y*ml", "/azure-pipelines/**/*.y*ml",
    ])

    static func parse(path: String, text: String, documents: [DataNode]) -> [CIPipeline] {
        documents.map { parse(path: path, document: $0) }
    }

    static let scriptKeys = ["script", "bash", "pwsh", "powershell"]

    static func mayHold(_ text: String) -> Bool {
        ByteSearch.containsAny(text, ["- script:", "- task:", "- bash:"]) && ByteSearch.containsAny(text, ["steps:", "pool:"])
    }

    /// A file whose top level is Azure's (`trigger`, `pr`, `pool`, `stages`, `jobs`, `steps`, …) and whose steps
    /// are Azure steps.
    static func detect(path: String, document: DataNode) -> CIPipeline? {
        guard case .map(let pairs, _) = document, pairs.allSatisfy({ topLevelKeys.contains($0.key) }),
              pairs.contains(where: { ["stages", "jobs", "steps"].contains($0.key) }) else { return nil }
        let pipeline = parse(path: path, document: document)
        return pipeline.steps.contains { $0.kind == .run || $0.kind == .action } ? pipeline : nil
    }

    static let topLevelKeys: Set<String> = [
        "name", "trigger", "pr", "schedules", "resources", "variables", "parameters", "pool", "stages", "jobs", "steps",
        "extends", "appendCommitMessageToRunName", "lockBehavior",
    ]

    static func parse(path: String, document: DataNode) -> CIPipeline {
        var pipeline = CIPipeline(system: .azurePipelines, path: path)
        if let schedules = document["schedules"], !schedules.children.isEmpty {
            pipeline.scheduleLine = schedules.line
        }
        if let pr = document["pr"], pr.string != "none" {
            pipeline.pullRequestLine = pr.line
        }
        collectSteps(document, job: nil, disabled: false, into: &pipeline)
        pipeline.variables = variables(document)
        // `- template: vars.yml` in `variables:`, relative to this file (from the root with a leading `/`).
        for item in document["variables"]?.elements ?? [] {
            guard let template = item["template"]?.string, !template.contains("@") else { continue }
            let base = template.hasPrefix("/") ? "" : RepositoryPath.directory(of: path)
            if let file = RepositoryPath.join(base, template.hasPrefix("/") ? String(template.dropFirst()) : template) {
                pipeline.variableFiles.append(file)
            }
        }
        return pipeline
    }

    /// What a task runs by its inputs: an inline script (`AzureCLI`'s `inlineScript`, `Bash`'s and `CmdLine`'s
    /// `script`), or a script file (`scriptPath`, `filePath`) run with its `arguments`.
    private static func addTaskScript(_ inputs: DataNode, of task: String, job: String?, disabled: Bool, into pipeline: inout CIPipeline) {
        let directory = inputs["workingDirectory"]?.string
        // PythonScript's inline `script` is Python, not shell.
        for key in ["inlineScript", "script"] where !task.hasPrefix("PythonScript") {
            pipeline.addSteps(from: inputs[key], job: job, disabled: disabled, directory: directory)
        }
        guard let file = (inputs["scriptPath"] ?? inputs["filePath"])?.string, let line = (inputs["scriptPath"] ?? inputs["filePath"])?.line else { return }
        let runner = file.hasSuffix(".py") ? "python" : file.hasSuffix(".sh") ? "bash" : nil
        guard let runner else { return }
        let arguments = inputs["arguments"]?.string.map { " " + $0 } ?? ""
        pipeline.steps.append(CIStep(job: job, text: "\(runner) \(ShellQuoting.quoted(file))\(arguments)", line: line, disabled: disabled, directory: directory))
    }

    /// Predefined variables that name the checkout of the repository.
    static let rootVariables = ["Build.SourcesDirectory", "System.DefaultWorkingDirectory", "Build.Repository.LocalPath"]

    /// A file's `variables:` (a map, or a list of `{name, value}`).
    static func variables(_ document: DataNode) -> [String: String] {
        var values: [String: String] = [:]
        switch document["variables"] {
        case .map(let pairs, _)?:
            for (name, value) in pairs { if let text = value.string { values[name] = text } }
        case .list(let items, _)?:
            for item in items { if let name = item["name"]?.string, let text = item["value"]?.string { values[name] = text } }
        default: break
        }
        return values
    }

    /// Azure's `$(name)` macros, which are not shell: a known variable's value, else a shell variable of that
    /// name (`${name}`), so that the shell reader sees a value it cannot know rather than a command substitution.
    static func expandMacros(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("$(") else { return text }
        // Variable names are case-insensitive; a value may itself hold macros (expanded once more).
        let lowered = Dictionary(values.map { ($0.key.lowercased(), expandOnce($0.value, values, nil)) }, uniquingKeysWith: { first, _ in first })
        return expandOnce(text, values, lowered)
    }

    private static func expandOnce(_ text: String, _ values: [String: String], _ lowered: [String: String]?) -> String {
        guard text.contains("$(") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "$(") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }
            guard !name.isEmpty, after.dropFirst(name.count).first == ")" else {
                out += "$("
                rest = after
                continue
            }
            let key = String(name)
            let root = rootVariables.contains { $0.caseInsensitiveCompare(key) == .orderedSame } ? "." : nil
            let value = lowered.map { $0[key.lowercased()] } ?? values[key]
            out += value ?? root ?? "${\(name.map { $0.isLetter || $0.isNumber ? $0 : "_" }.map(String.init).joined())}"
            rest = after.dropFirst(name.count + 1)
        }
        return out + rest
    }

    private static func collectSteps(_ node: DataNode, job: String?, disabled: Bool, into pipeline: inout CIPipeline) {
        guard case .map(let pairs, _) = node else {
            for child in node.children { collectSteps(child, job: job, disabled: disabled, into: &pipeline) }
            return
        }
        let name = node["job"]?.string ?? node["deployment"]?.string ?? job
        let off = disabled || StaticCondition.isFalse(node["condition"])
        // A stage, job or step run only when an earlier one failed (`condition: failed()`).
        let start = pipeline.steps.count
        defer { if StaticCondition.isOnFailure(node["condition"]) { pipeline.markOnFailure(from: start) } }
        for (key, value) in pairs {
            if key == "steps" {
                for step in value.elements {
                    let stepOff = off || StaticCondition.isFalse(step["condition"])
                    let stepStart = pipeline.steps.count
                    defer { if StaticCondition.isOnFailure(step["condition"]) { pipeline.markOnFailure(from: stepStart) } }
                    let directory = step["workingDirectory"]?.string
                    for scriptKey in scriptKeys {
                        pipeline.addSteps(from: step[scriptKey], job: name, disabled: stepOff, directory: directory)
                    }
                    pipeline.addSteps(from: step["task"], job: name, kind: .action, disabled: stepOff)
                    if let task = step["task"]?.string, let inputs = step["inputs"] {
                        addTaskScript(inputs, of: task, job: name, disabled: stepOff, into: &pipeline)
                    }
                    pipeline.addSteps(from: step["template"], job: name, kind: .action, disabled: stepOff)
                    pipeline.addSteps(from: step["displayName"], job: name, kind: .label, disabled: stepOff)
                }
            } else if key == "variables" || key == "parameters" {
                continue   // a variable template holds values, not steps
            } else if key == "template" {
                // A job or stage template: `jobs: [{template: x.yml}]`.
                pipeline.addSteps(from: value, job: name, kind: .action, disabled: off)
            } else {
                collectSteps(value, job: name, disabled: off, into: &pipeline)
            }
        }
    }
}

extension CISystem {
    static let azurePipelines = CISystem(rawValue: "azure-pipelines")
}

extension ImportsProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        PythonJudgement(probe: Self.name, files: files, verb: "import", object: modules.joined(separator: ", "), reached: reached).judge(judge) { summary in
            summary.imports.filter { entry in modules.contains(where: entry.isOf) }.map { ($0.line, $0.written) }
        }
    }
}

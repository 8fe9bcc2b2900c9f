extension CallsProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        PythonJudgement(probe: Self.name, files: files, verb: "call", object: names.joined(separator: ", "), reached: reached).judge(judge) { summary in
            summary.uses.filter { use in names.contains { PythonName.matches(use.name, $0) } }.map { ($0.line, $0.written) }
        }
    }
}

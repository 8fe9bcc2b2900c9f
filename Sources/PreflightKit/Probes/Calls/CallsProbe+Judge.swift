extension CallsProbe {
    package func judge(_ judge: RuleEvaluator) -> Finding {
        let matcher = PythonNameMatcher(names)
        return PythonJudgement(probe: Self.name, files: files, verb: "call", object: names.joined(separator: ", "), reached: reached).judge(judge) { summary in
            summary.uses.filter { matcher.matches($0.name) }.map { ($0.line, $0.written) }
        }
    }
}

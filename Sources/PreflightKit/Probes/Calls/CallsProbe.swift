/// Python files and notebooks that call a function, read from their code: dotted names after import aliases are
/// resolved (`np.random.seed` after `import numpy as np` is `numpy.random.seed`), decorators included; a call in a
/// string, a comment or a Markdown cell is none.
///
/// ```yaml
/// calls: [mlflow.evaluate, tfx.components.Evaluator, "*.explain_instance"]
/// in: [$code]
/// ```
package struct CallsProbe: ProbeKind {
    package static let name = "calls"
    package static let selector = "calls"
    package static let documentation = ProbeDocumentation(
        examples: [#"calls: [mlflow.evaluate, "*.explain_instance"], in: ["src/**/*.py", "**/*.ipynb"]"#],
        holdsWhen: "a Python file or notebook (its code cells) the globs select calls one of the names, or decorates a function with it, after its imports are resolved (`mlflow.evaluate` counts `from mlflow import evaluate; evaluate(…)`); `*.name` counts a call of `name` on anything (`model.fit` for `*.fit`), `*part*` a called name that holds `part` (`*preprocess*`); with `reached: true`, only in code CI runs (a file a step or a test run executes, or a repository module it imports); calls in strings, comments and Markdown cells are not calls",
        remedy: "call the library in the code the globs select; a mention in a comment, a string or a README is not evidence")

    /// Dotted names, or `*.name` for a method on any receiver.
    package var names: [String]
    package var files: GlobSet
    /// Whether only files a CI run reaches count: run by a step or a test run, or imported by what is.
    package var reached = false

    enum CodingKeys: String, CodingKey, CaseIterable {
        case calls
        case files = "in"
        case reached
    }

    package init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        names = try PythonProbeFields.names(decoder, CodingKeys.calls, patterns: true)
        (files, reached) = try PythonProbeFields.scope(decoder, files: CodingKeys.files, reached: .reached, probe: Self.name)
    }

    package var summary: String { "a Python file or notebook in \(files) that calls \(names.joined(separator: ", "))\(reached ? ", in code CI runs" : "")" }

    package func declareNeeds(into plan: inout EvidencePlan) {
        plan.readPython(in: files, literals: names.map(PythonName.callLiterals))
        if reached { plan.reachPython() }
    }
}

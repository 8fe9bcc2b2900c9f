/// Python files and notebooks that import a module, read from their code: an import in a string, a comment or a
/// Markdown cell is none, and `shap` is never `shapely`.
///
/// ```yaml
/// imports: [shap, lime, captum, alibi.explainers]
/// in: [$code]
/// ```
package struct ImportsProbe: ProbeKind {
    package static let name = "imports"
    package static let selector = "imports"
    package static let documentation = ProbeDocumentation(
        examples: [#"imports: [shap, lime, captum], in: ["src/**/*.py", "**/*.ipynb"]"#],
        holdsWhen: "a Python file or notebook (its code cells) the globs select imports one of the modules or a submodule of it (`shap` counts `import shap`, `import shap.plots`, `from shap import Explainer`, never `shapely`); with `reached: true`, only in code CI runs (a file a step or a test run executes, or a repository module it imports); imports in strings, comments and Markdown cells are not imports",
        remedy: "use the library in the code the globs select; a mention in a comment, a string or a README is not evidence")

    /// Dotted module names.
    package var modules: [String]
    package var files: GlobSet
    /// Whether only files a CI run reaches count: run by a step or a test run, or imported by what is.
    package var reached = false

    enum CodingKeys: String, CodingKey, CaseIterable {
        case imports
        case files = "in"
        case reached
    }

    package init(modules: [String], files: GlobSet) {
        self.modules = modules
        self.files = files
    }

    package init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        modules = try PythonProbeFields.names(decoder, CodingKeys.imports, patterns: false)
        (files, reached) = try PythonProbeFields.scope(decoder, files: CodingKeys.files, reached: .reached, probe: Self.name)
    }

    package var summary: String { "a Python file or notebook in \(files) that imports \(modules.joined(separator: ", "))\(reached ? ", in code CI runs" : "")" }

    package func declareNeeds(into plan: inout EvidencePlan) {
        plan.readPython(in: files, literals: modules.map(PythonName.moduleLiterals))
        if reached { plan.reachPython() }
    }
}

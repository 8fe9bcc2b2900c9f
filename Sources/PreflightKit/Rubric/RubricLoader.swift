import Foundation

/// Finds and loads rubrics: bundled ones by name, others by path.
public enum RubricLoader {
    /// The rubric used when neither a flag nor preflight.yaml names one.
    public static let defaultName = "ml-test-score"

    /// Names of the rubrics shipped with Preflight, sorted.
    public static var bundledNames: [String] {
        guard let directory = bundledDirectory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Loads `reference`: a bundled name, or a path (relative paths resolve against `base`).
    public static func load(_ reference: String, relativeTo base: URL? = nil,
                            parameters overrides: [String: [String]] = [:]) throws -> Rubric {
        if !reference.contains("/"), !reference.hasSuffix(".yaml"), !reference.hasSuffix(".yml") {
            guard let url = bundledDirectory?.appendingPathComponent("\(reference).yaml"),
                  FileManager.default.fileExists(atPath: url.path) else {
                throw PreflightError.unknownName(kind: "bundled rubric", name: reference,
                                                 suggestion: Suggestion.closest(to: reference, in: bundledNames))
            }
            return try load(file: url, displayName: reference, parameters: overrides)
        }
        let url = base.map { URL(fileURLWithPath: reference, relativeTo: $0) } ?? URL(fileURLWithPath: reference)
        return try load(file: url.standardizedFileURL, displayName: reference, parameters: overrides)
    }

    /// Loads and validates a rubric file, with `overrides` replacing parameter defaults.
    public static func load(file url: URL, displayName: String? = nil,
                            parameters overrides: [String: [String]] = [:]) throws -> Rubric {
        try load(YAMLDocument(contentsOf: url, displayName: displayName), parameters: overrides)
    }

    public static func load(_ document: YAMLDocument, parameters overrides: [String: [String]] = [:]) throws -> Rubric {
        let declared = try document.decode(ParameterDeclarations.self).parameters ?? [:]
        var values = declared.mapValues(\.defaultValue)
        for (name, value) in overrides {
            guard values[name] != nil else {
                throw PreflightError.unknownName(kind: "rubric parameter", name: name,
                                                 suggestion: Suggestion.closest(to: name, in: values.keys))
            }
            values[name] = value
        }
        var rubric = try document.decode(Rubric.self, parameters: values)
        rubric.origin = document.file
        let parameters = values.keys.sorted().map { "\($0)=\(values[$0]!.joined(separator: ","))" }.joined(separator: ";")
        rubric.contentHash = ContentHash.of(document.text + "\n" + parameters)
        rubric.contentDigest = ContentHash.sha256(document.text + "\n" + parameters)
        return rubric
    }

    static var bundledDirectory: URL? { Bundle.module.url(forResource: "Rubrics", withExtension: nil) }

    /// Reads only `parameters:`, so that the full decode can expand `$name` globs.
    private struct ParameterDeclarations: Decodable {
        var parameters: [String: Parameter]?
    }
}

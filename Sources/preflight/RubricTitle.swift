import Foundation
import PreflightKit

/// The title of the rubric a recorded evaluation was scored with, for labels: records keep only the rubric's id, so
/// it is looked up in the repository's preflight.yaml, then among the bundled rubrics; else the id itself.
enum RubricTitle {
    static func of(id: String, repository: String) -> String {
        let root = URL(fileURLWithPath: repository)
        if let config = try? ModelConfig.load(in: root), let reference = config.rubric,
           let rubric = try? RubricLoader.load(reference, relativeTo: root, parameters: config.parameters), rubric.id == id {
            return rubric.title
        }
        if RubricLoader.bundledNames.contains(id), let rubric = try? RubricLoader.load(id), rubric.id == id { return rubric.title }
        return id
    }
}

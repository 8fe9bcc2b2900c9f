import Foundation
// TemporaryDirectory, run() and oneSectionRubric, shared with the other test targets, for every file of this target.
@_exported import PreflightTestSupport

enum Fixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
}

/// The built `preflight` binary, run as a pipeline would run it, and the examples it is run on.
enum CLITests {
    static let binary = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("preflight").path
    static let fixedTime = ["SOURCE_DATE_EPOCH": "1795000000", "NO_COLOR": "1"]
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples").standardized
}

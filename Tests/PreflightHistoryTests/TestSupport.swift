import Foundation
// TemporaryDirectory and run(), shared with PreflightKitTests, for every file of this target.
@_exported import PreflightTestSupport

enum Fixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
}

/// The built `preflight` binary, run as a pipeline would run it: the same names as PreflightKitTests' CLITests, which
/// the suites here came from.
enum CLITests {
    static let binary = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("preflight").path
    static let fixedTime = ["SOURCE_DATE_EPOCH": "1795000000", "NO_COLOR": "1"]
}

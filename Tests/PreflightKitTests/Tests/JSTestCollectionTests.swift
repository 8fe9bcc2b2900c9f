import Foundation
import Testing
@testable import PreflightKit

/// jest and vitest: their default test patterns, JSON configuration, path filters.
@Suite struct JSTestCollectionTests {
    static let files = [
        "package.json", "src/model.ts", "src/model.test.ts", "src/__tests__/loss.js", "src/__tests__/fixtures/data.json",
        "src/api.spec.jsx", "src/test.js", "src/contest.js", "src/latest.js", "e2e/app.e2e.ts", "build/model.test.js",
        "node_modules/pkg/index.test.js", "web/widget.test.mjs",
    ]

    func fixture(_ configs: [String: String] = ["package.json": "{\"name\": \"m\"}"]) -> CollectionFixture {
        CollectionFixture(files: Self.files, configs: configs)
    }

    @Test func jestDefaults() {
        let all = ["build/model.test.js", "src/__tests__/loss.js", "src/api.spec.jsx", "src/model.test.ts", "src/test.js", "web/widget.test.mjs"]
        #expect(fixture().collect("npx jest --ci --coverage") == TestCollection(runner: "jest", files: all, problems: []))
        #expect(fixture().files("jest src/model") == ["src/model.test.ts"])
        #expect(fixture().files("jest --testPathPattern=web/ -t 'loss'") == ["web/widget.test.mjs"])
        #expect(fixture().files("jest", in: "src") == ["src/__tests__/loss.js", "src/api.spec.jsx", "src/model.test.ts", "src/test.js"])
        let regex = fixture().collect("jest 'src/(model|api)'")
        #expect(regex?.files == all)
        #expect(regex?.problems.map(\.message) == ["the path pattern src/(model|api) is a regular expression; not applied"])
        #expect(fixture().problems("jest --listTests") == ["--listTests: jest runs no test"])
    }

    @Test func jestConfiguration() {
        let package = #"{"name": "m", "jest": {"roots": ["<rootDir>/src"], "testPathIgnorePatterns": ["/node_modules/", "<rootDir>/src/__tests__/"]}}"#
        #expect(fixture(["package.json": package]).files("jest") == ["src/api.spec.jsx", "src/model.test.ts", "src/test.js"])
        let match = #"{"testMatch": ["**/e2e/**/*.e2e.ts"]}"#
        // Negative twin: a testMatch elsewhere leaves the unit tests out.
        #expect(fixture(["jest.config.json": match]).files("jest") == ["e2e/app.e2e.ts"])
        #expect(fixture(["ci/jest.json": #"{"rootDir": "..", "testMatch": ["<rootDir>/src/**/*.test.ts"]}"#]).files("jest -c ci/jest.json") == ["src/model.test.ts"])
        let code = fixture(["jest.config.js": "module.exports = {testMatch: ['**/e2e/*.ts']}"]).collect("jest src")
        #expect(code?.files == ["src/__tests__/loss.js", "src/api.spec.jsx", "src/model.test.ts", "src/test.js"])
        #expect(code?.problems.map(\.message) == ["jest.config.js is code; its settings are not read (jest's defaults are assumed)"])
    }

    @Test func vitest() {
        let all = ["build/model.test.js", "src/api.spec.jsx", "src/model.test.ts", "web/widget.test.mjs"]
        #expect(fixture().collect("npx vitest run") == TestCollection(runner: "vitest", files: all, problems: []))
        #expect(fixture().files("vitest --run model") == ["build/model.test.js", "src/model.test.ts"])
        #expect(fixture().files("vitest run --dir src -t fit") == ["src/api.spec.jsx", "src/model.test.ts"])
        #expect(fixture().files("vitest run --exclude 'build/**'") == ["src/api.spec.jsx", "src/model.test.ts", "web/widget.test.mjs"])
        let config = fixture(["vitest.config.ts": "export default {}"]).collect("vitest run")
        #expect(config?.problems.map(\.message) == ["vitest.config.ts is code; its settings are not read (vitest's defaults are assumed)"])
        #expect(fixture().collect("vitest bench") == nil)
        #expect(fixture().files("vitest list") == [])
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// `go test`: package patterns in module mode and the test files of those packages.
@Suite struct GoTestCollectionTests {
    static let tree = CollectionFixture(
        files: [
            "go.mod", "main.go", "main_test.go", "model/model.go", "model/model_test.go", "model/layers/layers_test.go",
            "model/testdata/fixture_test.go", "vendor/lib/lib_test.go", "_tools/tool_test.go", ".github/x_test.go",
            "tools/go.mod", "tools/gen/gen_test.go", "model/_ignored_test.go", "model/.hidden_test.go", "docs/README.md",
        ],
        configs: ["go.mod": "// The model service.\nmodule example.com/service\n\ngo 1.22\n", "tools/go.mod": "module example.com/service/tools\n"])

    @Test func packagePatterns() {
        let all = ["main_test.go", "model/layers/layers_test.go", "model/model_test.go"]
        #expect(Self.tree.collect("go test ./...") == TestCollection(runner: "go test", files: all, problems: []))
        #expect(Self.tree.files("go test -race -count=1 -timeout 10m -run TestModel -v ./...") == all)
        #expect(Self.tree.files("go test") == ["main_test.go"])
        #expect(Self.tree.files("go test ./model") == ["model/model_test.go"])
        #expect(Self.tree.files("go test ./model/...") == ["model/layers/layers_test.go", "model/model_test.go"])
        #expect(Self.tree.files("go test ./...", in: "model") == ["model/layers/layers_test.go", "model/model_test.go"])
        #expect(Self.tree.files("go test example.com/service/model/...") == ["model/layers/layers_test.go", "model/model_test.go"])
        #expect(Self.tree.files("go test -C model .") == ["model/model_test.go"])
        #expect(Self.tree.files("go test ./... -args -update ./tools/...") == all)
        // A nested module is its own: go test refuses it from outside, and collects it from inside.
        #expect(Self.tree.files("go test ./tools/...") == [])
        #expect(Self.tree.problems("go test ./tools/...") == ["./tools/...: in another module than the working directory's (go.work is not read)"])
        #expect(Self.tree.files("go test ./...", in: "tools") == ["tools/gen/gen_test.go"])
        #expect(Self.tree.files("go test main_test.go main.go") == ["main_test.go"])
    }

    @Test func runsThatRunNothingOrCannotBeKnown() {
        #expect(Self.tree.problems("go test -c ./model") == ["-c: go test runs no test"])
        #expect(Self.tree.files("go test -list . ./...") == [])
        let other = Self.tree.collect("go test github.com/other/repo/... ./model")
        #expect(other?.files == ["model/model_test.go"])
        #expect(other?.problems.map(\.message) == ["github.com/other/repo/...: not a package of this module"])
        #expect(Self.tree.collect("go build ./...") == nil)
        #expect(Self.tree.collect("go vet ./...") == nil)
    }
}

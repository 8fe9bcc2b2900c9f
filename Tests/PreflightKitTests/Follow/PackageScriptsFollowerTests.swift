import Testing
@testable import PreflightKit

/// package.json scripts: npm, yarn, pnpm and bun ask for a script; its hooks run around it.
@Suite struct PackageScriptsFollowerTests {
    static let package = """
        {
          "name": "model-ui",
          "description": "run jest --e2e to test",
          "scripts": {
            "pretest": "npm run lint",
            "test": "jest --coverage",
            "posttest": "codecov",
            "lint": "eslint src",
            "build": "tsc -p . && vite build",
            "e2e": "playwright test",
            "//": "e2e is run by hand",
            "weird": ["jest"]
          },
          "jest": { "testMatch": ["**/e2e/**"] }
        }
        """

    @Test func requestsTheScriptEachPackageManagerRuns() {
        let expected = FollowRequest(candidates: ["package.json"], names: ["test"])
        for command in ["npm test", "npm t", "npm run test", "npm run-script test -- --ci", "yarn test", "yarn run test",
                        "pnpm test", "pnpm run test", "bun run test", "npm run --if-present test", "npm run test --if-present"] {
            #expect(followRequest(PackageScriptsFollower.self, command) == expected, "\(command)")
        }
        #expect(followRequest(PackageScriptsFollower.self, "npm --prefix web run build") == FollowRequest(candidates: ["web/package.json"], names: ["build"]))
        #expect(followRequest(PackageScriptsFollower.self, "yarn --cwd web e2e") == FollowRequest(candidates: ["web/package.json"], names: ["e2e"]))
        #expect(followRequest(PackageScriptsFollower.self, "pnpm -C web build")?.candidates == ["web/package.json"])
        for command in ["npm install", "npm ci", "npm run", "yarn", "yarn install", "yarn add jest", "pnpm install", "bun test",
                        "bun run src/index.ts", "npm -w web run build", "pnpm --filter web test", "echo npm test", "npx jest"] {
            #expect(followRequest(PackageScriptsFollower.self, command) == nil, "\(command)")
        }
    }

    @Test func followsAScriptWithItsHooks() throws {
        let result = try #require(PackageScriptsFollower.follow(["test"], path: "package.json", text: Self.package))
        #expect(result.steps == [FollowedStep(.shell("npm run lint"), line: 5, via: ["test", "pretest"]),
                                 FollowedStep(.shell("jest --coverage"), line: 6, via: ["test"]),
                                 FollowedStep(.shell("codecov"), line: 7, via: ["test", "posttest"])])
        #expect(result.problems == [CommandProblem(line: 12, message: "script 'weird' is not a string: not followed")])
        let build = try #require(PackageScriptsFollower.follow(["build"], path: "web/package.json", text: Self.package))
        #expect(build.steps == [FollowedStep(.shell("tsc -p . && vite build"), line: 9, via: ["build"])])
    }

    @Test func aDescriptionACommentOrAnotherScriptIsNotRun() throws {
        let result = try #require(PackageScriptsFollower.follow(["lint"], path: "package.json", text: Self.package))
        #expect(result.steps.map(\.shown) == ["eslint src"])
        #expect(!result.steps.contains { $0.shown.contains("e2e") || $0.shown.contains("jest") })
        let missing = try #require(PackageScriptsFollower.follow(["deploy"], path: "package.json", text: Self.package))
        #expect(missing.steps.isEmpty && missing.problems.last == CommandProblem(line: 1, message: "no script 'deploy'"))
    }

    @Test func aBrokenFileIsAProblem() throws {
        let result = try #require(PackageScriptsFollower.follow(["test"], path: "package.json", text: "{\"scripts\": {\"test\": "))
        #expect(result.steps.isEmpty && result.problems.count == 1)
        #expect(PackageScriptsFollower.follow(["test"], path: "package.json", text: "[1, 2]")?.problems == [CommandProblem(line: 1, message: "no script 'test'")])
    }
}

import Foundation
import Testing
@testable import PreflightKit

/// A directory in a git repository is listed by git or not at all: the built CLI refuses, with exit status 2, a
/// repository that git cannot read and one without a work tree, where a walk of the directory would count files
/// git does not track.
@Suite struct GitCheckoutTests {
    /// One required item, met only by a file under tests/, which the repository leaves untracked.
    func repositoryWithUntrackedEvidence() throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write("rubric.yaml", oneSectionRubric(["{ id: tested, title: t, why: w, how: h, automated: { files: [\"tests/**\"] } }"]))
        try repo.write("preflight.yaml", "version: 1\nrubric: rubric.yaml\n")
        try repo.write("src/model.py", "x = 1\n")
        try repo.commitAll()
        try repo.write("tests/test_model.py", "def test_x():\n    assert True\n")
        return repo
    }

    /// Runs the gate, requiring the item unless a bundled rubric is used; `path` replaces PATH when given.
    func gate(_ directory: String, path: String? = nil, bundledRubric: Bool = false) throws -> RunResult {
        let environment = CLITests.fixedTime.merging(path.map { ["PATH": $0] } ?? [:]) { $1 }
        let require = bundledRubric ? [] : ["--require", "tested"]
        return try run(CLITests.binary, ["gate", directory, "--format", "json"] + require, environment: environment)
    }

    /// Which refusal `RepositoryIndex.build` throws at `path`; nil when it lists the directory.
    func refusal(_ path: String) -> String? {
        do {
            _ = try RepositoryIndex.build(at: path)
            return nil
        } catch {
            switch error as? PreflightError {
            case .unreadableGitRepository?: return "unreadableGitRepository"
            case .noWorkTree?: return "noWorkTree"
            default: return "other: \(error)"
            }
        }
    }

    @Test func withGitTheUntrackedFileDoesNotCount() throws {
        let repo = try repositoryWithUntrackedEvidence()
        let result = try gate(repo.path)
        #expect(result.status == 1, "\(result.errors)")
    }

    @Test func noGitOnPathIsExitTwo() throws {
        let repo = try repositoryWithUntrackedEvidence()
        let emptyBin = try TemporaryDirectory()
        let result = try gate(repo.path, path: emptyBin.path)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.isEmpty)   // no report, so no verdict at all
        #expect(result.errors.contains("git is not on PATH"))
        // A git that is found but cannot be run, and one that fails on everything.
        try emptyBin.write("git", "#!/bin/sh\nexit 1\n")
        let notExecutable = try gate(repo.path, path: emptyBin.path)
        #expect(notExecutable.status == 2 && notExecutable.errors.contains("git on PATH cannot be run"), "\(notExecutable.errors)")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: emptyBin.path + "/git")
        let failing = try gate(repo.path, path: emptyBin.path)
        #expect(failing.status == 2 && failing.output.isEmpty, "\(failing.output)")
    }

    @Test func noGitOnPathInASubdirectoryIsExitTwo() throws {
        let repo = try repositoryWithUntrackedEvidence()
        try repo.write("tests/preflight.yaml", "version: 1\nrubric: ../rubric.yaml\n")
        let emptyBin = try TemporaryDirectory()
        #expect(try gate(repo.path + "/tests", path: emptyBin.path).status == 2)
    }

    @Test func aPlainDirectoryWithoutGitIsStillWalked() throws {
        let repo = try repositoryWithUntrackedEvidence()
        try FileManager.default.removeItem(atPath: repo.path + "/.git")
        let emptyBin = try TemporaryDirectory()
        let result = try gate(repo.path, path: emptyBin.path)
        #expect(result.status == 0, "\(result.errors)")
        #expect(refusal(repo.path) == nil)
    }

    @Test func aGitDirectoryGitRefusesIsExitTwo() throws {
        let repo = try repositoryWithUntrackedEvidence()
        try FileManager.default.removeItem(atPath: repo.path + "/.git")
        try FileManager.default.createDirectory(atPath: repo.path + "/.git", withIntermediateDirectories: false)
        let empty = try gate(repo.path)
        #expect(empty.status == 2 && empty.output.isEmpty, "\(empty.output)")
        #expect(empty.errors.contains(repo.url.resolvingSymlinksInPath().path + "/.git"))
        #expect(refusal(repo.path) == "unreadableGitRepository")
        // A .git file, as in worktrees and submodules, naming a git directory that is gone.
        try FileManager.default.removeItem(atPath: repo.path + "/.git")
        try repo.write(".git", "gitdir: /nonexistent/worktrees/gone\n")
        let dangling = try gate(repo.path)
        #expect(dangling.status == 2 && dangling.output.isEmpty, "\(dangling.output)")
        #expect(dangling.errors.contains("/nonexistent/worktrees/gone"))
        #expect(refusal(repo.path) == "unreadableGitRepository")
    }

    @Test func aBareRepositoryIsExitTwo() throws {
        let repo = try repositoryWithUntrackedEvidence()
        let bare = try TemporaryDirectory()
        try run("/usr/bin/env", ["git", "clone", "-q", "--bare", repo.path, bare.path])
        let emptyBin = try TemporaryDirectory()
        for path in [nil, emptyBin.path] {
            let result = try gate(bare.path, path: path, bundledRubric: true)
            #expect(result.status == 2 && result.output.isEmpty, "\(result.output)")
            #expect(result.errors.contains("no work tree"))
        }
        #expect(refusal(bare.path) == "noWorkTree")
        let gitDirectory = try gate(repo.path + "/.git", bundledRubric: true)
        #expect(gitDirectory.status == 2 && gitDirectory.errors.contains("no work tree"))
        #expect(refusal(repo.path + "/.git") == "noWorkTree")
    }
}

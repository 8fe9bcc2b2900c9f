import Foundation
import PreflightTestSupport
import Testing
@testable import PreflightKit

/// Steps that run only when an earlier one failed — GitHub's `if: failure()`, Azure's `condition: failed()`, GitLab's
/// `when: on_failure` — on real git repositories: a deploy there is a rollback, and a template a rollback reuses is
/// followed again for it.
@Suite struct OnFailureTests {
    static let rule = #"{ ci: { step: "\\bhelm (upgrade|rollback)\\b|\\bHelmDeploy@|\\bkubectl apply\\b", onFailure: true } }"#

    func evaluate(_ yaml: String = rule, in repo: TemporaryDirectory) throws -> Finding {
        let rule = try YAMLDocument(text: yaml, file: "rule.yaml").decode(Rule.self)
        let evidence = EvidenceCollector(index: try RepositoryIndex.build(at: repo.path), now: Date()).collect(for: rule.probes)
        return RuleEvaluator(evidence: evidence).evaluate(rule)
    }

    func repository(_ files: [String: String]) throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        for (path, text) in files { try repo.write(path, text) }
        try repo.commitAll()
        return repo
    }

    @Test func aGitHubJobOrStepOnFailure() throws {
        let job = try repository([".github/workflows/deploy.yml": """
            on: push
            jobs:
              deploy:
                steps:
                  - run: helm upgrade fraud charts/fraud --set image.tag=$GITHUB_SHA
                  - run: ./smoke-test.sh
              rollback:
                needs: deploy
                if: ${{ failure() }}
                steps:
                  - run: helm rollback fraud
            """])
        let found = try evaluate(in: job)
        #expect(found.outcome == .satisfied)
        #expect(found.message == ".github/workflows/deploy.yml runs helm rollback fraud when an earlier step failed", "\(found.message)")
        let step = try repository([".github/workflows/deploy.yml": """
            on: push
            jobs:
              deploy:
                steps:
                  - run: kubectl apply -f k8s/v2.yaml && ./smoke.sh
                  - if: failure() && github.ref == 'refs/heads/main'
                    run: kubectl apply -f k8s/v1.yaml
            """])
        #expect(try evaluate(in: step).outcome == .satisfied)
    }

    @Test func conditionsThatAlsoHoldOnSuccessAreNot() throws {
        for condition in ["always()", "${{ !failure() }}", "failure() || success()", "success()", "github.event_name == 'push'"] {
            let repo = try repository([".github/workflows/deploy.yml": """
                on: push
                jobs:
                  deploy:
                    steps:
                      - if: \(condition)
                        run: helm upgrade fraud charts/fraud
                """])
            let found = try evaluate(in: repo)
            #expect(found.outcome == .unsatisfied, "\(condition)")
            #expect(found.message.contains("runs a command matching /") && found.message.contains("/ when an earlier step failed"))
        }
        // The deploy itself, unconditioned, is what `onFailure: false` asks for.
        let repo = try repository([".github/workflows/deploy.yml": "on: push\njobs:\n  d:\n    steps:\n      - run: helm upgrade fraud charts/fraud\n"])
        #expect(try evaluate(#"{ ci: { step: "\\bhelm upgrade\\b", onFailure: false } }"#, in: repo).outcome == .satisfied)
        #expect(throws: (any Error).self) { try YAMLDocument(text: "{ ci: { onFailure: true } }", file: "rule.yaml").decode(Rule.self) }
    }

    /// Azure: a stage run on failure reuses the deploy's template; the template's task counts for the rollback too.
    @Test func anAzureStageOnFailureThroughATemplateTheDeployUsedFirst() throws {
        let repo = try repository([
            ".pipelines/abtest.yml": """
                trigger: [main]
                stages:
                - stage: Blue_50
                  jobs:
                  - deployment: blue
                    strategy:
                      runOnce:
                        deploy:
                          steps:
                          - template: helm-upgrade.yml
                - stage: Rollback
                  dependsOn: Blue_50
                  condition: failed()
                  jobs:
                  - deployment: roll_back
                    strategy:
                      runOnce:
                        deploy:
                          steps:
                          - template: helm-upgrade.yml
                """,
            ".pipelines/helm-upgrade.yml": "steps:\n- task: HelmDeploy@0\n  inputs:\n    command: upgrade\n",
        ])
        let found = try evaluate(in: repo)
        #expect(found.outcome == .satisfied, "\(found.message)")
        #expect(found.proofs.map(\.description) == [".pipelines/abtest.yml:20: helm-upgrade.yml", ".pipelines/helm-upgrade.yml:2: HelmDeploy@0"])
        // `succeededOrFailed()` runs after a success too.
        let either = try repository([".pipelines/ci.yml": "trigger: [main]\nsteps:\n- script: helm upgrade fraud charts/fraud\n  condition: succeededOrFailed()\n"])
        #expect(try evaluate(in: either).outcome == .unsatisfied)
    }

    @Test func aGitLabJobOnFailure() throws {
        let repo = try repository([".gitlab-ci.yml": """
            stages: [deploy, rollback]
            deploy:
              stage: deploy
              script: [kubectl apply -f k8s/v2.yaml]
            rollback:
              stage: rollback
              when: on_failure
              script: [kubectl apply -f k8s/v1.yaml]
            """])
        let found = try evaluate(in: repo)
        #expect(found.outcome == .satisfied)
        #expect(found.proofs.last?.description == ".gitlab-ci.yml:8: kubectl apply -f k8s/v1.yaml")
    }
}

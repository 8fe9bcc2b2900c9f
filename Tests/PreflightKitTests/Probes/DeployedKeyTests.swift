import Foundation
import Testing
@testable import PreflightKit

/// `key … deployed: true`: a declaration counts only in a manifest a CI pipeline deploys.
@Suite struct DeployedKeyTests {
    func evaluate(_ yaml: String, in repo: TemporaryDirectory) throws -> Finding {
        let rule = try YAMLDocument(text: yaml, file: "rule.yaml").decode(Rule.self)
        let evidence = EvidenceCollector(index: try RepositoryIndex.build(at: repo.path), now: Date()).collect(for: rule.probes)
        return RuleEvaluator(evidence: evidence).evaluate(rule)
    }

    let canary = #"{ key: spec.predictor.canaryTrafficPercent, in: ["**/*.yaml"], deployed: true }"#

    func repository(deploy: String) throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write("k8s/serving/inference.yaml", "kind: InferenceService\nspec:\n  predictor:\n    canaryTrafficPercent: 10\n")
        try repo.write("k8s/other/app.yaml", "kind: Deployment\nspec: {}\n")
        try repo.write(".github/workflows/deploy.yml", "on: push\njobs:\n  d:\n    steps:\n      - run: \(deploy)\n")
        try repo.commitAll()
        return repo
    }

    @Test(arguments: ["kubectl apply -f k8s/serving/inference.yaml", "kubectl apply -f k8s/serving", "kubectl apply -k k8s/",
                      "kustomize build k8s | kubectl apply -f -", "helm upgrade --install model ./k8s/serving"])
    func aManifestCIDeploysCounts(deploy: String) throws {
        let found = try evaluate(canary, in: try repository(deploy: deploy))
        #expect(found.outcome == .satisfied, "\(found.message)")
        #expect(found.proofs.first?.path == ".github/workflows/deploy.yml")
        #expect(found.proofs.contains(Proof(path: "k8s/serving/inference.yaml", line: 4, text: "spec.predictor.canaryTrafficPercent = 10")))
    }

    @Test(arguments: ["kubectl apply -f k8s/other/app.yaml", "kubectl delete -f k8s/serving/inference.yaml",
                      "echo kubectl apply -f k8s/serving/inference.yaml", "kubectl apply -f https://example.com/k8s/serving/inference.yaml",
                      "helm upgrade --install model bitnami/nginx"])
    func aManifestCIDoesNotDeployIsNot(deploy: String) throws {
        let found = try evaluate(canary, in: try repository(deploy: deploy))
        #expect(found.outcome == .unsatisfied, "\(found.message)")
        #expect(found.message.contains("that a CI pipeline deploys"))
        // Without `deployed`, the declaration alone counts.
        let declared = try evaluate(#"{ key: spec.predictor.canaryTrafficPercent, in: ["**/*.yaml"] }"#, in: try repository(deploy: deploy))
        #expect(declared.outcome == .satisfied)
    }

    @Test func aRunInAnotherDirectoryResolvesFromThere() throws {
        let repo = try TemporaryDirectory()
        try repo.write("k8s/inference.yaml", "spec:\n  predictor:\n    canaryTrafficPercent: 10\n")
        try repo.write(".github/workflows/deploy.yml",
                       "on: push\njobs:\n  d:\n    defaults: { run: { working-directory: k8s } }\n    steps:\n      - run: kubectl apply -f inference.yaml\n")
        try repo.commitAll()
        #expect(try evaluate(canary, in: repo).outcome == .satisfied)
    }

    @Test(arguments: [("terraform -chdir=infra apply -auto-approve", true), ("terraform plan -chdir=infra", false),
                      ("aws cloudformation deploy --template-file infra/stack.yaml --stack-name m", true),
                      ("sam deploy", true), ("sam build", false)])
    func infrastructureCIAppliesCounts(deploy: String, counts: Bool) throws {
        let repo = try TemporaryDirectory()
        try repo.write("infra/main.tf", """
            resource "aws_sagemaker_endpoint" "model" {
              deployment_config {
                auto_rollback_configuration {
                  alarms { alarm_name = "ModelLatency" }
                }
              }
            }
            """)
        try repo.write("infra/stack.yaml", "Resources:\n  Group:\n    Properties:\n      AutoRollbackConfiguration:\n        Events: [DEPLOYMENT_STOP_ON_ALARM]\n")
        try repo.write("template.yaml", "Resources:\n  Fn:\n    Properties:\n      DeploymentPreference:\n        Type: Canary10Percent5Minutes\n")
        try repo.write(".github/workflows/deploy.yml", "on: push\njobs:\n  d:\n    steps:\n      - run: \(deploy)\n")
        try repo.commitAll()
        let rules = [#"{ key: resource.aws_sagemaker_endpoint.*.deployment_config.auto_rollback_configuration.alarms, in: ["**/*.tf"], deployed: true }"#,
                     #"{ key: Resources.*.Properties.AutoRollbackConfiguration.Events, in: ["**/*.yaml"], matches: "^DEPLOYMENT_STOP_ON_ALARM$", deployed: true }"#,
                     #"{ key: Resources.*.Properties.DeploymentPreference.Type, in: ["**/*.yaml"], matches: "^Canary", deployed: true }"#]
        let found = try rules.map { try evaluate($0, in: repo).outcome == .satisfied }
        #expect(found.contains(true) == counts, "\(deploy): \(found)")
        if deploy.hasPrefix("terraform -chdir") { #expect(found == [true, false, false]) }
        if deploy.hasPrefix("aws") { #expect(found == [false, true, false]) }
        if deploy == "sam deploy" { #expect(found == [false, false, true]) }
    }

    @Test func aHelmChartsTemplateIsReadAsTheYAMLItRenders() throws {
        let repo = try TemporaryDirectory()
        try repo.write("charts/abtest/templates/virtualservice.yaml", """
            apiVersion: networking.istio.io/v1alpha3
            kind: VirtualService
            spec:
              http:
              - route:
                {{- range .Values.backends }}
                - destination: { host: {{ .host }} }
                  weight: {{ .weight }}
                {{- end }}
            """)
        try repo.write("deploy/broken.yaml", "spec:\n  http: [ {{ unclosed\n  route: { weight: : : }\n")
        try repo.write(".github/workflows/deploy.yml", "on: push\njobs:\n  d:\n    steps:\n      - run: helm upgrade --install abtest ./charts/abtest --set weight.blue=50\n")
        try repo.commitAll()
        let split = try evaluate(#"{ key: spec.http.*.route.*.weight, in: ["charts/**/*.yaml"], deployed: true }"#, in: repo)
        #expect(split.outcome == .satisfied, "\(split.message)")
        #expect(split.proofs.contains(Proof(path: "charts/abtest/templates/virtualservice.yaml", line: 8, text: "spec.http.*.route.*.weight")))
        // A file that is not YAML even without its template tags is still an error, never a pass.
        #expect(try evaluate(#"{ key: spec.http.*.route.*.weight, in: ["deploy/*.yaml"] }"#, in: repo).outcome == .error)
    }
}

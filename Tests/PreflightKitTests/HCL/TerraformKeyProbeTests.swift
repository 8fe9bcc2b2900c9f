import Foundation
import Testing
@testable import PreflightKit

/// The key probe over Terraform files in a real git repository, through the one pass: no change to the probe,
/// `.tf` files parse where YAML does.
@Suite struct TerraformKeyProbeTests {
    func probe(_ yaml: String) throws -> Rule {
        try YAMLDocument(text: yaml, file: "rule.yaml").decode(Rule.self)
    }

    func evaluate(_ rule: String, in directory: TemporaryDirectory) throws -> Finding {
        let rule = try probe(rule)
        let index = try RepositoryIndex.build(at: directory.path)
        let evidence = EvidenceCollector(index: index, now: Date(timeIntervalSince1970: 1_795_000_000)).collect(for: rule.probes)
        return RuleEvaluator(evidence: evidence).evaluate(rule)
    }

    static let gcp = """
        resource "google_storage_bucket" "features" {
          name                     = "features"
          public_access_prevention = "enforced"
        }

        resource "google_storage_bucket" "scratch" {
          name                     = "scratch"
          public_access_prevention = "inherited"
        }

        resource "google_cloud_scheduler_job" "retrain" {
          schedule = "0 3 * * 1"
          http_target {
            uri = "https://${var.region}-aiplatform.googleapis.com/v1/${local.pipeline}"
          }
        }
        """

    static let aws = """
        resource "aws_sagemaker_endpoint_configuration" "fraud" {
          production_variants {
            variant_name           = "current"
            initial_variant_weight = 0.9
          }
          production_variants {
            variant_name           = "candidate"
            initial_variant_weight = 0.1
          }
        }
        """

    @Test func keysOfTerraformResources() throws {
        let repo = try TemporaryDirectory()
        try repo.write("infra/gcp/main.tf", Self.gcp)
        try repo.write("infra/aws/endpoint.tf", Self.aws)
        try repo.write("infra/aws/prod.tfvars", "region = \"eu-west-1\"\n")
        try repo.commitAll()
        let scheduler = try evaluate(#"{ key: resource.google_cloud_scheduler_job, in: ["**/*.tf"] }"#, in: repo)
        #expect(scheduler.outcome == .satisfied)
        #expect(scheduler.proofs == [Proof(path: "infra/gcp/main.tf", line: 11, text: "resource.google_cloud_scheduler_job")])
        #expect(scheduler.message == "resource.google_cloud_scheduler_job found in 1 of 2 files")
        let weights = try evaluate(#"{ key: resource.aws_sagemaker_endpoint_configuration.*.production_variants.*.initial_variant_weight, in: ["infra/**"] }"#, in: repo)
        #expect(weights.outcome == .satisfied)
        #expect(weights.proofs.map(\.line) == [4, 8])
        #expect(weights.proofs.first?.text == "resource.aws_sagemaker_endpoint_configuration.*.production_variants.*.initial_variant_weight = 0.9")
        let enforced = try evaluate(#"{ key: resource.google_storage_bucket.*.public_access_prevention, in: ["**/*.tf"], matches: "^enforced$" }"#, in: repo)
        #expect(enforced.proofs == [Proof(path: "infra/gcp/main.tf", line: 3, text: "resource.google_storage_bucket.*.public_access_prevention = enforced")])
        let region = try evaluate(#"{ key: region, in: ["**/*.tfvars"], matches: "^eu-" }"#, in: repo)
        #expect(region.outcome == .satisfied && region.proofs.first?.line == 1)
        // The same configuration in Terraform's JSON syntax has the same key paths.
        try repo.write("infra/json/main.tf.json", #"{"resource": {"google_cloud_scheduler_job": {"nightly": {"schedule": "0 1 * * *"}}}}"#)
        try repo.commitAll()
        let json = try evaluate(#"{ key: resource.google_cloud_scheduler_job.*.schedule, in: ["**/*.tf", "**/*.tf.json"] }"#, in: repo)
        #expect(json.proofs.map(\.path) == ["infra/gcp/main.tf", "infra/json/main.tf.json"])
    }

    /// The same names in a comment, a heredoc, a string and a variable's description: the files are parsed (they
    /// mention every name) and hold no such key.
    @Test func namesOutsideBlocksAreNotKeys() throws {
        let repo = try TemporaryDirectory()
        try repo.write("infra/main.tf", """
            # resource "google_cloud_scheduler_job" "retrain" {}
            /* resource "aws_sagemaker_endpoint_configuration" "x" { production_variants { initial_variant_weight = 1 } } */
            variable "note" {
              description = "resource google_cloud_scheduler_job is planned; production_variants with initial_variant_weight later"
              default     = <<EOF
            resource "google_cloud_scheduler_job" "retrain" {}
            EOF
            }
            """)
        try repo.commitAll()
        let scheduler = try evaluate(#"{ key: resource.google_cloud_scheduler_job, in: ["**/*.tf"] }"#, in: repo)
        #expect(scheduler.outcome == .unsatisfied)
        #expect(scheduler.message == "resource.google_cloud_scheduler_job: none of 1 files matching **/*.tf has it")
        let weights = try evaluate(#"{ key: resource.aws_sagemaker_endpoint_configuration.*.production_variants.*.initial_variant_weight, in: ["**/*.tf"] }"#, in: repo)
        #expect(weights.outcome == .unsatisfied)
    }

    /// A content probe over Terraform skips HCL's comments too: `//` and `/* */` as well as `#`.
    @Test func terraformCommentsAreNotContentEvidence() throws {
        let repo = try TemporaryDirectory()
        try repo.write("infra/main.tf", "// google_cloud_scheduler_job later\n/* google_cloud_scheduler_job\n * google_cloud_scheduler_job */\n# google_cloud_scheduler_job\n")
        try repo.commitAll()
        let rule = #"{ files: ["**/*.tf"], contains: "google_cloud_scheduler_job" }"#
        #expect(try evaluate(rule, in: repo).outcome == .unsatisfied)
        try repo.write("infra/main.tf", "resource \"google_cloud_scheduler_job\" \"x\" {}\n")
        try repo.commitAll()
        #expect(try evaluate(rule, in: repo).proofs == [Proof(path: "infra/main.tf", line: 1, text: "resource \"google_cloud_scheduler_job\" \"x\" {}")])
    }

    @Test func aFileThatDoesNotParseIsAnErrorAtItsLineAndColumn() throws {
        let repo = try TemporaryDirectory()
        try repo.write("infra/broken.tf", "resource \"google_cloud_scheduler_job\" \"x\" {\n  schedule = \"0 3 * * 1\n}\n")
        try repo.commitAll()
        let finding = try evaluate(#"{ key: resource.google_cloud_scheduler_job, in: ["**/*.tf"] }"#, in: repo)
        #expect(finding.outcome == .error)
        #expect(finding.message == "could not parse infra/broken.tf (HCL syntax at line 2, column 14: unterminated string: expected '\"' before the end of the line)")
    }

    @Test func cloudFormationTagsReadThroughTheProbe() throws {
        let repo = try TemporaryDirectory()
        try repo.write("template.yaml", """
            Resources:
              Group:
                Type: AWS::CodeDeploy::DeploymentGroup
                Properties:
                  ServiceRoleArn: !GetAtt Role.Arn
                  AutoRollbackConfiguration:
                    Enabled: true
                    Events: [DEPLOYMENT_STOP_ON_ALARM]
                  AlarmConfiguration:
                    Alarms: [{ Name: !Ref LatencyAlarm }]
            """)
        try repo.commitAll()
        let rollback = try evaluate(#"{ key: Resources.*.Properties.AutoRollbackConfiguration.Events, in: ["*.yaml"], matches: "^DEPLOYMENT_STOP_ON_ALARM$" }"#, in: repo)
        #expect(rollback.outcome == .satisfied && rollback.proofs.first?.line == 8)
        let alarm = try evaluate(#"{ key: Resources.*.Properties.AlarmConfiguration.Alarms.*.Name, in: ["*.yaml"] }"#, in: repo)
        #expect(alarm.proofs.first?.text == "Resources.*.Properties.AlarmConfiguration.Alarms.*.Name = LatencyAlarm")
    }
}

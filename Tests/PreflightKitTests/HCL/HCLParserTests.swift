import Foundation
import Testing
@testable import PreflightKit

/// Terraform files read as structured data: blocks, labels and attributes in the shape of Terraform's JSON syntax,
/// literal values as trees, every other expression as its text; each with a negative twin.
@Suite struct HCLParserTests {
    func parse(_ text: String) throws -> DataNode {
        try HCLParser.parse(text)
    }

    func at(_ node: DataNode, _ path: String) -> [DataNode] {
        node.nodes(at: path.split(separator: ".").map(String.init)[...])
    }

    @Test func aVertexModuleWithASchedulerAndABucket() throws {
        let root = try parse(#"""
            terraform {
              required_version = ">= 1.5"
              required_providers {
                google = { source = "hashicorp/google", version = "~> 5.0" }
              }
              backend "gcs" {
                bucket = "tf-state"
              }
            }

            variable "region" {
              type    = string
              default = "us-central1"
            }

            resource "google_storage_bucket" "training_data" {
              name                        = "${var.project}-training-data"
              location                    = var.region
              uniform_bucket_level_access = true
              public_access_prevention    = "enforced"
              versioning {
                enabled = true
              }
            }

            resource "google_cloud_scheduler_job" "retrain" {
              name     = "weekly-retrain"
              schedule = "0 3 * * 1"
              http_target {
                http_method = "POST"
                uri         = "https://${var.region}-aiplatform.googleapis.com/v1/${google_vertex_ai_endpoint.main.id}:run"
                body        = base64encode(jsonencode({ pipelineSpec = local.spec }))
                oauth_token {
                  service_account_email = google_service_account.pipeline.email
                }
              }
            }

            resource "google_storage_bucket" "models" {
              name                     = "models"
              public_access_prevention = "inherited"
            }
            """#)
        #expect(root.keys == ["terraform", "variable", "resource"])
        #expect(at(root, "terraform.required_providers.google").map(\.rendered) == ["{source: 'hashicorp/google'@4, version: '~> 5.0'@4}@4"])
        #expect(at(root, "terraform.backend.gcs.bucket").map(\.rendered) == ["'tf-state'@7"])
        #expect(at(root, "variable.region").map(\.rendered) == ["{type: 'string'@12, default: 'us-central1'@13}@11"])
        #expect(at(root, "resource").first?.keys == ["google_storage_bucket", "google_cloud_scheduler_job"])
        #expect(at(root, "resource.google_storage_bucket").first?.keys == ["training_data", "models"])
        #expect(at(root, "resource.google_storage_bucket").first?.line == 16)
        #expect(at(root, "resource.google_cloud_scheduler_job").first?.line == 26)
        #expect(at(root, "resource.google_storage_bucket.*.public_access_prevention").map(\.rendered) == ["'enforced'@20", "'inherited'@41"])
        #expect(at(root, "resource.google_storage_bucket.training_data.name").map(\.rendered) == ["'${var.project}-training-data'@17"])
        #expect(at(root, "resource.google_storage_bucket.training_data.location").map(\.rendered) == ["'var.region'@18"])
        #expect(at(root, "resource.google_storage_bucket.training_data.versioning.enabled").map(\.rendered) == ["'true'@22"])
        let job = try #require(at(root, "resource.google_cloud_scheduler_job.retrain").first)
        #expect(job["schedule"]?.rendered == "'0 3 * * 1'@28")
        #expect(job["http_target"]?["uri"]?.string == "https://${var.region}-aiplatform.googleapis.com/v1/${google_vertex_ai_endpoint.main.id}:run")
        #expect(job["http_target"]?["body"]?.rendered == "'base64encode(jsonencode({ pipelineSpec = local.spec }))'@32")
        #expect(job["http_target"]?["oauth_token"]?["service_account_email"]?.string == "google_service_account.pipeline.email")
    }

    @Test func twoProductionVariantsAreAListOneIsABody() throws {
        let root = try parse("""
            resource "aws_sagemaker_endpoint_configuration" "fraud" {
              name = "fraud-canary"

              production_variants {
                variant_name           = "current"
                model_name             = aws_sagemaker_model.current.name
                initial_instance_count = 2
                instance_type          = "ml.m5.large"
                initial_variant_weight = 0.9
              }

              production_variants {
                variant_name           = "candidate"
                model_name             = aws_sagemaker_model.candidate.name
                initial_instance_count = 1
                instance_type          = "ml.m5.large"
                initial_variant_weight = 0.1
              }

              data_capture_config {
                enable_capture              = true
                initial_sampling_percentage = 100
                destination_s3_uri          = "s3://${aws_s3_bucket.capture.bucket}/capture"
                capture_options { capture_mode = "Input" }
                capture_options { capture_mode = "Output" }
              }
            }

            resource "aws_sagemaker_endpoint_configuration" "batch" {
              production_variants {
                variant_name           = "only"
                initial_variant_weight = 1
              }
            }
            """)
        let weights = at(root, "resource.aws_sagemaker_endpoint_configuration.*.production_variants.*.initial_variant_weight")
        #expect(weights.map(\.rendered) == ["'0.9'@9", "'0.1'@17"])
        #expect(at(root, "resource.aws_sagemaker_endpoint_configuration.fraud.production_variants").first?.rendered.hasPrefix("[{variant_name: 'current'@5") == true)
        #expect(at(root, "resource.aws_sagemaker_endpoint_configuration.fraud.production_variants").first?.line == 4)
        #expect(at(root, "resource.aws_sagemaker_endpoint_configuration.fraud.production_variants.1").first?.line == 12)
        #expect(at(root, "resource.aws_sagemaker_endpoint_configuration.batch.production_variants.initial_variant_weight").map(\.rendered) == ["'1'@32"])
        #expect(at(root, "resource.aws_sagemaker_endpoint_configuration.*.data_capture_config.capture_options.*.capture_mode").map(\.rendered)
            == ["'Input'@24", "'Output'@25"])
        #expect(at(root, "resource.aws_sagemaker_endpoint_configuration.fraud.data_capture_config.destination_s3_uri").first?.string
            == "s3://${aws_s3_bucket.capture.bucket}/capture")
    }

    @Test func heredocsAndTemplatesKeepTheirText() throws {
        let root = try parse("""
            module "training_role" {
              source = "./modules/iam"
              name   = "sagemaker-${var.env}"
              policy = <<EOF
            {
              "Version": "2012-10-17",
              "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "${aws_s3_bucket.data.arn}/*" }]
            }
            EOF
              script = <<-EOT
                #!/bin/sh
                  echo "resource \\"aws_instance\\" \\"x\\" {"
                echo %{ if var.debug }debug%{ endif }
                EOT
              literal = "costs $${price} and %%{ not } a ${"directive"}"
              nested  = "${jsonencode({ a = "}", b = "${var.x}" })}!"
              escapes = "tab\\tquote\\" backslash\\\\ newline\\n snowman\\u2603 \\U0001F600"
            }
            """)
        let module = try #require(at(root, "module.training_role").first)
        #expect(module["source"]?.rendered == "'./modules/iam'@2")
        #expect(module["name"]?.string == "sagemaker-${var.env}")
        #expect(module["policy"]?.rendered == #"""
            '{
              "Version": "2012-10-17",
              "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "${aws_s3_bucket.data.arn}/*" }]
            }
            '@4
            """#)
        #expect(module["script"]?.string == "#!/bin/sh\n  echo \"resource \\\"aws_instance\\\" \\\"x\\\" {\"\necho %{ if var.debug }debug%{ endif }\n")
        #expect(module["literal"]?.string == "costs $${price} and %%{ not } a ${\"directive\"}")
        #expect(module["nested"]?.string == "${jsonencode({ a = \"}\", b = \"${var.x}\" })}!")
        #expect(module["escapes"]?.string == "tab\tquote\" backslash\\ newline\n snowman\u{2603} \u{1F600}")
        #expect(module.keys == ["source", "name", "policy", "script", "literal", "nested", "escapes"])
    }

    /// The closing delimiter only counts alone on its line and outside a template sequence; `<<-` strips the
    /// fewest leading spaces of the lines that are not blank.
    @Test func heredocDelimiters() throws {
        let root = try parse("a = <<EOT\n  NOT EOT\nEOTX\n${\nEOT\n}\n  EOT\nb = <<-X\n    one\n\n      two\n  X\nc = <<E\nE\n")
        #expect(root["a"]?.string == "  NOT EOT\nEOTX\n${\nEOT\n}\n")
        #expect(root["b"]?.string == "one\n\n  two\n")
        #expect(root["c"]?.string == "")
        #expect(root["c"]?.line == 13)
    }

    @Test func otherExpressionsAreTheirSourceText() throws {
        let root = try parse("""
            locals {
              count      = var.enabled ? 1 : 0
              names      = [for s in var.services : upper(s) if s != ""]
              by_name    = { for k, v in var.models : k => v.arn... }
              ids        = aws_instance.web[*].id
              legacy     = aws_instance.web.*.id
              first      = var.list[0]
              negative   = -1
              sum        = 1 + 2
              called     = merge(
                local.tags,
                { Name = "x" },
              )
              expanded   = concat(var.a...)
              compared   = "a" == var.b
              indexed    = ["a", "b"][1]
              member     = { a = 1 }.a
              commented  = max(1, /* two */ 2) # done
            }
            """)
        let locals = try #require(root["locals"])
        #expect(locals["count"]?.rendered == "'var.enabled ? 1 : 0'@2")
        #expect(locals["names"]?.string == #"[for s in var.services : upper(s) if s != ""]"#)
        #expect(locals["by_name"]?.string == "{ for k, v in var.models : k => v.arn... }")
        #expect(locals["ids"]?.string == "aws_instance.web[*].id")
        #expect(locals["legacy"]?.string == "aws_instance.web.*.id")
        #expect(locals["first"]?.string == "var.list[0]")
        #expect(locals["negative"]?.string == "-1")
        #expect(locals["sum"]?.string == "1 + 2")
        #expect(locals["called"]?.rendered == "'merge(\n    local.tags,\n    { Name = \"x\" },\n  )'@10")
        #expect(locals["expanded"]?.string == "concat(var.a...)")
        #expect(locals["compared"]?.string == #""a" == var.b"#)
        #expect(locals["indexed"]?.string == #"["a", "b"][1]"#)
        #expect(locals["member"]?.string == "{ a = 1 }.a")
        #expect(locals["commented"]?.string == "max(1, /* two */ 2)")
    }

    @Test func listsAndObjects() throws {
        let root = try parse("""
            tags = { Team = "ml", "cost-center": 42, (var.key) = "v", nested = { deep = [1, "two", null] } }
            zones = [
              "a",
              "b", # trailing comma next
            ]
            empty = []
            none = {}
            multi = {
              one = 1
              two = 2,
              three = false
            }
            """)
        #expect(root["tags"]?.rendered == "{Team: 'ml'@1, cost-center: '42'@1, (var.key): 'v'@1, nested: {deep: ['1'@1, 'two'@1, 'null'@1]@1}@1}@1")
        #expect(root["zones"]?.rendered == "['a'@3, 'b'@4]@2")
        #expect(root["empty"]?.rendered == "[]@6")
        #expect(root["none"]?.rendered == "{}@7")
        #expect(root["multi"]?.rendered == "{one: '1'@9, two: '2'@10, three: 'false'@11}@8")
    }

    /// Repeated blocks: different labels share their type's map, the same type and labels become a list of bodies,
    /// as in Terraform's JSON syntax.
    @Test func repeatedAndDynamicBlocks() throws {
        let root = try parse("""
            locals { a = 1 }
            locals {
              b = 2
            }
            provider "aws" { region = "eu-west-1" }
            provider "aws" {
              alias  = "us"
              region = "us-east-1"
            }
            resource "aws_security_group" "sg" {
              dynamic "ingress" {
                for_each = var.ports
                content {
                  from_port = ingress.value
                }
              }
            }
            data "aws_iam_policy_document" "assume" {
              statement {
                actions = ["sts:AssumeRole"]
              }
            }
            """)
        #expect(root["locals"]?.rendered == "[{a: '1'@1}@1, {b: '2'@3}@2]@1")
        #expect(at(root, "locals.*.b").map(\.rendered) == ["'2'@3"])
        #expect(at(root, "provider.aws.*.region").map(\.rendered) == ["'eu-west-1'@5", "'us-east-1'@8"])
        #expect(at(root, "resource.aws_security_group.sg.dynamic.ingress.content.from_port").map(\.rendered) == ["'ingress.value'@14"])
        #expect(at(root, "data.aws_iam_policy_document.assume.statement.actions").map(\.rendered) == ["['sts:AssumeRole'@20]@20"])
    }

    @Test func blocksOfOneTypeWithDifferentLabelCountsAreSeparateKeys() throws {
        let root = try parse("thing \"a\" {}\nthing {}\nthing \"b\" {}\n")
        #expect(root.rendered == "{thing: {a: {}@1, b: {}@3}@1, thing: {}@2}@1")
    }

    @Test func tfvarsAreAttributes() throws {
        let vars = try StructuredParser.parse("region = \"us-east-1\"\ninstance_count = 3\ntags = { env = \"prod\" }\n", path: "envs/prod.tfvars")
        #expect(vars.map(\.rendered) == ["{region: 'us-east-1'@1, instance_count: '3'@2, tags: {env: 'prod'@3}@3}@1"])
    }

    /// Comments of every kind, CRLF line ends, a byte order mark, tabs and identifiers with dashes and letters beyond
    /// ASCII.
    @Test func commentsLineEndsAndCharacters() throws {
        let text = "\u{FEFF}# top\r\n// also\r\n/* block\r\n comment */ resource \"x\" \"y\" {\r\n\tname\t= \"a\" // end\r\n\tcafé-1 = <<EOF\r\nline\r\nEOF\r\n}\r\n"
        let root = try parse(text)
        #expect(root.rendered == "{resource: {x: {y: {name: 'a'@5, café-1: 'line\n'@6}@4}@4}@4}@1")
    }

    /// What only looks like a block — a resource named in a comment, a heredoc or a string — is not a key.
    @Test func namesInCommentsHeredocsAndStringsAreNotKeys() throws {
        let root = try parse("""
            # resource "google_cloud_scheduler_job" "retrain" {}
            // resource "aws_sagemaker_endpoint_configuration" "x" {}
            /* resource "google_storage_bucket" "b" { public_access_prevention = "enforced" } */
            locals {
              doc  = <<EOF
            resource "google_cloud_scheduler_job" "retrain" {
              schedule = "0 3 * * 1"
            }
            EOF
              text = "resource \\"aws_sagemaker_endpoint_configuration\\" \\"x\\" { production_variants {} }"
              note = "public_access_prevention = enforced"
            }
            """)
        #expect(root.keys == ["locals"])
        #expect(at(root, "resource").isEmpty)
        #expect(at(root, "locals.*.schedule").isEmpty && at(root, "locals.public_access_prevention").isEmpty)
        #expect(at(root, "locals.note").map(\.rendered) == ["'public_access_prevention = enforced'@11"])
    }

    /// Each construct left open and each token out of place fails at its line and column, saying what was expected.
    @Test(arguments: [
        ("a = \"open\n", 1, 5, "unterminated string: expected '\"' before the end of the line"),
        ("a = \"${ x \n", 1, 6, "unterminated template sequence: expected '}'"),
        ("a = \"${ \"inner }\n", 1, 9, "unterminated string: expected '\"' before the end of the line"),
        ("a = <<EOF\ntext\n", 1, 5, "unterminated heredoc: expected 'EOF' on a line of its own"),
        ("a = <<\n", 1, 5, "expected a heredoc delimiter (an identifier) after '<<'"),
        ("a = <<EOF x\nEOF\n", 1, 10, "expected a newline after the heredoc delimiter 'EOF'"),
        ("x {\n  a = 1\n", 3, 1, "expected '}' to close the block opened at 1:3"),
        ("resource \"a\" \"b\"\n{\n}\n", 1, 17, "expected '{' after the labels of block 'resource', found a newline"),
        ("a\n", 1, 2, "expected '=' or '{' after 'a', found a newline"),
        ("a = 1 b = 2\n", 1, 7, "expected a newline after the attribute or block, found 'b'"),
        ("a = 1, 2\n", 1, 6, "expected a newline after the attribute or block, found ','"),
        ("a = x ? 1\n", 1, 10, "expected ':' after the first result of a conditional, found a newline"),
        ("a = x.\n", 1, 7, "expected an attribute name, an index or '*' after '.', found a newline"),
        ("a = x[1\n", 2, 1, "expected ']' to close '[' at 1:6, found the end of the file"),
        ("a = (1\n]\n", 2, 1, "expected ')' to close '(' at 1:5, found ']'"),
        ("a = [for x y]\n", 1, 12, "expected 'in' after the variables of a for expression, found 'y'"),
        ("a = [for x in y x]\n", 1, 17, "expected ':' after the collection of a for expression, found 'x'"),
        ("a = {for k, v in m : k v}\n", 1, 24, "expected '=>' after the key of an object for expression, found 'v'"),
        ("a = [for in y : 1]\n", 1, 13, "expected 'in' after the variables of a for expression, found 'y'"),
        ("a = [1, 2\n", 2, 1, "expected ',' or ']' after an element of the list opened at 1:5, found the end of the file"),
        ("a = \n", 1, 5, "expected an expression, found a newline"),
        ("a = f(1\n", 2, 1, "expected ',' or ')' after an argument of the call opened at 1:6, found the end of the file"),
        ("a = f(1]\n", 1, 8, "expected ',' or ')' after an argument of the call opened at 1:6, found ']'"),
        ("a = f(x..., y)\n", 1, 11, "expected ',' or ')' after an argument of the call opened at 1:6, found ','"),
        ("a = [1 2]\n", 1, 8, "expected ',' or ']' after an element of the list opened at 1:5, found '2'"),
        ("a = [1,,2]\n", 1, 8, "expected an expression, found ','"),
        ("a = { b }\n", 1, 9, "expected '=' or ':' after an object key, found '}'"),
        ("a = { b = 1 c = 2 }\n", 1, 13, "expected ',', a newline or '}' after an element of the object opened at 1:5, found 'c'"),
        ("}\n", 1, 1, "expected an attribute or a block, found '}'"),
        ("= 1\n", 1, 1, "expected an attribute or a block, found '='"),
        ("x {} y {}\n", 1, 6, "expected a newline after the attribute or block, found 'y'"),
        ("a = 1\na = 2\n", 2, 1, "attribute 'a' is defined twice (first at line 1)"),
        ("b \"${x}\" {}\n", 1, 3, "a block label cannot hold a template sequence"),
        ("a = \"\\q\"\n", 1, 6, "invalid escape sequence '\\q': expected \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN"),
        ("a = \"\\u12\"\n", 1, 6, "invalid Unicode escape: expected 4 hexadecimal digits naming a character"),
        ("a = \"\\uD800\"\n", 1, 6, "invalid Unicode escape: expected 4 hexadecimal digits naming a character"),
        ("a = 1 /* open\n", 1, 7, "unterminated comment: expected '*/'"),
        ("a = $x\n", 1, 5, "unexpected character '$'"),
        ("é = \"x\" ~\n", 1, 9, "unexpected character '~'"),
        ("a = 1\n\u{FEFF}b = 2\n", 2, 1, "unexpected character U+FEFF"),
        ("a = \u{FFFD}\n", 1, 5, "unexpected character '\u{FFFD}'"),
    ] as [(String, Int, Int, String)])
    func failuresAreLocated(text: String, line: Int, column: Int, message: String) {
        #expect(throws: HCLFailure(line: line, column: column, message: message)) { try HCLParser.parse(text) }
    }

    @Test func failuresReachTheCallerAsStructuredParserFailures() {
        #expect {
            try StructuredParser.parse("resource \"a\" \"b\" {\n  x = \"open\n}\n", path: "infra/main.tf")
        } throws: { error in
            (error as? StructuredParser.Failure)?.message
                == "HCL syntax at line 2, column 7: unterminated string: expected '\"' before the end of the line"
        }
    }

    @Test func limitsOnBytesDepthAndValues() throws {
        var limits = InputLimits()
        limits.maxBytes = 100
        #expect(throws: HCLFailure(line: 1, column: 1, message: "larger than 100 bytes")) {
            try HCLParser.parse(String(repeating: "a = 1\n", count: 20), limits: limits)
        }
        let deepList = "a = " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "\n"
        #expect(throws: HCLFailure(line: 1, column: 69, message: "nested deeper than 64 levels")) { try HCLParser.parse(deepList) }
        let deepCall = "a = " + String(repeating: "f(", count: 65) + String(repeating: ")", count: 65) + "\n"
        #expect(throws: HCLFailure(line: 1, column: 134, message: "nested deeper than 64 levels")) { try HCLParser.parse(deepCall) }
        let deepBlocks = String(repeating: "b {\n", count: 65) + String(repeating: "}\n", count: 65)
        #expect(throws: HCLFailure(line: 65, column: 3, message: "nested deeper than 64 levels")) { try HCLParser.parse(deepBlocks) }
        let manyLabels = "b " + String(repeating: "l ", count: 64) + "{}\n"
        #expect(throws: HCLFailure(line: 1, column: 131, message: "nested deeper than 64 levels")) { try HCLParser.parse(manyLabels) }
        let deepTemplate = "a = " + String(repeating: "\"${", count: 33) + "\n"
        #expect(throws: HCLFailure(line: 1, column: 101, message: "templates nested deeper than 64 levels")) { try HCLParser.parse(deepTemplate) }
        limits = InputLimits()
        limits.maxNodes = 10
        #expect(throws: HCLFailure(line: 1, column: 37, message: "more than 10 values")) {
            try HCLParser.parse("a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n", limits: limits)
        }
        // Just inside the bounds.
        #expect(try HCLParser.parse("a = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n")["a"] != nil)
    }

    /// Time grows with the input, not faster: a 1 MB module and a 1 MB single line (0.6 s each in a debug build on
    /// a loaded machine; the bound leaves room).
    @Test func linearTime() throws {
        let block = "resource \"aws_cloudwatch_metric_alarm\" \"a%d\" {\n  alarm_name = \"latency-%d\"\n  threshold  = 0.5\n  dimensions = { EndpointName = aws_sagemaker_endpoint.main.name }\n}\n"
        let module = (0..<6_000).map { String(format: block, $0, $0) }.joined()
        var start = Date()
        let root = try HCLParser.parse(module)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(at(root, "resource.aws_cloudwatch_metric_alarm").first?.keys.count == 6_000)
        let line = "a = [" + String(repeating: "f(x, \"${y} and some words of text\"), ", count: 30_000) + "]\n"
        start = Date()
        #expect(try HCLParser.parse(line)["a"]?.children.count == 30_000)
        #expect(Date().timeIntervalSince(start) < 5)
    }
}

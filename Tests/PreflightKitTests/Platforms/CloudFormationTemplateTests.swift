import Foundation
import Testing
@testable import PreflightKit

/// CloudFormation templates in YAML: the short forms of intrinsic functions (`!Ref`, `!GetAtt`, `!Sub`, `!If`,
/// `!Join`, …) are local tags, read as the value they tag; other tags stay refused.
@Suite struct CloudFormationTemplateTests {
    func parse(_ text: String) throws -> DataNode {
        try #require(try StructuredParser.parse(text, path: "template.yaml").first)
    }

    func at(_ node: DataNode, _ path: String) -> [DataNode] {
        node.nodes(at: path.split(separator: ".").map(String.init)[...])
    }

    @Test func aSageMakerEndpointWithTwoProductionVariants() throws {
        let root = try parse("""
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Env: { Type: String, AllowedValues: [prod, staging] }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              EndpointConfig:
                Type: AWS::SageMaker::EndpointConfig
                Properties:
                  EndpointConfigName: !Sub "fraud-${Env}"
                  ProductionVariants:
                    - VariantName: current
                      ModelName: !GetAtt CurrentModel.ModelName
                      InitialInstanceCount: !If [IsProd, 2, 1]
                      InstanceType: ml.m5.large
                      InitialVariantWeight: 0.9
                    - VariantName: candidate
                      ModelName: !GetAtt [CandidateModel, ModelName]
                      InitialInstanceCount: 1
                      InstanceType: ml.m5.large
                      InitialVariantWeight: 0.1
                  DataCaptureConfig:
                    EnableCapture: true
                    DestinationS3Uri: !Join ["", ["s3://", !Ref CaptureBucket, "/capture"]]
                    CaptureOptions:
                      - CaptureMode: Input
              Endpoint:
                Type: AWS::SageMaker::Endpoint
                Properties:
                  EndpointConfigName: !GetAtt EndpointConfig.EndpointConfigName
                  Tags: !If
                    - IsProd
                    - [{ Key: tier, Value: prod }]
                    - !Ref AWS::NoValue
            """)
        #expect(at(root, "Resources.*.Properties.ProductionVariants.*.InitialVariantWeight").map(\.rendered) == ["'0.9'@16", "'0.1'@21"])
        #expect(at(root, "Conditions.IsProd").map(\.rendered) == ["['Env'@5, 'prod'@5]@5"])
        #expect(at(root, "Resources.EndpointConfig.Properties.EndpointConfigName").map(\.rendered) == ["'fraud-${Env}'@10"])
        #expect(at(root, "Resources.EndpointConfig.Properties.ProductionVariants.0.ModelName").map(\.rendered) == ["'CurrentModel.ModelName'@13"])
        #expect(at(root, "Resources.EndpointConfig.Properties.ProductionVariants.1.ModelName").map(\.rendered) == ["['CandidateModel'@18, 'ModelName'@18]@18"])
        #expect(at(root, "Resources.EndpointConfig.Properties.ProductionVariants.0.InitialInstanceCount").map(\.rendered) == ["['IsProd'@14, '2'@14, '1'@14]@14"])
        #expect(at(root, "Resources.EndpointConfig.Properties.DataCaptureConfig.DestinationS3Uri").first?.scalars.map(\.text) == ["", "s3://", "CaptureBucket", "/capture"])
        #expect(at(root, "Resources.Endpoint.Properties.Tags.1.0.Value").map(\.rendered) == ["'prod'@33"])
        #expect(at(root, "Resources.Endpoint.Properties.Tags.2").map(\.rendered) == ["'AWS::NoValue'@34"])
    }

    @Test func aCodeDeployLambdaWithDeploymentPreferenceAndAutoRollback() throws {
        let root = try parse("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              ScoringFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.handler
                  AutoPublishAlias: live
                  DeploymentPreference:
                    Type: Canary10Percent5Minutes
                    Alarms:
                      - !Ref LatencyAlarm
                      - !Ref ErrorAlarm
                    Hooks:
                      PreTraffic: !Ref PreTrafficCheck
              DeploymentGroup:
                Type: AWS::CodeDeploy::DeploymentGroup
                Properties:
                  ApplicationName: !Ref Application
                  ServiceRoleArn: !GetAtt CodeDeployRole.Arn
                  DeploymentConfigName: CodeDeployDefault.LambdaCanary10Percent5Minutes
                  AutoRollbackConfiguration:
                    Enabled: true
                    Events: [DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_ALARM]
                  AlarmConfiguration:
                    Enabled: true
                    Alarms:
                      - Name: !Ref LatencyAlarm
              LatencyAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/Lambda
                  MetricName: Duration
                  Dimensions:
                    - Name: FunctionName
                      Value: !Ref ScoringFunction
                  Threshold: !FindInMap [Thresholds, !Ref "AWS::Region", LatencyMs]
                  AlarmActions: !Split [",", !ImportValue AlertTopics]
                  AlarmDescription: !Base64
                    Fn::Sub: "latency of ${ScoringFunction}"
            """)
        #expect(at(root, "Resources.*.Properties.DeploymentPreference.Type").map(\.rendered) == ["'Canary10Percent5Minutes'@9"])
        #expect(at(root, "Resources.*.Properties.DeploymentPreference.Alarms").map(\.rendered) == ["['LatencyAlarm'@11, 'ErrorAlarm'@12]@11"])
        #expect(at(root, "Resources.*.Properties.AutoRollbackConfiguration.Enabled").map(\.rendered) == ["'true'@22"])
        #expect(at(root, "Resources.*.Properties.AutoRollbackConfiguration.Events").first?.scalars.map(\.text) == ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"])
        #expect(at(root, "Resources.DeploymentGroup.Properties.ServiceRoleArn").map(\.rendered) == ["'CodeDeployRole.Arn'@19"])
        #expect(at(root, "Resources.LatencyAlarm.Properties.Threshold").first?.scalars.map(\.text) == ["Thresholds", "AWS::Region", "LatencyMs"])
        #expect(at(root, "Resources.LatencyAlarm.Properties.AlarmDescription.Fn::Sub").map(\.rendered) == ["'latency of ${ScoringFunction}'@39"])
        // The negative twin: a template that only names the setting in a description has no such key.
        let described = try parse("Resources:\n  F:\n    Properties:\n      Description: !Sub \"no AutoRollbackConfiguration: ${X}\"\n")
        #expect(at(described, "Resources.*.Properties.AutoRollbackConfiguration").isEmpty)
    }

    /// Global tags other than YAML's own (`!!python/object`, `tag:example.com,…`) are still refused, as in a rubric.
    @Test func globalTagsStayRefused() {
        for text in ["a: !!python/object:os.system x\n", "a: !<tag:example.com,2000:x> y\n"] {
            #expect { try StructuredParser.parse(text, path: "template.yaml") } throws: { error in
                (error as? StructuredParser.Failure)?.message.contains("unsupported tag") == true
            }
        }
        #expect { try YAMLDocument(text: "title: !Ref x\n", file: "rubric.yaml") } throws: { error in
            error.localizedDescription.contains("unsupported tag '!Ref'")
        }
    }
}

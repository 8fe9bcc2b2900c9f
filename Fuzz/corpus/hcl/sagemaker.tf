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

resource "aws_sagemaker_endpoint" "fraud" {
  name                 = "fraud"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.fraud.name
  deployment_config {
    blue_green_update_policy {
      traffic_routing_configuration {
        type                     = "CANARY"
        wait_interval_in_seconds = 600
        canary_size {
          type  = "CAPACITY_PERCENT"
          value = 10
        }
      }
    }
    auto_rollback_configuration {
      alarms { alarm_name = aws_cloudwatch_metric_alarm.latency.alarm_name }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "latency" {
  alarm_name          = "fraud-latency"
  namespace           = "AWS/SageMaker"
  metric_name         = "ModelLatency"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 500000
  evaluation_periods  = 2
  period              = 60
  statistic           = "Average"
  dimensions = {
    EndpointName = aws_sagemaker_endpoint.fraud.name
    VariantName  = "candidate"
  }
}

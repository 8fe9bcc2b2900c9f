terraform {
  required_version = ">= 1.5"
  required_providers {
    google = { source = "hashicorp/google", version = "~> 5.0" }
  }
  backend "gcs" { bucket = "tf-state" }
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
    uri         = "https://${var.region}-aiplatform.googleapis.com/v1/projects/${var.project}/locations/${var.region}/pipelineJobs"
    body        = base64encode(jsonencode({ displayName = "retrain", runtimeConfig = { gcsOutputDirectory = "gs://${google_storage_bucket.training_data.name}/runs" } }))
    oauth_token {
      service_account_email = google_service_account.pipeline.email
    }
  }
}

resource "google_vertex_ai_endpoint" "main" {
  name         = "fraud"
  display_name = "fraud"
  location     = var.region
}

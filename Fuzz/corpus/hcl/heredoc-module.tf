# A module with policies in heredocs and templates.
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
    echo "resource \"aws_instance\" \"x\" {"
    %{ for name in var.names ~}
    echo ${name}
    %{ endfor ~}
    EOT
  literal = "costs $${price} and %%{ not } a ${"directive"}"
  nested  = "${jsonencode({ a = "}", b = "${var.x}" })}!"
  escapes = "tab\tquote\" backslash\\ snowman\u2603 \U0001F600"
}
/* resource "google_storage_bucket" "b" { public_access_prevention = "enforced" } */
// trailing comment

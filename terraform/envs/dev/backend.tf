# Remote state. Left commented so `terraform init -backend=false` and local
# experiments work out of the box; uncomment and fill in before sharing state.
# (use_lockfile needs Terraform >= 1.10; it replaces the DynamoDB lock table.)
#
# terraform {
#   backend "s3" {
#     bucket       = "my-terraform-state-bucket"
#     key          = "cost-guard/dev/terraform.tfstate"
#     region       = "ap-northeast-1"
#     encrypt      = true
#     use_lockfile = true
#   }
# }

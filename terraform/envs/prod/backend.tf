# Shared, locked state: S3 with native lock files (use_lockfile, Terraform
# >= 1.10; no DynamoDB table). The bucket and region come from backend.hcl
# (copy backend.hcl.example; ignored by git), passed by `make deploy-env
# ENV=prod` as -backend-config=backend.hcl. The state bucket is not created
# here: state cannot live in a bucket the same state manages.
terraform {
  backend "s3" {
    key          = "cost-guard/prod/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}

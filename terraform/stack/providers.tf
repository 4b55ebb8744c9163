provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# CloudFront metrics, and so the alarms on them and the SNS topic those alarms
# notify, only exist in us-east-1. The kill-switch module always needs it.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = local.tags
  }
}

terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
      # The caller must always pass a us-east-1 provider: CloudFront metrics
      # (and therefore their alarms and the SNS topic those alarms notify)
      # only exist in us-east-1.
      configuration_aliases = [aws.us_east_1]
    }
  }
}

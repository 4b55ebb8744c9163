# Example production environment. The IDs below are placeholders: replace
# them with the real relay functions, instance, distribution, network and
# services.

locals {
  environment = "prod"

  tags = {
    Project     = "cost-guard"
    Environment = local.environment
    ManagedBy   = "terraform"
  }

  # Relative package paths are taken from this directory, so terraform can be
  # run from anywhere (terraform -chdir=...).
  shutdown_package_path      = startswith(var.shutdown_package_path, "/") ? var.shutdown_package_path : "${path.module}/${var.shutdown_package_path}"
  recovery_package_path      = startswith(var.recovery_package_path, "/") ? var.recovery_package_path : "${path.module}/${var.recovery_package_path}"
  ecs_scheduler_package_path = startswith(var.ecs_scheduler_package_path, "/") ? var.ecs_scheduler_package_path : "${path.module}/${var.ecs_scheduler_package_path}"

  relay_lambda_function_names = ["nostr-relay-prod-connect", "nostr-relay-prod-message", "nostr-relay-prod-disconnect"]
  ec2_instance_id             = "i-0fedcba9876543210"
  cloudfront_distribution_id  = "E2EXAMPLE0PROD"
}

module "kill_switch" {
  source = "../../modules/kill-switch"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name_prefix = var.name_prefix

  budget_limit_amount        = var.budget_limit_amount
  actual_threshold_percent   = 100
  forecast_warning_enabled   = true
  forecast_threshold_percent = 90

  relay_lambda_function_names = local.relay_lambda_function_names
  ec2_instance_id             = local.ec2_instance_id
  cloudfront_distribution_id  = local.cloudfront_distribution_id
  api_service_name            = "nostr-api"
  drain_seconds               = 30
  command_timeout_seconds     = 60

  # The API only listens privately, so recovery runs inside the VPC. These
  # subnets need a NAT gateway or VPC endpoints (EC2, Lambda, SSM, SNS,
  # CloudFront via NAT) for the function to reach the AWS APIs.
  health_check_url            = "http://{privateIp}:8080/health"
  recovery_subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  recovery_security_group_ids = ["sg-0123456789abcdef0"]

  package_type          = var.package_type
  shutdown_package_path = local.shutdown_package_path
  recovery_package_path = local.recovery_package_path
  dry_run               = var.dry_run
  log_retention_days    = 30

  tripwire_alarms = {
    cloudfront-requests = {
      namespace   = "AWS/CloudFront"
      metric_name = "Requests"
      dimensions = {
        DistributionId = local.cloudfront_distribution_id
        Region         = "Global"
      }
      statistic           = "Sum"
      period              = 300
      evaluation_periods  = 2
      threshold           = 500000
      comparison_operator = "GreaterThanThreshold"
      region              = "us-east-1"
    }
    cloudfront-bytes-out = {
      namespace   = "AWS/CloudFront"
      metric_name = "BytesDownloaded"
      dimensions = {
        DistributionId = local.cloudfront_distribution_id
        Region         = "Global"
      }
      statistic           = "Sum"
      period              = 3600
      evaluation_periods  = 1
      threshold           = 50000000000 # 50 GB per hour
      comparison_operator = "GreaterThanThreshold"
      region              = "us-east-1"
    }
  }

  slack_team_id    = var.slack_team_id
  slack_channel_id = var.slack_channel_id
}

module "ecs_scheduler" {
  source = "../../modules/ecs-scheduler"

  name_prefix = var.name_prefix

  services = [
    { cluster = "nostr-prod", service = "nostr-indexer" },
    { cluster = "nostr-prod", service = "nostr-admin" },
  ]
  # Registered targets of services that use Service Auto Scaling.
  scalable_target_arns = [
    "arn:aws:application-autoscaling:ap-northeast-1:123456789012:scalable-target/0ec9example0123456789abcdef0123",
  ]

  default_desired_count = 1
  # Japanese public holidays on weekdays: nothing is started or stopped.
  skip_dates        = ["2026-01-01", "2026-01-02", "2026-01-12", "2026-02-11"]
  time_zone         = "Asia/Tokyo"
  schedule_timezone = "Asia/Tokyo"

  result_topic_arn = module.kill_switch.result_sns_topic_arn

  package_type       = var.package_type
  package_path       = local.ecs_scheduler_package_path
  dry_run            = var.dry_run
  log_retention_days = 30
}

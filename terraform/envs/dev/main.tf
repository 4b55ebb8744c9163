# Example development environment. The IDs below are placeholders: replace
# them with the real relay functions, instance, distribution and services.

locals {
  environment = "dev"

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

  relay_lambda_function_names = ["nostr-relay-dev-connect", "nostr-relay-dev-message"]
  ec2_instance_id             = "i-0123456789abcdef0"
  cloudfront_distribution_id  = "E2EXAMPLE0DEV1"
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
  forecast_threshold_percent = 80

  relay_lambda_function_names = local.relay_lambda_function_names
  ec2_instance_id             = local.ec2_instance_id
  cloudfront_distribution_id  = local.cloudfront_distribution_id
  api_service_name            = "nostr-api"
  health_check_url            = "http://{publicIp}:8080/health"

  package_type          = var.package_type
  shutdown_package_path = local.shutdown_package_path
  recovery_package_path = local.recovery_package_path
  dry_run               = var.dry_run
  log_retention_days    = 7

  # Usage tripwires: shut down on abnormal traffic before billing catches up.
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
      evaluation_periods  = 1
      threshold           = 100000
      comparison_operator = "GreaterThanThreshold"
      region              = "us-east-1"
    }
    relay-invocations = {
      namespace   = "AWS/Lambda"
      metric_name = "Invocations"
      dimensions = {
        FunctionName = local.relay_lambda_function_names[1]
      }
      statistic           = "Sum"
      period              = 300
      evaluation_periods  = 1
      threshold           = 50000
      comparison_operator = "GreaterThanThreshold"
    }
  }

  slack_team_id    = var.slack_team_id
  slack_channel_id = var.slack_channel_id
}

module "ecs_scheduler" {
  source = "../../modules/ecs-scheduler"

  name_prefix = var.name_prefix

  services = [
    { cluster = "nostr-dev", service = "nostr-indexer" },
  ]
  scalable_target_arns = []

  default_desired_count = 1
  skip_dates            = []
  time_zone             = "Asia/Tokyo"
  schedule_timezone     = "Asia/Tokyo"

  # Office-hours reports go to the same Slack channel as the kill switch.
  result_topic_arn = module.kill_switch.result_sns_topic_arn

  package_type       = var.package_type
  package_path       = local.ecs_scheduler_package_path
  dry_run            = var.dry_run
  log_retention_days = 7
}

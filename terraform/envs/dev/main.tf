# Example development environment. The IDs below are placeholders: replace
# them with the real relay functions, instance, distribution and services.

locals {
  environment = "dev"

  tags = {
    Project     = "cost-guard"
    Environment = local.environment
    ManagedBy   = "terraform"
  }

  # `make package ARTIFACT=<kind>` writes <maven module>-<kind>.zip to the
  # artifacts directory; relative paths are taken from this directory, so
  # terraform can be run from anywhere (terraform -chdir=...).
  artifacts_dir = startswith(var.artifacts_dir, "/") ? var.artifacts_dir : "${path.module}/${var.artifacts_dir}"
  package_paths = {
    for fn in ["shutdown-fn", "recovery-fn", "ecs-scheduler-fn"] : fn => "${local.artifacts_dir}/${fn}-${var.artifact_kind}.zip"
  }
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

  relay_lambda_function_names = var.relay_lambda_function_names
  ec2_instance_id             = var.ec2_instance_id
  cloudfront_distribution_id  = var.cloudfront_distribution_id
  api_service_name            = "nostr-api"
  health_check_url            = var.health_check_url

  package_type          = var.artifact_kind
  artifact_bucket       = aws_s3_bucket.artifacts.bucket
  shutdown_package_path = local.package_paths["shutdown-fn"]
  recovery_package_path = local.package_paths["recovery-fn"]
  monthly_drill_enabled = var.monthly_drill_enabled
  dry_run               = var.dry_run
  log_retention_days    = var.log_retention_days

  # Usage tripwires: shut down on abnormal traffic before billing catches up.
  tripwire_alarms = {
    cloudfront-requests = {
      namespace   = "AWS/CloudFront"
      metric_name = "Requests"
      dimensions = {
        DistributionId = var.cloudfront_distribution_id
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
        FunctionName = var.relay_lambda_function_names[1]
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

  # Scalable targets (Service Auto Scaling) are found by the function and
  # granted by the module; nothing to copy here.
  services = var.ecs_services

  default_desired_count = 1
  # Holidays on weekdays: the scheduled start does nothing (services stay
  # asleep); the stop always runs, so nothing is left up overnight.
  skip_dates = var.ecs_skip_dates
  # One zone for the schedules and for the skip dates.
  time_zone = var.time_zone

  # Office-hours reports go to the same Slack channel as the kill switch.
  result_topic_arn = module.kill_switch.result_sns_topic_arn

  package_type       = var.artifact_kind
  artifact_bucket    = aws_s3_bucket.artifacts.bucket
  package_path       = local.package_paths["ecs-scheduler-fn"]
  dry_run            = var.dry_run
  log_retention_days = var.log_retention_days
}

# Add efs-scaler and the batch orchestration here as they land (their
# function names, and state_machine_arns for the orchestration).
module "dashboard" {
  source = "../../modules/dashboard"

  name   = "${var.name_prefix}-cost-guard"
  region = var.region
  function_names = [
    module.kill_switch.shutdown_lambda_function_name,
    module.kill_switch.recovery_lambda_function_name,
    module.ecs_scheduler.lambda_function_name,
  ]
  report_log_groups = [
    "/aws/lambda/${module.kill_switch.shutdown_lambda_function_name}",
    "/aws/lambda/${module.kill_switch.recovery_lambda_function_name}",
    "/aws/lambda/${module.ecs_scheduler.lambda_function_name}",
  ]
}

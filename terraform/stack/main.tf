# The one composition of the Cost Guard modules. Every environment
# (terraform/envs/<env>) links these files and adds only its backend, its
# name (environment.tf) and a tfvars example: what differs between
# environments is a variable, defaulted per environment in environments.tf.

locals {
  tags = {
    Project     = "cost-guard"
    Environment = var.environment
    ManagedBy   = "terraform"
  }

  name_prefix = coalesce(var.name_prefix, "costguard-${var.environment}")

  # `make package ARTIFACT=<kind>` writes <maven module>-<kind>.zip to the
  # artifacts directory; relative paths are taken from the environment's
  # directory, so terraform can be run from anywhere (terraform -chdir=...).
  artifacts_dir = startswith(var.artifacts_dir, "/") ? var.artifacts_dir : "${path.module}/${var.artifacts_dir}"
  package_paths = {
    for fn in ["shutdown-fn", "recovery-fn", "ecs-scheduler-fn", "efs-scaler-fn"] : fn => "${local.artifacts_dir}/${fn}-${var.artifact_kind}.zip"
  }

  # Usage tripwires: shut down on abnormal traffic before billing catches up.
  # A threshold of null leaves its alarm out; one relay alarm per function.
  tripwires = merge(local.defaults.tripwires, var.tripwire_thresholds == null ? {} : { for k, v in var.tripwire_thresholds : k => v if v != null })
  cloudfront_dimensions = {
    DistributionId = var.cloudfront_distribution_id
    Region         = "Global"
  }
  tripwire_alarms = merge(
    local.tripwires.cloudfront_requests_per_5_minutes == null ? {} : {
      cloudfront-requests = {
        namespace           = "AWS/CloudFront"
        metric_name         = "Requests"
        dimensions          = local.cloudfront_dimensions
        statistic           = "Sum"
        period              = 300
        evaluation_periods  = local.tripwires.evaluation_periods
        threshold           = local.tripwires.cloudfront_requests_per_5_minutes
        comparison_operator = "GreaterThanThreshold"
        region              = "us-east-1"
      }
    },
    local.tripwires.cloudfront_bytes_per_hour == null ? {} : {
      cloudfront-bytes-out = {
        namespace           = "AWS/CloudFront"
        metric_name         = "BytesDownloaded"
        dimensions          = local.cloudfront_dimensions
        statistic           = "Sum"
        period              = 3600
        evaluation_periods  = 1
        threshold           = local.tripwires.cloudfront_bytes_per_hour
        comparison_operator = "GreaterThanThreshold"
        region              = "us-east-1"
      }
    },
    local.tripwires.relay_invocations_per_5_minutes == null ? {} : {
      for name in var.relay_lambda_function_names : "relay-invocations-${name}" => {
        namespace           = "AWS/Lambda"
        metric_name         = "Invocations"
        dimensions          = { FunctionName = name }
        statistic           = "Sum"
        period              = 300
        evaluation_periods  = local.tripwires.evaluation_periods
        threshold           = local.tripwires.relay_invocations_per_5_minutes
        comparison_operator = "GreaterThanThreshold"
        region              = "default"
      }
    },
  )
}

module "kill_switch" {
  source = "../../modules/kill-switch"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name_prefix = local.name_prefix

  budget_limit_amount        = var.budget_limit_amount
  budget_cost_filter         = var.budget_cost_filter
  actual_threshold_percent   = var.actual_threshold_percent
  forecast_warning_enabled   = true
  forecast_threshold_percent = coalesce(var.forecast_threshold_percent, local.defaults.forecast_threshold_percent)

  relay_lambda_function_names = var.relay_lambda_function_names
  ec2_instance_id             = var.ec2_instance_id
  cloudfront_distribution_id  = var.cloudfront_distribution_id
  api_service_name            = var.api_service_name
  drain_seconds               = var.drain_seconds
  command_timeout_seconds     = var.command_timeout_seconds

  shutdown_reserved_concurrency = var.kill_switch_reserved_concurrency

  # With a private health URL ({privateIp}) recovery runs inside the VPC.
  # These subnets need a NAT gateway or VPC endpoints (EC2, Lambda, SSM, SNS,
  # CloudFront via NAT) for the function to reach the AWS APIs.
  health_check_url            = var.health_check_url
  recovery_subnet_ids         = var.recovery_subnet_ids
  recovery_security_group_ids = var.recovery_security_group_ids

  recovery_schedule_expression = var.recovery_schedule_expression

  package_type          = var.artifact_kind
  artifact_bucket       = aws_s3_bucket.artifacts.bucket
  shutdown_package_path = local.package_paths["shutdown-fn"]
  recovery_package_path = local.package_paths["recovery-fn"]
  monthly_drill_enabled = local.monthly_drill_enabled
  dry_run               = local.dry_run
  log_retention_days    = local.log_retention_days

  tripwire_alarms = local.tripwire_alarms

  slack_team_id    = var.slack_team_id
  slack_channel_id = var.slack_channel_id

  # The kill switch parks the services the business-hours scheduler runs, and
  # recovery outside business hours hands their sizes to the scheduler. The
  # hours are the scheduler's default MON-FRI 09:00-22:00 (module default):
  # keep ecs_business_hours equal to the start and stop expressions if they change.
  ecs_services                 = var.ecs_services
  ecs_scheduler_parameter_name = module.ecs_scheduler.snapshot_parameter_name
  ecs_time_zone                = var.time_zone
  ecs_skip_dates               = var.ecs_skip_dates
}

module "ecs_scheduler" {
  source = "../../modules/ecs-scheduler"

  name_prefix = local.name_prefix

  # Scalable targets (Service Auto Scaling) are found by the function and
  # granted by the module; nothing to copy here.
  services = var.ecs_services

  default_desired_count     = 1
  start_schedule_expression = var.ecs_start_schedule_expression
  stop_schedule_expression  = var.ecs_stop_schedule_expression
  # Holidays on weekdays: the scheduled start does nothing (services stay
  # asleep); the stop always runs, so nothing is left up overnight.
  skip_dates = var.ecs_skip_dates
  # One zone for the schedules and for the skip dates.
  time_zone = var.time_zone

  result_topic_arn = module.kill_switch.result_sns_topic_arn
  # While the kill switch has the estate parked, a start wakes nothing.
  parked_parameter_name = module.kill_switch.parked_parameter_name

  package_type       = var.artifact_kind
  artifact_bucket    = aws_s3_bucket.artifacts.bucket
  package_path       = local.package_paths["ecs-scheduler-fn"]
  dry_run            = local.dry_run
  log_retention_days = local.log_retention_days
}

# Optional: both need resources this environment does not create (the API's
# cluster, task definition and network; the file system); null = not deployed.
module "orchestration" {
  source = "../../modules/orchestration"
  count  = var.orchestration == null ? 0 : 1

  name_prefix = local.name_prefix

  cluster_arn          = var.orchestration.cluster_arn
  task_definition_arn  = var.orchestration.task_definition_arn
  task_role_arns       = var.orchestration.task_role_arns
  container_name       = var.orchestration.container_name
  batch_task           = var.orchestration.batch_task
  subnet_ids           = var.orchestration.subnet_ids
  security_group_ids   = var.orchestration.security_group_ids
  use_fargate_spot     = coalesce(var.orchestration.use_fargate_spot, local.defaults.batch_fargate_spot)
  time_zone            = var.orchestration.time_zone
  success_alarm_hours  = var.orchestration.success_alarm_hours
  assign_public_ip     = var.orchestration.assign_public_ip
  task_timeout_seconds = var.orchestration.task_timeout_seconds
  schedule_expression  = var.orchestration.schedule_expression

  schedule_enabled = coalesce(var.batch_schedule_enabled, local.defaults.batch_schedule_enabled)

  # A finally failed night goes to the same Slack channel as the kill switch.
  alarm_topic_arn    = module.kill_switch.result_sns_topic_arn
  log_retention_days = local.log_retention_days
  # While the kill switch has the estate parked, the night starts no task.
  parked_parameter_name = module.kill_switch.parked_parameter_name
}

module "efs_scaler" {
  source = "../../modules/efs-scaler"
  count  = var.efs_scaler == null ? 0 : 1

  name_prefix = local.name_prefix

  file_system_id                  = var.efs_scaler.file_system_id
  access_point_arn                = var.efs_scaler.access_point_arn
  target_directory                = var.efs_scaler.target_directory
  file_count_threshold            = var.efs_scaler.file_count_threshold
  count_mode                      = var.efs_scaler.count_mode
  count_recursive                 = var.efs_scaler.count_recursive
  vpc_id                          = var.efs_scaler.vpc_id
  mount_target_security_group_ids = var.efs_scaler.mount_target_security_group_ids
  lambda_subnet_ids               = var.efs_scaler.lambda_subnet_ids
  lambda_security_group_ids       = var.efs_scaler.lambda_security_group_ids
  create_vpc_endpoints            = var.efs_scaler.create_vpc_endpoints
  existing_vpc_endpoint_services  = var.efs_scaler.existing_vpc_endpoint_services
  reserved_concurrent_executions  = var.efs_scaler.reserved_concurrent_executions
  endpoint_subnet_ids             = var.efs_scaler.endpoint_subnet_ids
  ecs_cluster_name                = var.efs_scaler.ecs_cluster_name
  ecs_service_name                = var.efs_scaler.ecs_service_name
  schedule_expression             = var.efs_scaler.schedule_expression
  schedule_enabled                = var.efs_scaler.schedule_enabled

  # Run reports go to the same Slack channel as the kill switch.
  result_topic_arn = module.kill_switch.result_sns_topic_arn
  # While the kill switch has the estate parked, no mount target is created.
  parked_parameter_name = module.kill_switch.parked_parameter_name

  # modules/efs-scaler takes no artifact_bucket yet, so its zip is uploaded
  # directly (Lambda's 50 MB limit applies; the native zip is well below it).
  package_type       = var.artifact_kind
  package_path       = local.package_paths["efs-scaler-fn"]
  dry_run            = local.dry_run
  log_retention_days = local.log_retention_days
}

module "dashboard" {
  source = "../../modules/dashboard"

  name   = "${local.name_prefix}-cost-guard"
  region = var.region
  function_names = concat([
    module.kill_switch.shutdown_lambda_function_name,
    module.kill_switch.recovery_lambda_function_name,
    module.ecs_scheduler.lambda_function_name,
  ], module.efs_scaler[*].function_name)
  report_log_groups = concat([
    "/aws/lambda/${module.kill_switch.shutdown_lambda_function_name}",
    "/aws/lambda/${module.kill_switch.recovery_lambda_function_name}",
    "/aws/lambda/${module.ecs_scheduler.lambda_function_name}",
  ], [for name in module.efs_scaler[*].function_name : "/aws/lambda/${name}"])
  state_machine_arns = module.orchestration[*].state_machine_arn
}

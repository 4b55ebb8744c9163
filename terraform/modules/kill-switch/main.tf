data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # Lambda sizing shared by both functions.
  lambda_timeout = 180
  lambda_memory  = 256

  shutdown_function_name = "${var.name_prefix}-shutdown"
  recovery_function_name = "${var.name_prefix}-recovery"
  budget_name            = "${var.name_prefix}-monthly-cost"
  recovery_schedule_name = "${var.name_prefix}-recovery"
  drill_schedule_name    = "${var.name_prefix}-drill"
  schedule_group_name    = "${var.name_prefix}-kill-switch"

  snapshot_parameter_name = coalesce(var.snapshot_parameter_name, "/cost-guard/${var.name_prefix}/kill-switch-snapshot")

  # ARNs of the resources the functions act on, built from the IDs given.
  relay_function_arns = [
    for name in var.relay_lambda_function_names :
    "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${name}"
  ]
  instance_arn     = "arn:${local.partition}:ec2:${local.region}:${local.account_id}:instance/${var.ec2_instance_id}"
  distribution_arn = "arn:${local.partition}:cloudfront::${local.account_id}:distribution/${var.cloudfront_distribution_id}"
  # The only tag keys the kill switch and recovery may write or remove: the prior state they record on each item.
  prior_tag_keys                = "cost-guard:prior-*"
  run_shell_script_document_arn = "arn:${local.partition}:ssm:${local.region}::document/AWS-RunShellScript"
  snapshot_parameter_arn        = "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${trimprefix(local.snapshot_parameter_name, "/")}"

  # Tripwire alarms are split by the region they must live in; each group
  # gets its own SNS topic in that region (alarm actions must be same-region).
  tripwire_alarms_default   = { for k, a in var.tripwire_alarms : k => a if a.region == "default" }
  tripwire_alarms_us_east_1 = { for k, a in var.tripwire_alarms : k => a if a.region == "us-east-1" }
  # Topic ARNs built from their names rather than read from the resources,
  # so the functions' environment and policies are known at plan time and
  # their size checks (4 KB environment, 10,240-character policy) run then.
  alert_topic_arn  = "arn:${local.partition}:sns:${local.region}:${local.account_id}:${var.name_prefix}-budget-alert"
  result_topic_arn = "arn:${local.partition}:sns:${local.region}:${local.account_id}:${var.name_prefix}-result"
  tripwire_topic_arns = concat(
    [for t in aws_sns_topic.tripwire : "arn:${local.partition}:sns:${local.region}:${local.account_id}:${t.name}"],
    [for t in aws_sns_topic.tripwire_us_east_1 : "arn:${local.partition}:sns:us-east-1:${local.account_id}:${t.name}"],
  )

  recovery_in_vpc = length(var.recovery_subnet_ids) > 0

  chatbot_enabled = var.slack_team_id != "" && var.slack_channel_id != ""
}

# Plan-time warnings (non-blocking) when the configured waits cannot fit in
# the fixed 180 s Lambda timeout.
check "shutdown_waits_fit_timeout" {
  assert {
    condition     = var.drain_seconds + var.command_timeout_seconds < local.lambda_timeout
    error_message = "drain_seconds + command_timeout_seconds (${var.drain_seconds + var.command_timeout_seconds} s) leaves no headroom in the ${local.lambda_timeout} s shutdown timeout."
  }
}

check "recovery_waits_fit_timeout" {
  assert {
    condition     = var.start_timeout_seconds + var.health_attempts * var.health_interval_seconds < local.lambda_timeout
    error_message = "start_timeout_seconds + health_attempts * health_interval_seconds (${var.start_timeout_seconds + var.health_attempts * var.health_interval_seconds} s) leaves no headroom in the ${local.lambda_timeout} s recovery timeout."
  }
}

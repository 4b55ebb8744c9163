# Nightly batch orchestration (seed "OrchestrationStack"): an EventBridge schedule starts a STANDARD state machine
# that runs batch-job (ECS RunTask .sync) on the existing API task definition (reuse mode) or on the module's own
# (batch_task, task-definition.tf), retries it, and reports a final failure to the monitoring topic in AWS Chatbot's
# format.

locals {
  # Partition, region and account come from the cluster ARN, so the module needs no data source.
  arn_parts     = split(":", var.cluster_arn)
  partition     = local.arn_parts[1]
  region        = local.arn_parts[3]
  account_id    = local.arn_parts[4]
  cluster_name  = split("/", var.cluster_arn)[1]
  state_machine = "${var.name_prefix}-nightly-batch"

  own_task            = var.batch_task != null
  task_definition_arn = local.own_task ? aws_ecs_task_definition.batch[0].arn : var.task_definition_arn
  container_name      = local.own_task ? "batch-job" : var.container_name
  task_role_arns      = local.own_task ? [aws_iam_role.batch_execution[0].arn] : var.task_role_arns

  # A task definition named without revision runs its latest ACTIVE revision, so the grant covers them all; the
  # module's own is always pinned to the revision it registered.
  task_definition_pinned = local.own_task || can(regex(":[0-9]+$", var.task_definition_arn))
  run_task_resources     = local.task_definition_pinned ? [local.task_definition_arn] : [local.task_definition_arn, "${local.task_definition_arn}:*"]
}

module "definition" {
  source = "./definition"

  cluster_arn            = var.cluster_arn
  task_definition_arn    = local.task_definition_arn
  container_name         = local.container_name
  batch_command          = var.batch_command
  use_fargate_spot       = var.use_fargate_spot
  subnet_ids             = var.subnet_ids
  security_group_ids     = var.security_group_ids
  assign_public_ip       = var.assign_public_ip
  task_timeout_seconds   = var.task_timeout_seconds
  retry_interval_seconds = var.retry_interval_seconds
  alarm_topic_arn        = var.alarm_topic_arn
  parked_parameter_name  = var.parked_parameter_name
  time_zone              = var.time_zone
}

# The /aws/vendedlogs/ prefix keeps Step Functions' log delivery from growing the account's CloudWatch Logs
# resource policy with one statement per log group.
resource "aws_cloudwatch_log_group" "executions" {
  name              = "/aws/vendedlogs/states/${local.state_machine}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_sfn_state_machine" "nightly_batch" {
  name       = local.state_machine
  type       = "STANDARD"
  role_arn   = aws_iam_role.state_machine.arn
  definition = module.definition.json

  logging_configuration {
    level                  = "ALL"
    include_execution_data = true
    log_destination        = "${aws_cloudwatch_log_group.executions.arn}:*"
  }

  tags = var.tags

  # The role's policy must exist before the state machine validates its log destination and integrations.
  depends_on = [aws_iam_role_policy.state_machine]
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  function_name = "${var.name_prefix}-ecs-scheduler"

  snapshot_parameter_name = coalesce(var.snapshot_parameter_name, "/cost-guard/${var.name_prefix}/ecs-scheduler-snapshot")
  snapshot_parameter_arn  = "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${trimprefix(local.snapshot_parameter_name, "/")}"

  service_pairs = [for s in var.services : "${s.cluster}/${s.service}"]
  service_arns  = [for p in local.service_pairs : "arn:${local.partition}:ecs:${local.region}:${local.account_id}:service/${p}"]

  publish_results = var.result_topic_arn != ""

  schedules = {
    start = var.start_schedule_expression
    stop  = var.stop_schedule_expression
  }
}

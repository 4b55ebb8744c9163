###############################################################################
# efs-scaler: a Lambda run every 5 minutes that counts the files of a directory
# on EFS and, above a threshold, adds a mount target in an Availability Zone
# that has none, publishes the list to SSM and redeploys the consumer service.
###############################################################################

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  function_name = "${var.name_prefix}-efs-scaler"

  parameter_name = coalesce(var.mount_target_parameter_name, "/cost-guard/${var.name_prefix}/efs-mount-targets")
  parameter_arn  = "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${trimprefix(local.parameter_name, "/")}"

  file_system_arn = "arn:${local.partition}:elasticfilesystem:${local.region}:${local.account_id}:file-system/${var.file_system_id}"
  service_arn     = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:service/${var.ecs_cluster_name}/${var.ecs_service_name}"

  publish_results = var.result_topic_arn != ""

  # A value the list codec reads (schemaVersion 1, a real fileSystemId, no targets): an empty fileSystemId is refused.
  initial_mount_target_list = var.initial_mount_target_list != null ? var.initial_mount_target_list : jsonencode({
    schemaVersion = 1
    fileSystemId  = var.file_system_id
    mountTargets  = []
  })
}

resource "aws_ssm_parameter" "mount_targets" {
  name        = local.parameter_name
  description = "Cost Guard: the EFS mount-target list the efs-scaler publishes and consumers route by."
  type        = "String"
  value       = local.initial_mount_target_list
  tags        = var.tags

  # The scaler owns the value after the first run.
  lifecycle {
    ignore_changes = [value]
  }
}

# The nightly batch's state machine definition: the Amazon States Language template rendered with the module's
# settings. A module of its own, without providers, so tools/check-definition.sh renders it exactly as the
# orchestration module does, offline, and validates the result.

locals {
  # The batch command plus the day, e.g. States.Array('java', '-jar', '/app.jar', $.day). The variable's validation
  # keeps quotes and braces out of the words, so no escaping is needed inside the intrinsic function.
  command_with_day = format("States.Array(%s, $.day)", join(", ", [for word in var.batch_command : "'${word}'"]))
}

output "json" {
  description = "The state machine definition (Amazon States Language, JSON)."
  value = templatefile("${path.module}/state-machine.asl.json.tftpl", {
    cluster_arn          = var.cluster_arn
    task_definition_arn  = var.task_definition_arn
    container_name       = var.container_name
    command_with_day     = local.command_with_day
    use_fargate_spot     = var.use_fargate_spot
    subnet_ids           = var.subnet_ids
    security_group_ids   = var.security_group_ids
    assign_public_ip     = var.assign_public_ip
    task_timeout_seconds = var.task_timeout_seconds
    retry_interval       = var.retry_interval_seconds
    alarm_topic_arn      = var.alarm_topic_arn
    parked_parameter     = var.parked_parameter_name
  })
}

output "state_machine_arn" {
  description = "The nightly batch state machine; start a run by hand with {\"day\": \"yyyy-MM-dd\"}."
  value       = aws_sfn_state_machine.nightly_batch.arn
}

output "state_machine_role_arn" {
  description = "The state machine's role."
  value       = aws_iam_role.state_machine.arn
}

output "log_group_name" {
  description = "Execution history (level ALL, with input and output)."
  value       = aws_cloudwatch_log_group.executions.name
}

output "schedule_rule_name" {
  description = "The EventBridge rule that starts the nightly run."
  value       = aws_cloudwatch_event_rule.nightly.name
}

output "definition" {
  description = "The rendered state machine definition (JSON)."
  value       = module.definition.json
}

output "schedule_state" {
  description = "State of the nightly rule: ENABLED or DISABLED (from schedule_enabled)."
  value       = aws_cloudwatch_event_rule.nightly.state
}

output "task_definition_arn" {
  description = "The task definition the state machine runs: the reused API one, or the module's own (batch_task)."
  value       = local.task_definition_arn
}

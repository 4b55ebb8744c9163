output "alert_sns_topic_arn" {
  description = "Topic AWS Budgets publishes the kill-switch alert to."
  value       = module.kill_switch.alert_sns_topic_arn
}

output "result_sns_topic_arn" {
  description = "Topic receiving shutdown, recovery and office-hours reports."
  value       = module.kill_switch.result_sns_topic_arn
}

output "tripwire_sns_topic_arns" {
  description = "Tripwire topics (default region, then us-east-1)."
  value       = module.kill_switch.tripwire_sns_topic_arns
}

output "shutdown_lambda_function_name" {
  description = "Kill-switch shutdown function."
  value       = module.kill_switch.shutdown_lambda_function_name
}

output "recovery_lambda_function_name" {
  description = "Scheduled recovery function."
  value       = module.kill_switch.recovery_lambda_function_name
}

output "budget_name" {
  description = "Monthly cost budget."
  value       = module.kill_switch.budget_name
}

output "ecs_scheduler_lambda_function_name" {
  description = "ECS office-hours scheduler function."
  value       = module.ecs_scheduler.lambda_function_name
}

output "artifact_bucket" {
  description = "S3 bucket the function packages are deployed from."
  value       = aws_s3_bucket.artifacts.id
}

output "failed_invocations_queue_url" {
  description = "Invocations that failed for good or were never delivered; see docs/RUNBOOK.md."
  value       = module.kill_switch.failed_invocations_queue_url
}

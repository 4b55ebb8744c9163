output "alert_sns_topic_arn" {
  description = "ARN of the topic AWS Budgets publishes the ACTUAL-spend alert to; it invokes the shutdown Lambda."
  value       = aws_sns_topic.alert.arn
}

output "result_sns_topic_arn" {
  description = "ARN of the topic receiving shutdown/recovery reports, failed invocations and the forecast warning (forwarded to Slack when configured). Subscribe e-mail here if wanted."
  # Built from the name (known at plan time, so callers can decide on it);
  # the topic itself is created by this module.
  value = local.result_topic_arn
}

output "tripwire_sns_topic_arns" {
  description = "ARNs of the tripwire topics that exist (default region first, then us-east-1); empty when no tripwire alarms are configured."
  value       = local.tripwire_topic_arns
}

output "shutdown_lambda_function_name" {
  description = "Name of the shutdown (kill switch) Lambda function."
  value       = module.shutdown.function_name
}

output "shutdown_lambda_arn" {
  description = "ARN of the shutdown (kill switch) Lambda function."
  value       = module.shutdown.function_arn
}

output "recovery_lambda_function_name" {
  description = "Name of the recovery Lambda function."
  value       = module.recovery.function_name
}

output "recovery_lambda_arn" {
  description = "ARN of the recovery Lambda function."
  value       = module.recovery.function_arn
}

output "budget_name" {
  description = "Name of the monthly cost budget."
  value       = aws_budgets_budget.monthly.name
}

output "recovery_schedule_arn" {
  description = "ARN of the EventBridge Scheduler schedule that runs the recovery."
  value       = aws_scheduler_schedule.recovery.arn
}

output "snapshot_parameter_name" {
  description = "SSM parameter the shutdown writes and the recovery reads/deletes."
  value       = local.snapshot_parameter_name
}

output "chatbot_configuration_arn" {
  description = "ARN of the Chatbot Slack channel configuration, or null when Slack is not configured."
  value       = one(aws_chatbot_slack_channel_configuration.this[*].chat_configuration_arn)
}

output "shutdown_lambda_function" {
  description = "The shutdown aws_lambda_function object (runtime, handler, package source), for the environments' tests."
  value       = module.shutdown.lambda_function
}

output "recovery_lambda_function" {
  description = "The recovery aws_lambda_function object, for the environments' tests."
  value       = module.recovery.lambda_function
}

output "failed_invocations_queue_url" {
  description = "SQS queue holding invocations that failed for good or were never delivered (Lambda on-failure records, Scheduler dead letters); its alarm notifies the result topic."
  value       = aws_sqs_queue.failed.url
}

output "parked_parameter_name" {
  description = "SSM parameter whose existence parks the estate (written by the kill switch, deleted by recovery); pass it to the ecs-scheduler, efs-scaler and orchestration modules."
  value       = local.parked_parameter_name
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function."
  value       = aws_lambda_function.this.arn
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "log_group_name" {
  description = "Name of the function's CloudWatch log group."
  value       = aws_cloudwatch_log_group.this.name
}

# The whole resource objects, for attributes not covered above (the calling
# modules' tests assert on the environment, runtime, VPC attachment, retries).
output "alias_name" {
  description = "Name of the alias the triggers invoke (the qualifier of their Lambda permissions)."
  value       = aws_lambda_alias.live.name
}

output "alias_arn" {
  description = "ARN of the alias the triggers invoke: SNS subscriptions, schedules and their roles point here."
  value       = aws_lambda_alias.live.arn
}

output "published_version" {
  description = "The version this deployment published, the one the alias points at."
  value       = aws_lambda_function.this.version
}

output "lambda_function" {
  description = "The aws_lambda_function resource object."
  value       = aws_lambda_function.this
}

output "event_invoke_config" {
  description = "The aws_lambda_function_event_invoke_config resource object."
  value       = aws_lambda_function_event_invoke_config.this
}

output "errors_alarm_name" {
  description = "Name of the alarm on the function's Errors metric (null without alarm_topic_arn)."
  value       = try(aws_cloudwatch_metric_alarm.errors[0].alarm_name, null)
}

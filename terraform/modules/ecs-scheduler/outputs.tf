output "lambda_function_name" {
  description = "Name of the ECS scheduler Lambda function."
  value       = module.function.function_name
}

output "lambda_function_arn" {
  description = "ARN of the ECS scheduler Lambda function."
  value       = module.function.function_arn
}

output "start_schedule_arn" {
  description = "ARN of the schedule that starts the services."
  value       = aws_scheduler_schedule.this["start"].arn
}

output "stop_schedule_arn" {
  description = "ARN of the schedule that scales the services to 0."
  value       = aws_scheduler_schedule.this["stop"].arn
}

output "snapshot_parameter_name" {
  description = "SSM parameter the function uses to remember desired counts while stopped."
  value       = local.snapshot_parameter_name
}

output "lambda_role_arn" {
  description = "ARN of the function's execution role."
  value       = module.function.role_arn
}

output "lambda_function" {
  description = "The aws_lambda_function object (runtime, handler, package source), for the environments' tests."
  value       = module.function.lambda_function
}

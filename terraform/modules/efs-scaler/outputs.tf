output "function_name" {
  description = "Name of the scaler Lambda."
  value       = module.function.function_name
}

output "function_arn" {
  description = "ARN of the scaler Lambda."
  value       = module.function.function_arn
}

output "role_name" {
  description = "Execution role of the scaler."
  value       = module.function.role_name
}

output "mount_target_parameter_name" {
  description = "SSM parameter with the mount-target list (what consumers read)."
  value       = aws_ssm_parameter.mount_targets.name
}

output "schedule_rule_name" {
  description = "EventBridge rule that runs the scaler."
  value       = aws_cloudwatch_event_rule.schedule.name
}

output "vpc_endpoint_ids" {
  description = "Interface endpoints created for the function, by service."
  value       = { for k, v in aws_vpc_endpoint.api : k => v.id }
}

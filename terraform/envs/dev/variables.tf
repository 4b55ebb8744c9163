variable "region" {
  description = "AWS region of the protected stack and of the Cost Guard functions."
  type        = string
  default     = "ap-northeast-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as ap-northeast-1."
  }
}

variable "name_prefix" {
  description = "Prefix of every Cost Guard resource in this environment."
  type        = string
  default     = "costguard-dev"
}

variable "budget_limit_amount" {
  description = "Monthly cost budget (USD) above which the kill switch fires."
  type        = string
}

variable "relay_lambda_function_names" {
  description = "Lambda functions the kill switch throttles to 0 (names, not ARNs)."
  type        = list(string)
}

variable "ec2_instance_id" {
  description = "The EC2 host running the API service (i- and 8 or 17 hex digits)."
  type        = string
}

variable "cloudfront_distribution_id" {
  description = "The CloudFront distribution in front of the API."
  type        = string
}

variable "health_check_url" {
  description = "URL recovery polls after starting the host; {privateIp}/{publicIp} are filled in at run time."
  type        = string
}

variable "recovery_subnet_ids" {
  description = "Subnets for the recovery function when the health URL is private ({privateIp}); empty = no VPC."
  type        = list(string)
  default     = []
}

variable "recovery_security_group_ids" {
  description = "Security groups for the recovery function in the VPC; empty = no VPC."
  type        = list(string)
  default     = []
}

variable "ecs_services" {
  description = "ECS services put to sleep outside business hours, as cluster/service name pairs."
  type = list(object({
    cluster = string
    service = string
  }))
}

variable "ecs_skip_dates" {
  description = "Weekday holidays (YYYY-MM-DD, in time_zone) on which the scheduled start does nothing; the stop always runs."
  type        = list(string)
  default     = []
}

variable "time_zone" {
  description = "Time zone of the business hours: the ECS start/stop schedules and the skip dates."
  type        = string
  default     = "Asia/Tokyo"
}

variable "slack_team_id" {
  description = "Slack workspace ID for AWS Chatbot notifications; empty disables Slack."
  type        = string
  default     = ""
}

variable "slack_channel_id" {
  description = "Slack channel ID for AWS Chatbot notifications; empty disables Slack."
  type        = string
  default     = ""
}

variable "artifact_kind" {
  description = "\"native\" (provided.al2023, bootstrap) or \"jvm\" (java21): which zips `make package ARTIFACT=<kind>` built and the functions run."
  type        = string
  default     = "native"

  validation {
    condition     = contains(["native", "jvm"], var.artifact_kind)
    error_message = "artifact_kind must be \"native\" or \"jvm\"."
  }
}

variable "artifacts_dir" {
  description = "Directory holding <module>-<kind>.zip from `make package`; relative paths are resolved from this directory."
  type        = string
  default     = "../../../dist"
}

variable "log_retention_days" {
  description = "Retention of the functions' log groups, in days."
  type        = number
  default     = 7
}

variable "monthly_drill_enabled" {
  description = "Invoke the kill switch once a month as a dry run ({\"reason\": \"monthly drill\", \"dryRun\": true}) to prove the path to Slack."
  type        = bool
  default     = false
}

variable "dry_run" {
  description = "Run every Cost Guard function in dry-run mode (report only)."
  type        = bool
  default     = true
}

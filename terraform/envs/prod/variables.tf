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
  default     = "costguard-prod"
}

variable "budget_limit_amount" {
  description = "Monthly cost budget (USD) above which the kill switch fires."
  type        = string
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

variable "package_type" {
  description = "\"native\" or \"jvm\": how the Quarkus functions were built."
  type        = string
  default     = "native"
}

variable "shutdown_package_path" {
  description = "Shutdown function package; relative paths are resolved from this directory."
  type        = string
  default     = "../../../shutdown-fn/target/function.zip"
}

variable "recovery_package_path" {
  description = "Recovery function package; relative paths are resolved from this directory."
  type        = string
  default     = "../../../recovery-fn/target/function.zip"
}

variable "ecs_scheduler_package_path" {
  description = "ECS scheduler function package; relative paths are resolved from this directory."
  type        = string
  default     = "../../../ecs-scheduler-fn/target/function.zip"
}

variable "dry_run" {
  description = "Run every Cost Guard function in dry-run mode (report only)."
  type        = bool
  default     = false
}

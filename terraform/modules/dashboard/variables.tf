variable "name" {
  description = "Dashboard name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.name))
    error_message = "name must be 1-255 letters, digits, hyphens or underscores."
  }
}

variable "function_names" {
  description = "Cost Guard Lambda functions: one row each with invocations, errors and duration."
  type        = list(string)

  validation {
    condition     = length(var.function_names) > 0
    error_message = "function_names must list at least one function."
  }
}

variable "report_log_groups" {
  description = "Log groups whose run_report lines (one JSON line per run) feed the \"last outcomes\" table, e.g. the kill switch's and recovery's."
  type        = list(string)
  default     = []
}

variable "state_machine_arns" {
  description = "Step Functions state machines (e.g. the batch orchestration) shown with their executions started, succeeded and failed. Empty = no such row."
  type        = list(string)
  default     = []
}

variable "region" {
  description = "Region of the metrics."
  type        = string
}

# Validated by the orchestration module, which is the interface; here only the types.

variable "cluster_arn" {
  type = string
}

variable "task_definition_arn" {
  type = string
}

variable "container_name" {
  type = string
}

variable "batch_command" {
  type = list(string)
}

variable "use_fargate_spot" {
  type = bool
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

variable "assign_public_ip" {
  type = bool
}

variable "task_timeout_seconds" {
  type = number
}

variable "retry_interval_seconds" {
  type = number
}

variable "alarm_topic_arn" {
  type = string
}

variable "parked_parameter_name" {
  description = "The kill switch's parked marker; empty: the state machine does not read it."
  type        = string
  default     = ""
}

variable "time_zone" {
  type = string
}

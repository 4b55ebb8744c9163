variable "name_prefix" {
  description = "Prefix of every resource name, e.g. \"cost-guard-dev\"."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 1-40 letters, digits or hyphens."
  }
}

variable "cluster_arn" {
  description = "ARN of the existing ECS cluster the batch task runs in."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]{1,255}$", var.cluster_arn))
    error_message = "cluster_arn must be an ECS cluster ARN, arn:aws:ecs:<region>:<account>:cluster/<name>."
  }
}

variable "task_definition_arn" {
  description = "ARN of the existing (API) task definition the batch reuses through a command override; with a revision (…:42) to pin it, without one for the latest ACTIVE revision."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:task-definition/[A-Za-z0-9_-]{1,255}(:[0-9]+)?$", var.task_definition_arn))
    error_message = "task_definition_arn must be an ECS task definition ARN, arn:aws:ecs:<region>:<account>:task-definition/<family>[:<revision>]."
  }
}

variable "task_role_arns" {
  description = "The task definition's execution role and task role: Step Functions passes them to ECS (iam:PassRole)."
  type        = list(string)

  validation {
    condition     = length(var.task_role_arns) > 0 && alltrue([for arn in var.task_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$", arn))])
    error_message = "task_role_arns must list at least one IAM role ARN (the execution role, and the task role if there is one)."
  }
}

variable "container_name" {
  description = "Name of the container in the task definition that runs the batch; only its command is overridden."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.container_name))
    error_message = "container_name must be 1-255 letters, digits, hyphens or underscores (an ECS container name)."
  }
}

variable "batch_command" {
  description = "The batch container's command; the day (yyyy-MM-dd) is appended as the last argument. The default is a short-lived JVM's: C1 only, the serial collector, the AppCDS archive the image writes with cds-archive.sh, shipped in quarkus-app/ (-Xshare:auto runs without it if it is missing or from another JVM), JVM warnings on stderr so stdout stays JSON."
  type        = list(string)
  default     = ["java", "-XX:MaxRAMPercentage=75", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=/opt/cost-guard/batch-job/app-cds.jsa", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", "/opt/cost-guard/batch-job/quarkus-run.jar"]

  validation {
    condition     = length(var.batch_command) > 0 && alltrue([for word in var.batch_command : can(regex("^[A-Za-z0-9_./=:@%+,-]+$", word))])
    error_message = "batch_command must be non-empty words of letters, digits and _ . / = : @ % + , - (they are embedded in a States.Array call)."
  }
}

variable "use_fargate_spot" {
  description = "Run on the FARGATE_SPOT capacity provider (the cluster must have it) instead of launch type FARGATE. The batch is idempotent and retried, so an interrupted Spot task costs only time."
  type        = bool
  default     = true
}

variable "subnet_ids" {
  description = "Subnets of the task (awsvpc); private subnets with a route to the database and to ECR/Secrets Manager."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && length(var.subnet_ids) <= 16 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "subnet_ids must list 1-16 subnet ids (subnet-…)."
  }
}

variable "security_group_ids" {
  description = "Security groups of the task; one of them must be allowed into the database."
  type        = list(string)

  validation {
    condition     = length(var.security_group_ids) > 0 && length(var.security_group_ids) <= 5 && alltrue([for id in var.security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "security_group_ids must list 1-5 security group ids (sg-…)."
  }
}

variable "assign_public_ip" {
  description = "Give the task a public IP (only for public subnets without a NAT gateway)."
  type        = bool
  default     = false
}

variable "task_timeout_seconds" {
  description = "How long one attempt may run before Step Functions stops waiting for it (States.Timeout, not retried)."
  type        = number
  default     = 3600

  validation {
    condition     = var.task_timeout_seconds >= 60 && var.task_timeout_seconds <= 86400 && floor(var.task_timeout_seconds) == var.task_timeout_seconds
    error_message = "task_timeout_seconds must be a whole number between 60 and 86400."
  }
}

variable "retry_interval_seconds" {
  description = "Wait before the first retry of a failed task; it doubles for each further retry (3 retries)."
  type        = number
  default     = 60

  validation {
    condition     = var.retry_interval_seconds >= 1 && var.retry_interval_seconds <= 3600 && floor(var.retry_interval_seconds) == var.retry_interval_seconds
    error_message = "retry_interval_seconds must be a whole number between 1 and 3600."
  }
}

variable "alarm_topic_arn" {
  description = "The monitoring SNS topic AWS Chatbot subscribes to; a finally failed night is published there."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN, arn:aws:sns:<region>:<account>:<name>."
  }
}

variable "parked_parameter_name" {
  description = "The kill switch's parked marker (the kill-switch module's parked_parameter_name output). While it exists the state machine's first state ends the execution with a Slack notice on alarm_topic_arn instead of running the task. Empty: the state machine does not read it."
  type        = string
  default     = ""

  validation {
    condition     = var.parked_parameter_name == "" || (can(regex("^/[A-Za-z0-9_./-]+$", var.parked_parameter_name)) && try(length(var.parked_parameter_name) <= 1011, false))
    error_message = "parked_parameter_name must be empty or a hierarchical SSM parameter name starting with '/'."
  }
}

variable "log_retention_days" {
  description = "Retention of the state machine's execution log group."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "schedule_expression" {
  description = "When the batch runs. The day is the UTC date of the scheduled time, so keep it between 15:00 and 23:59 UTC (after midnight in Tokyo)."
  type        = string
  default     = "cron(0 17 * * ? *)"

  validation {
    condition     = can(regex("^cron\\([0-5]?[0-9] (1[5-9]|2[0-3]) [^ ]+ [^ ]+ [^ ]+ [^ ]+\\)$", var.schedule_expression))
    error_message = "schedule_expression must be a cron(...) at a fixed minute and an hour from 15 to 23 UTC, so that the UTC date of the run is the Tokyo day that just ended."
  }
}

variable "schedule_enabled" {
  description = "Whether the nightly schedule runs (false in dev: start executions by hand; true in prod)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}

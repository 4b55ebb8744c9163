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
  description = "Reuse mode (seed 004): ARN of the existing (API) task definition the batch runs with a command override; with a revision (…:42) to pin it, without one for the latest ACTIVE revision. Its container_name container must have no ENTRYPOINT, a JRE and the job at /opt/cost-guard/batch-job/, and DB_HOST, DB_NAME, DB_USER, DB_PASSWORD. Leave null and set batch_task to use the module's own task definition instead."
  type        = string
  default     = null

  validation {
    condition     = (var.task_definition_arn == null) != (var.batch_task == null)
    error_message = "Set exactly one of task_definition_arn (reuse the API's task definition) and batch_task (the module's own task definition for the batch image)."
  }
  validation {
    condition     = var.task_definition_arn == null || can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:task-definition/[A-Za-z0-9_-]{1,255}(:[0-9]+)?$", var.task_definition_arn))
    error_message = "task_definition_arn must be an ECS task definition ARN, arn:aws:ecs:<region>:<account>:task-definition/<family>[:<revision>]."
  }
}

variable "batch_task" {
  description = "Own-task-definition mode: the batch image (batch-job/Dockerfile) run in a task definition of this module, container \"batch-job\". The database password is never a plain value: db_password_arn names a Secrets Manager secret or an SSM SecureString parameter, which ECS injects as DB_PASSWORD through the task definition's secrets (kms_key_arn if it is encrypted with a customer key)."
  type = object({
    image           = string
    cpu             = optional(number, 512)
    memory          = optional(number, 1024)
    db_host         = string
    db_port         = optional(number, 5432)
    db_name         = string
    db_user         = string
    db_password_arn = string
    kms_key_arn     = optional(string)
  })
  default = null

  validation {
    condition = var.batch_task == null ? true : (
      can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+|ssm:[a-z0-9-]+:[0-9]{12}:parameter/.+)$", var.batch_task.db_password_arn)) &&
      (var.batch_task.kms_key_arn == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.batch_task.kms_key_arn))) &&
      length(var.batch_task.image) > 0 && length(var.batch_task.db_host) > 0 && length(var.batch_task.db_name) > 0 && length(var.batch_task.db_user) > 0 &&
      contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.batch_task.cpu) && var.batch_task.memory >= 512
    )
    error_message = "batch_task needs image, db_host, db_name, db_user, a db_password_arn that is a Secrets Manager secret ARN or an SSM parameter ARN (never the password itself), a Fargate cpu (256-16384) and memory of at least 512 MiB; kms_key_arn, if set, must be a KMS key ARN."
  }
}

variable "task_role_arns" {
  description = "Reuse mode: the task definition's execution role and task role, which Step Functions passes to ECS (iam:PassRole). Not used with batch_task (the module passes its own execution role)."
  type        = list(string)
  default     = null

  validation {
    condition     = var.task_role_arns == null ? var.task_definition_arn == null : length(var.task_role_arns) > 0 && alltrue([for arn in var.task_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$", arn))])
    error_message = "task_role_arns must list at least one IAM role ARN (the execution role, and the task role if there is one) when task_definition_arn is set."
  }
}

variable "container_name" {
  description = "Reuse mode: name of the container in the task definition that runs the batch; only its command is overridden. With batch_task the container is \"batch-job\"."
  type        = string
  default     = null

  validation {
    condition     = var.container_name == null ? var.task_definition_arn == null : can(regex("^[A-Za-z0-9_-]{1,255}$", var.container_name))
    error_message = "container_name must be 1-255 letters, digits, hyphens or underscores (an ECS container name), and is needed when task_definition_arn is set."
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
  description = "Run on the FARGATE_SPOT capacity provider (the cluster must have it) instead of launch type FARGATE: for dev and staging (seed 003); prod keeps regular FARGATE, the default. The batch is idempotent and retried, so an interrupted Spot task costs only time."
  type        = bool
  default     = false
}

variable "time_zone" {
  description = "The business time zone (IANA name): the job aggregates the day that ended there before the schedule's time; the state machine sets it on the container as BATCH_TIME_ZONE, so both read one setting."
  type        = string
  default     = "Asia/Tokyo"

  validation {
    condition     = can(regex("^(UTC|[A-Z][A-Za-z_-]+(/[A-Za-z0-9_+-]+){1,2})$", var.time_zone))
    error_message = "time_zone must be an IANA zone name such as Asia/Tokyo, America/New_York or UTC."
  }
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
    condition     = var.parked_parameter_name == "" || (can(regex("^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.parked_parameter_name)) && try(length(var.parked_parameter_name) <= 1011, false))
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
  description = "When the batch runs (EventBridge cron, in UTC). The job aggregates the day that ended in time_zone before the scheduled time, so any time after midnight there works; the default is 02:00 in Tokyo."
  type        = string
  default     = "cron(0 17 * * ? *)"

  validation {
    condition     = can(regex("^cron\\([0-5]?[0-9] ([01]?[0-9]|2[0-3]) [^ ]+ [^ ]+ [^ ]+ [^ ]+\\)$", var.schedule_expression))
    error_message = "schedule_expression must be a cron(...) at a fixed minute and hour (UTC), e.g. cron(0 17 * * ? *)."
  }
}

variable "success_alarm_hours" {
  description = "Alarm when no execution has succeeded for this many hours (a nightly run plus its retries and some slack)."
  type        = number
  default     = 26

  validation {
    condition     = var.success_alarm_hours >= 2 && var.success_alarm_hours <= 168 && floor(var.success_alarm_hours) == var.success_alarm_hours
    error_message = "success_alarm_hours must be a whole number of hours between 2 and 168."
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

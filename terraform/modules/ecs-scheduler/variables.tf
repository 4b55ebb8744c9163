variable "name_prefix" {
  description = "Prefix for every named resource (function, roles, schedules). Lowercase letters, digits and hyphens; at most 32 characters so derived IAM role names stay under 64."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9-]{1,32}$", var.name_prefix))
    error_message = "name_prefix must match ^[a-z0-9-]+$ and be 1-32 characters long."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource the module creates."
  type        = map(string)
  default     = {}
}

variable "services" {
  description = "ECS services to scale to 0 outside business hours and back afterwards, as cluster/service name pairs (names, not ARNs; same account and region as the module)."
  type = list(object({
    cluster = string
    service = string
  }))

  validation {
    condition     = length(var.services) > 0
    error_message = "services must contain at least one cluster/service pair."
  }

  validation {
    condition = alltrue([
      for s in var.services :
      can(regex("^[A-Za-z0-9_-]{1,255}$", s.cluster)) && can(regex("^[A-Za-z0-9_-]{1,255}$", s.service))
    ])
    error_message = "Each services entry needs plain cluster and service names (letters, digits, hyphens, underscores), not ARNs."
  }

  validation {
    condition     = length(distinct([for s in var.services : "${s.cluster}/${s.service}"])) == length(var.services)
    error_message = "services must not contain the same cluster/service pair twice."
  }
}

variable "snapshot_parameter_name" {
  description = "SSM parameter in which the function stores the desired counts before scaling to 0. Null means /cost-guard/<name_prefix>/ecs-scheduler-snapshot. The function manages it; Terraform does not."
  type        = string
  default     = null

  validation {
    condition     = var.snapshot_parameter_name == null || (can(regex("^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.snapshot_parameter_name)) && try(length(var.snapshot_parameter_name) <= 1011, false))
    error_message = "snapshot_parameter_name must be a hierarchical SSM parameter name starting with '/' (letters, digits, '_', '.', '-', '/')."
  }
}

variable "default_desired_count" {
  description = "COSTGUARD_DEFAULT_DESIRED_COUNT: desired count used on start when no snapshot exists for a service."
  type        = number
  default     = 1

  validation {
    condition     = var.default_desired_count >= 0 && var.default_desired_count <= 1000 && floor(var.default_desired_count) == var.default_desired_count
    error_message = "default_desired_count must be a whole number between 0 and 1000."
  }
}

variable "skip_dates" {
  description = "COSTGUARD_SKIP_DATES: dates (YYYY-MM-DD, in time_zone) on which the scheduled start does nothing (services stay asleep), e.g. public holidays. Stops always run."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for d in var.skip_dates : can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", d)) && can(formatdate("YYYY", "${d}T00:00:00Z"))])
    error_message = "skip_dates entries must be real calendar dates in YYYY-MM-DD form."
  }
}

variable "time_zone" {
  description = "IANA time zone of the business hours: the start/stop schedule expressions are evaluated in it, and the function (COSTGUARD_TIME_ZONE) reads skip_dates in it. One variable, so the two cannot disagree."
  type        = string
  default     = "Asia/Tokyo"

  validation {
    condition     = can(regex("^[A-Za-z_+-]+(/[A-Za-z0-9_+-]+)*$", var.time_zone))
    error_message = "time_zone must be an IANA time zone name such as Asia/Tokyo or UTC."
  }
}

variable "result_topic_arn" {
  description = "COSTGUARD_RESULT_TOPIC_ARN: SNS topic for start/stop reports (e.g. the kill-switch module's result_sns_topic_arn). Empty = no reports and no sns:Publish permission."
  type        = string
  default     = ""

  validation {
    condition     = var.result_topic_arn == "" || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$", var.result_topic_arn))
    error_message = "result_topic_arn must be empty or an SNS topic ARN."
  }
}

variable "parked_parameter_name" {
  description = "COSTGUARD_PARKED_PARAMETER: the kill switch's parked marker (the kill-switch module's parked_parameter_name output). While it exists a start wakes nothing and says so; a stop still stops. Empty: the scheduler does not know about the kill switch."
  type        = string
  default     = ""

  validation {
    condition     = var.parked_parameter_name == "" || (can(regex("^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.parked_parameter_name)) && try(length(var.parked_parameter_name) <= 1011, false))
    error_message = "parked_parameter_name must be empty or a hierarchical SSM parameter name starting with '/'."
  }
}

variable "dry_run" {
  description = "COSTGUARD_DRY_RUN: log and report what would be done without changing anything."
  type        = bool
  default     = false
}

variable "package_type" {
  description = "How the function is packaged: \"native\" (GraalVM native executable, runtime provided.al2023, handler bootstrap) or \"jvm\" (runtime java21, Quarkus stream handler)."
  type        = string
  default     = "native"

  validation {
    condition     = contains(["native", "jvm"], var.package_type)
    error_message = "package_type must be \"native\" or \"jvm\"."
  }
}

variable "package_path" {
  description = "Path of the Lambda deployment package (the Quarkus function.zip). Must exist at plan time."
  type        = string

  validation {
    condition     = can(regex("\\.(zip|jar)$", var.package_path))
    error_message = "package_path must point to a .zip or .jar file."
  }
}

variable "log_retention_days" {
  description = "Retention of the Lambda log group, in days. Must be a value CloudWatch Logs accepts (0 = never expire)."
  type        = number
  default     = 7

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "start_schedule_expression" {
  description = "EventBridge Scheduler expression that starts the services (default: 09:00 Monday-Friday)."
  type        = string
  default     = "cron(0 9 ? * MON-FRI *)"

  validation {
    condition     = can(regex("^(cron|rate|at)\\(.+\\)$", var.start_schedule_expression))
    error_message = "start_schedule_expression must be a Scheduler expression: cron(...), rate(...) or at(...)."
  }
}

variable "stop_schedule_expression" {
  description = "EventBridge Scheduler expression that scales the services to 0 (default: 22:00 Monday-Friday)."
  type        = string
  default     = "cron(0 22 ? * MON-FRI *)"

  validation {
    condition     = can(regex("^(cron|rate|at)\\(.+\\)$", var.stop_schedule_expression))
    error_message = "stop_schedule_expression must be a Scheduler expression: cron(...), rate(...) or at(...)."
  }
}

variable "schedules_enabled" {
  description = "Whether the start/stop schedules are ENABLED. Set false to pause office-hours scaling without destroying anything."
  type        = bool
  default     = true
}

variable "artifact_bucket" {
  description = "S3 bucket the function package is uploaded to and deployed from. Null = direct upload (Lambda's 50 MB limit)."
  type        = string
  default     = null
}

variable "name" {
  description = "Function name; also the name of its execution role and of its log group (/aws/lambda/<name>)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.name))
    error_message = "name must be 1-64 letters, digits, hyphens or underscores (it is also the IAM role name)."
  }
}

variable "description" {
  description = "Description of the Lambda function."
  type        = string
}

variable "role_description" {
  description = "Description of the function's execution role."
  type        = string
}

variable "tags" {
  description = "Tags added to every taggable resource the module creates."
  type        = map(string)
  default     = {}
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

  # `make package ARTIFACT=<kind>` names each zip by its kind; a zip of the
  # other kind would deploy a package the runtime cannot start.
  validation {
    condition     = !can(regex("-(jvm|native)\\.zip$", var.package_path)) || endswith(var.package_path, "-${var.package_type}.zip")
    error_message = "package_path is a ${try(regex("-(jvm|native)\\.zip$", var.package_path)[0], "?")} package but package_type is \"${var.package_type}\": build with `make package ARTIFACT=${var.package_type}` or set package_type to match."
  }
}

variable "artifact_bucket" {
  description = "S3 bucket to upload the package to (key <name>/<file name>); the function is then deployed from S3. Null = direct upload (Lambda's 50 MB limit applies)."
  type        = string
  default     = null
}

variable "alarm_topic_arn" {
  description = "SNS topic (e.g. the result topic AWS Chatbot subscribes to) notified by an alarm on the function's Errors metric. Null = no alarm."
  type        = string
  default     = null
}

variable "environment_variables" {
  description = "Environment variables of the function, passed through unchanged."
  type        = map(string)
  default     = {}
}

variable "timeout" {
  description = "Function timeout, in seconds."
  type        = number

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds between 1 and 900."
  }
}

variable "memory_size" {
  description = "Function memory, in MB."
  type        = number

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB between 128 and 10240."
  }
}

variable "log_retention_days" {
  description = "Retention of the function's log group, in days. Must be a value CloudWatch Logs accepts (0 = never expire)."
  type        = number
  default     = 7

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "policy_name" {
  description = "Name of the inline policy on the execution role."
  type        = string
}

variable "policy_json" {
  description = "IAM policy document (JSON, e.g. from aws_iam_policy_document) with the function's own permissions. The module appends WriteOwnLogs (log writes to its own log group) and, with vpc_config, the VPC network-interface actions. Statement IDs must not collide with those."
  type        = string
}

variable "vpc_config" {
  description = "Optional VPC attachment. Null = no VPC attachment and no network-interface permissions."
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null
}

variable "file_system_config" {
  description = "Optional EFS access point mounted into the function (requires vpc_config). Null = no file system. Lambda does not allow SnapStart with it."
  type = object({
    access_point_arn = string
    local_mount_path = string
  })
  default = null

  validation {
    condition     = var.file_system_config == null || can(regex("^/mnt/[A-Za-z0-9._-]+$", var.file_system_config.local_mount_path))
    error_message = "file_system_config.local_mount_path must be /mnt/<name>, as Lambda requires."
  }
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency of the function. Null = unreserved. 1 keeps runs of a scheduled function from overlapping."
  type        = number
  default     = null
}

variable "maximum_retry_attempts" {
  description = "Lambda's retries of failed asynchronous invocations (0-2)."
  type        = number
  default     = 2

  validation {
    condition     = contains([0, 1, 2], var.maximum_retry_attempts)
    error_message = "maximum_retry_attempts must be 0, 1 or 2."
  }
}

variable "maximum_event_age_in_seconds" {
  description = "Maximum age of an asynchronous event before Lambda drops it (60-21600). Null = Lambda's default (6 hours)."
  type        = number
  default     = null

  validation {
    condition     = var.maximum_event_age_in_seconds == null || try(var.maximum_event_age_in_seconds >= 60 && var.maximum_event_age_in_seconds <= 21600, false)
    error_message = "maximum_event_age_in_seconds must be null or between 60 and 21600."
  }
}

variable "on_failure_destination_arn" {
  description = "SQS queue ARN that receives asynchronous invocations that still fail after the retries (the role may send to it). Not the Chatbot topic: Chatbot cannot render Lambda's destination record. Null = no failure destination."
  type        = string
  default     = null

  validation {
    condition     = var.on_failure_destination_arn == null || can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.on_failure_destination_arn))
    error_message = "on_failure_destination_arn must be an SQS queue ARN (AWS Chatbot cannot render Lambda's destination record, so an SNS topic for Slack is refused)."
  }
}

variable "snap_start" {
  description = "Lambda SnapStart on published versions (JVM package only; ignored for native). Must stay false for a function that mounts EFS, which SnapStart does not allow."
  type        = bool
  default     = false
}

variable "alias_name" {
  description = "Name of the alias every trigger invokes; it points at the version each deployment publishes."
  type        = string
  default     = "live"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_-]{0,127}$", var.alias_name))
    error_message = "alias_name must start with a letter and hold only letters, digits, hyphens and underscores (at most 128 characters)."
  }
}

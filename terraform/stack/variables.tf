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
  description = "Prefix of every Cost Guard resource in this environment; null = costguard-<environment>."
  type        = string
  default     = null
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

variable "api_service_name" {
  description = "systemd service on the instance that the kill switch stops through SSM before stopping the host (COSTGUARD_SERVICE_NAME)."
  type        = string
}

variable "drain_seconds" {
  description = "Seconds the kill switch waits for in-flight requests after throttling, before stopping the service."
  type        = number
  default     = 30
}

variable "command_timeout_seconds" {
  description = "How long the kill switch waits for the SSM stop command."
  type        = number
  default     = 60
}

variable "budget_cost_filter" {
  description = "Which costs the budget counts; empty = the whole account. Set it when dev and prod share an account: tags (activated cost allocation tags, e.g. { Environment = [\"prod\"] }) or linked_account_ids."
  type = object({
    tags               = optional(map(list(string)), {})
    linked_account_ids = optional(list(string), [])
  })
  default  = {}
  nullable = false
}

variable "kill_switch_reserved_concurrency" {
  description = "Reserved concurrency of the kill switch (1: the relay functions cannot take it all). Accounts with a concurrency quota of 10 or 50 refuse any reservation: null there, and raise the quota."
  type        = number
  default     = 1
}

variable "actual_threshold_percent" {
  description = "Percentage of the budget that ACTUAL spend must exceed to fire the kill switch."
  type        = number
  default     = 100
}

variable "forecast_threshold_percent" {
  description = "Percentage of the budget that FORECASTED spend must exceed for the early warning (never a shutdown); null = the environment's default (environments.tf)."
  type        = number
  default     = null
}

variable "tripwire_thresholds" {
  description = "Usage tripwires that fire the kill switch before billing catches up; an attribute left out or null takes the environment's default (environments.tf), 0 is not allowed. relay_invocations_per_5_minutes makes one alarm per relay function."
  type = object({
    cloudfront_requests_per_5_minutes = optional(number)
    cloudfront_bytes_per_hour         = optional(number)
    relay_invocations_per_5_minutes   = optional(number)
    evaluation_periods                = optional(number)
  })
  default = null
}

variable "recovery_schedule_expression" {
  description = "EventBridge Scheduler expression of the monthly recovery (UTC; budget months are UTC months)."
  type        = string
  default     = "cron(5 0 1 * ? *)"
}

variable "ecs_start_schedule_expression" {
  description = "Scheduler expression (in time_zone) that starts the office-hours ECS services."
  type        = string
  default     = "cron(0 9 ? * MON-FRI *)"
}

variable "ecs_stop_schedule_expression" {
  description = "Scheduler expression (in time_zone) that scales the office-hours ECS services to 0."
  type        = string
  default     = "cron(0 22 ? * MON-FRI *)"
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
  description = "Retention of the functions' log groups, in days; null = the environment's default (environments.tf)."
  type        = number
  default     = null
}

variable "monthly_drill_enabled" {
  description = "Invoke the kill switch once a month as a dry run ({\"reason\": \"monthly drill\", \"dryRun\": true}) to prove the path to Slack; null = the environment's default (environments.tf)."
  type        = bool
  default     = null
}

variable "dry_run" {
  description = "Run every Cost Guard function in dry-run mode (report only). True until armed on purpose: set false once the first deploy's drill reached Slack and month-to-date spend is under the budget (docs/RUNBOOK.md, \"Arming an environment\"), or the first alert after the deploy stops the stack."
  type        = bool
  default     = true
}

variable "batch_schedule_enabled" {
  description = "Whether the nightly batch's schedule is ENABLED; null = the environment's default (environments.tf)."
  type        = bool
  default     = null
}

variable "orchestration" {
  description = "The nightly batch (Step Functions running the API's task definition with a command override; modules/orchestration). Null = no batch in this environment. Its schedule's state is batch_schedule_enabled."
  type = object({
    cluster_arn         = string                 # ECS cluster of the API (arn:aws:ecs:<region>:<account>:cluster/<name>)
    task_definition_arn = optional(string)       # reuse mode: the API's task definition, with :<revision> to pin it
    task_role_arns      = optional(list(string)) # reuse mode: its execution role and task role (iam:PassRole)
    container_name      = optional(string)       # reuse mode: the container whose command is overridden
    batch_task = optional(object({               # own mode instead: the batch image (batch-job/Dockerfile) in a task definition of the module
      image           = string
      cpu             = optional(number, 512)
      memory          = optional(number, 1024)
      db_host         = string
      db_port         = optional(number, 5432)
      db_name         = string
      db_user         = string
      db_password_arn = string # a Secrets Manager secret or SSM SecureString ARN, never the password
      kms_key_arn     = optional(string)
    }))
    subnet_ids           = list(string)   # private subnets with a route to the database
    security_group_ids   = list(string)   # one of them allowed into the database
    use_fargate_spot     = optional(bool) # null = the environment's default (environments.tf)
    time_zone            = optional(string, "Asia/Tokyo")
    success_alarm_hours  = optional(number, 26)
    assign_public_ip     = optional(bool, false)
    task_timeout_seconds = optional(number, 3600)
    schedule_expression  = optional(string, "cron(0 17 * * ? *)")
  })
  default = null
}

variable "efs_scaler" {
  description = "The EFS mount-target scaler (modules/efs-scaler). Null = no scaler in this environment."
  type = object({
    file_system_id                  = string # fs-...
    access_point_arn                = string # mounted at /mnt/efs by the function
    target_directory                = string # /mnt/efs or a path under it
    file_count_threshold            = number # above this many files a mount target is added
    count_mode                      = optional(string, "entries")
    count_recursive                 = optional(bool, false)
    vpc_id                          = string       # vpc-...
    mount_target_security_group_ids = list(string) # 1-5 sg-... for a new mount target
    lambda_subnet_ids               = list(string) # where the function runs
    lambda_security_group_ids       = list(string)
    create_vpc_endpoints            = optional(bool, false)      # interface endpoints, ~30-50 USD a month (modules/efs-scaler README)
    existing_vpc_endpoint_services  = optional(list(string), []) # endpoints the VPC already has, e.g. ["ssm"]
    reserved_concurrent_executions  = optional(number)           # null = unreserved
    endpoint_subnet_ids             = optional(list(string), [])
    ecs_cluster_name                = string # the consumer service, redeployed when the list changes
    ecs_service_name                = string
    schedule_expression             = optional(string, "rate(5 minutes)")
    schedule_enabled                = optional(bool, true)
  })
  default = null
}

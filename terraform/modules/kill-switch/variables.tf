###############################################################################
# General
###############################################################################

variable "name_prefix" {
  description = "Prefix for every named resource (functions, roles, topics, budget, schedule). Lowercase letters, digits and hyphens; at most 32 characters so derived IAM role names stay under 64."
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

variable "log_retention_days" {
  description = "Retention of the Lambda log groups, in days. Must be a value CloudWatch Logs accepts (0 = never expire)."
  type        = number
  default     = 7

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

###############################################################################
# Budget
###############################################################################

variable "budget_limit_amount" {
  description = "Monthly cost budget limit, in budget_currency. A number or numeric string greater than zero, e.g. \"50\" or 12.5."
  type        = string

  validation {
    condition     = can(tonumber(var.budget_limit_amount)) && try(tonumber(var.budget_limit_amount) > 0, false)
    error_message = "budget_limit_amount must be a number greater than zero."
  }
}

variable "budget_currency" {
  description = "Currency unit of the budget limit (ISO 4217 code). AWS Budgets generally only accepts USD."
  type        = string
  default     = "USD"

  validation {
    condition     = can(regex("^[A-Z]{3}$", var.budget_currency))
    error_message = "budget_currency must be a three-letter upper-case currency code such as USD."
  }
}

variable "budget_cost_filter" {
  description = "Which costs the budget counts; empty = the whole account. tags: cost allocation tags (activated in the Billing console), e.g. { Environment = [\"prod\"] }; linked_account_ids: member accounts, from an Organizations management account. Set it when two environments share an account, or one's spend fires the other's kill switch."
  type = object({
    tags               = optional(map(list(string)), {})
    linked_account_ids = optional(list(string), [])
  })
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for id in var.budget_cost_filter.linked_account_ids : can(regex("^[0-9]{12}$", id))])
    error_message = "budget_cost_filter.linked_account_ids must be 12-digit account IDs."
  }
}

variable "actual_threshold_percent" {
  description = "Percentage of the budget limit that ACTUAL spend must exceed to fire the kill switch (notification to the alert topic)."
  type        = number
  default     = 100

  validation {
    condition     = var.actual_threshold_percent > 0 && var.actual_threshold_percent <= 1000
    error_message = "actual_threshold_percent must be greater than 0 and at most 1000."
  }
}

variable "forecast_warning_enabled" {
  description = "Whether a FORECASTED-spend notification is sent to the result topic as an early warning. It never triggers the shutdown."
  type        = bool
  default     = true
}

variable "forecast_threshold_percent" {
  description = "Percentage of the budget limit that FORECASTED spend must exceed to send the warning to the result topic."
  type        = number
  default     = 100

  validation {
    condition     = var.forecast_threshold_percent > 0 && var.forecast_threshold_percent <= 1000
    error_message = "forecast_threshold_percent must be greater than 0 and at most 1000."
  }
}

###############################################################################
# Protected resources
###############################################################################

variable "relay_lambda_function_names" {
  description = "Names (not ARNs) of the Lambda functions whose reserved concurrency the kill switch sets to 0 and recovery restores. At least one. Functions must be in the same account and region as this module."
  type        = list(string)

  validation {
    condition     = length(var.relay_lambda_function_names) > 0
    error_message = "relay_lambda_function_names must contain at least one function name."
  }

  validation {
    condition     = alltrue([for n in var.relay_lambda_function_names : can(regex("^[A-Za-z0-9_-]{1,64}$", n))])
    error_message = "Each entry of relay_lambda_function_names must be a plain function name (letters, digits, hyphens, underscores; 1-64 characters), not an ARN."
  }

  # Throttled to 0, Cost Guard's own functions could never undo it: a parked
  # recovery is never recovered.
  validation {
    condition     = length(setintersection(var.relay_lambda_function_names, [for f in ["shutdown", "recovery", "ecs-scheduler", "efs-scaler"] : "${var.name_prefix}-${f}"])) == 0
    error_message = "relay_lambda_function_names must not list Cost Guard's own functions (${var.name_prefix}-shutdown, -recovery, -ecs-scheduler, -efs-scaler): the kill switch would throttle itself or recovery to 0, and nothing would restore them."
  }
}

variable "shutdown_reserved_concurrency" {
  description = "Reserved concurrency of the kill switch, so that the relay functions it exists to stop cannot take the account's whole concurrency and throttle it. Default 1 (one run at a time; further alerts wait in Lambda's async queue). A reservation needs the account's concurrency quota to leave 100 unreserved: accounts with a quota of 10 or 50 (new accounts) refuse any, so set null there and raise the quota (Service Quotas, \"Concurrent executions\")."
  type        = number
  default     = 1

  validation {
    condition     = var.shutdown_reserved_concurrency == null || try(var.shutdown_reserved_concurrency >= 1, false)
    error_message = "shutdown_reserved_concurrency must be null or at least 1 (0 would stop the kill switch)."
  }
}

variable "ec2_instance_id" {
  description = "ID of the EC2 instance running the API service; drained over SSM Run Command and stopped by the kill switch, started again by recovery."
  type        = string

  validation {
    condition     = can(regex("^i-([0-9a-f]{8}|[0-9a-f]{17})$", var.ec2_instance_id))
    error_message = "ec2_instance_id must be i- and 8 or 17 hex digits, like i-0123456789abcdef0."
  }
}

variable "cloudfront_distribution_id" {
  description = "ID of the CloudFront distribution disabled by the kill switch and re-enabled by recovery (e.g. E2QWRUHAPOMQZL)."
  type        = string

  validation {
    condition     = can(regex("^[A-Z0-9]{8,20}$", var.cloudfront_distribution_id))
    error_message = "cloudfront_distribution_id must be an upper-case alphanumeric distribution ID of 8-20 characters such as E2QWRUHAPOMQZL."
  }
}

variable "snapshot_parameter_name" {
  description = "SSM parameter in which the shutdown Lambda stores the pre-shutdown state for recovery. Null means /cost-guard/<name_prefix>/kill-switch-snapshot. The functions create and delete it; Terraform does not manage it."
  type        = string
  default     = null

  validation {
    condition     = var.snapshot_parameter_name == null || (can(regex("^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.snapshot_parameter_name)) && try(length(var.snapshot_parameter_name) <= 1011, false))
    error_message = "snapshot_parameter_name must be a hierarchical SSM parameter name starting with '/' (letters, digits, '_', '.', '-', '/')."
  }
}

variable "parked_parameter_name" {
  description = "COSTGUARD_PARKED_PARAMETER: SSM parameter whose existence parks the estate. The kill switch writes it before it changes anything, recovery deletes it once everything is back; the ECS scheduler, the EFS scaler and the nightly batch read it (pass the parked_parameter_name output to their modules). Null means /cost-guard/<name_prefix>/parked. Terraform does not manage it."
  type        = string
  default     = null

  validation {
    condition     = var.parked_parameter_name == null || (can(regex("^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.parked_parameter_name)) && try(length(var.parked_parameter_name) <= 1011, false))
    error_message = "parked_parameter_name must be a hierarchical SSM parameter name starting with '/' (letters, digits, '_', '.', '-', '/')."
  }
}

variable "ecs_services" {
  description = "COSTGUARD_ECS_SERVICES: ECS services the kill switch parks at 0 (desired count and Application Auto Scaling bounds kept in the snapshot and as cost-guard:prior-* tags; the service needs the long ARN format to be tagged) and recovery brings back, as cluster/service name pairs. Empty: no ECS service is touched."
  type = list(object({
    cluster = string
    service = string
  }))
  default = []

  validation {
    condition     = alltrue([for s in var.ecs_services : can(regex("^[A-Za-z0-9_-]{1,255}$", s.cluster)) && can(regex("^[A-Za-z0-9_-]{1,255}$", s.service))])
    error_message = "Each entry of ecs_services must be ECS names (letters, digits, - and _), not ARNs."
  }

  validation {
    condition     = length(distinct([for s in var.ecs_services : "${s.cluster}/${s.service}"])) == length(var.ecs_services)
    error_message = "ecs_services lists a service twice."
  }
}

variable "ecs_scheduler_parameter_name" {
  description = "COSTGUARD_ECS_SCHEDULER_PARAMETER: the ECS scheduler's remembered sizes (the ecs-scheduler module's snapshot_parameter_name output) when ecs_services sleep outside business hours. Recovery outside ecs_business_hours leaves them asleep and writes their sizes there, so the next scheduled start wakes them at their own size. Empty: the services are restored at once."
  type        = string
  default     = ""

  validation {
    condition     = var.ecs_scheduler_parameter_name == "" || (can(regex("^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.ecs_scheduler_parameter_name)) && try(length(var.ecs_scheduler_parameter_name) <= 1011, false))
    error_message = "ecs_scheduler_parameter_name must be empty or a hierarchical SSM parameter name starting with '/'."
  }
}

variable "ecs_business_hours" {
  description = "COSTGUARD_ECS_BUSINESS_HOURS: when the ECS scheduler keeps the services awake, as days and hours (MON-FRI 09:00-22:00); keep it equal to the ecs-scheduler module's start and stop schedules."
  type        = string
  default     = "MON-FRI 09:00-22:00"

  validation {
    condition     = can(regex("^[A-Z]{3}(-[A-Z]{3})?(,[A-Z]{3}(-[A-Z]{3})?)* [0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}$", var.ecs_business_hours))
    error_message = "ecs_business_hours must be days and hours such as MON-FRI 09:00-22:00."
  }
}

variable "ecs_time_zone" {
  description = "COSTGUARD_ECS_TIME_ZONE: IANA time zone of ecs_business_hours and ecs_skip_dates (the ecs-scheduler module's time_zone)."
  type        = string
  default     = "Asia/Tokyo"
}

variable "ecs_skip_dates" {
  description = "COSTGUARD_ECS_SKIP_DATES: dates (YYYY-MM-DD) without business hours (the ecs-scheduler module's skip_dates)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for d in var.ecs_skip_dates : can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", d))])
    error_message = "Each entry of ecs_skip_dates must be a date as YYYY-MM-DD."
  }
}

###############################################################################
# Packaging
###############################################################################

variable "package_type" {
  description = "How the functions are packaged: \"native\" (GraalVM native executable, runtime provided.al2023, handler bootstrap) or \"jvm\" (runtime java21, Quarkus stream handler)."
  type        = string
  default     = "native"

  validation {
    condition     = contains(["native", "jvm"], var.package_type)
    error_message = "package_type must be \"native\" or \"jvm\"."
  }
}

variable "shutdown_package_path" {
  description = "Path of the shutdown Lambda deployment package (the Quarkus function.zip). Must exist at plan time."
  type        = string

  validation {
    condition     = can(regex("\\.(zip|jar)$", var.shutdown_package_path))
    error_message = "shutdown_package_path must point to a .zip or .jar file."
  }
}

variable "recovery_package_path" {
  description = "Path of the recovery Lambda deployment package (the Quarkus function.zip). Must exist at plan time."
  type        = string

  validation {
    condition     = can(regex("\\.(zip|jar)$", var.recovery_package_path))
    error_message = "recovery_package_path must point to a .zip or .jar file."
  }
}

###############################################################################
# Shutdown behaviour
###############################################################################

variable "drain_seconds" {
  description = "COSTGUARD_DRAIN_SECONDS: seconds the shutdown waits for the API service to drain before stopping the instance."
  type        = number
  default     = 30

  validation {
    condition     = var.drain_seconds >= 0 && var.drain_seconds <= 120 && floor(var.drain_seconds) == var.drain_seconds
    error_message = "drain_seconds must be a whole number between 0 and 120 (the function times out after 180 s)."
  }
}

variable "api_service_name" {
  description = "COSTGUARD_SERVICE_NAME: systemd service on the instance that the shutdown drains/stops via SSM Run Command."
  type        = string
  default     = "nostr-api"

  validation {
    condition     = can(regex("^[A-Za-z0-9@._-]{1,128}$", var.api_service_name))
    error_message = "api_service_name must be a plain systemd unit name of 1-128 characters (letters, digits, '@', '.', '_', '-'); it goes into a shell command."
  }
}

variable "command_timeout_seconds" {
  description = "COSTGUARD_COMMAND_TIMEOUT_SECONDS: how long the shutdown waits for the SSM Run Command to finish."
  type        = number
  default     = 60

  validation {
    condition     = var.command_timeout_seconds >= 1 && var.command_timeout_seconds <= 150 && floor(var.command_timeout_seconds) == var.command_timeout_seconds
    error_message = "command_timeout_seconds must be a whole number between 1 and 150."
  }
}

variable "rate_limit_per_second" {
  description = "COSTGUARD_RATE_LIMIT_PER_SECOND: client-side rate limit for AWS API calls made by the shutdown (PutFunctionConcurrency allows few calls per second)."
  type        = number
  default     = 10

  validation {
    condition     = var.rate_limit_per_second >= 1 && var.rate_limit_per_second <= 15 && floor(var.rate_limit_per_second) == var.rate_limit_per_second
    error_message = "rate_limit_per_second must be a whole number between 1 and 15."
  }
}

variable "pool_size" {
  description = "COSTGUARD_POOL_SIZE: number of worker threads the shutdown uses to throttle functions in parallel."
  type        = number
  default     = 4

  validation {
    condition     = var.pool_size >= 1 && var.pool_size <= 32 && floor(var.pool_size) == var.pool_size
    error_message = "pool_size must be a whole number between 1 and 32."
  }
}

variable "dry_run" {
  description = "COSTGUARD_DRY_RUN for both functions: log and report what would be done without changing anything."
  type        = bool
  default     = false
}

###############################################################################
# Recovery behaviour
###############################################################################

variable "health_check_url" {
  description = "COSTGUARD_HEALTH_URL: URL polled after the instance starts. The placeholders {privateIp} and {publicIp} are replaced at run time with the instance's addresses, e.g. http://{privateIp}:8080/health. Private addresses need recovery_subnet_ids/recovery_security_group_ids."
  type        = string

  validation {
    condition     = can(regex("^https?://", var.health_check_url))
    error_message = "health_check_url must start with http:// or https://."
  }
}

variable "health_attempts" {
  description = "COSTGUARD_HEALTH_ATTEMPTS: number of health-check attempts before recovery reports failure."
  type        = number
  default     = 5

  validation {
    condition     = var.health_attempts >= 1 && var.health_attempts <= 20 && floor(var.health_attempts) == var.health_attempts
    error_message = "health_attempts must be a whole number between 1 and 20."
  }
}

variable "health_interval_seconds" {
  description = "COSTGUARD_HEALTH_INTERVAL_SECONDS: pause between health-check attempts."
  type        = number
  default     = 5

  validation {
    condition     = var.health_interval_seconds >= 0 && var.health_interval_seconds <= 60 && floor(var.health_interval_seconds) == var.health_interval_seconds
    error_message = "health_interval_seconds must be a whole number between 0 and 60."
  }
}

variable "start_timeout_seconds" {
  description = "COSTGUARD_START_TIMEOUT_SECONDS: how long recovery waits for the instance to reach the running state."
  type        = number
  default     = 120

  validation {
    condition     = var.start_timeout_seconds >= 10 && var.start_timeout_seconds <= 600 && floor(var.start_timeout_seconds) == var.start_timeout_seconds
    error_message = "start_timeout_seconds must be a whole number between 10 and 600 (the run caps its waits to the Lambda timeout)."
  }
}

variable "recovery_subnet_ids" {
  description = "Subnets for the recovery Lambda's VPC attachment, needed when health_check_url uses {privateIp}. Empty = no VPC attachment. The subnets need a NAT gateway or VPC endpoints to reach the AWS APIs the function calls."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.recovery_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "Each recovery_subnet_ids entry must look like subnet-0123456789abcdef0."
  }

  validation {
    condition     = (length(var.recovery_subnet_ids) == 0) == (length(var.recovery_security_group_ids) == 0)
    error_message = "Set recovery_subnet_ids and recovery_security_group_ids together (both empty or both non-empty)."
  }
}

variable "recovery_security_group_ids" {
  description = "Security groups for the recovery Lambda's VPC attachment (must allow egress to the health-check port and HTTPS to AWS APIs). Empty = no VPC attachment."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.recovery_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", s))])
    error_message = "Each recovery_security_group_ids entry must look like sg-0123456789abcdef0."
  }
}

variable "recovery_schedule_expression" {
  description = "EventBridge Scheduler expression for the monthly recovery. The default, 00:05 on the 1st in recovery_schedule_timezone (UTC), is just after AWS Budgets starts the new month."
  type        = string
  default     = "cron(5 0 1 * ? *)"

  validation {
    condition     = can(regex("^(cron|rate|at)\\(.+\\)$", var.recovery_schedule_expression))
    error_message = "recovery_schedule_expression must be a Scheduler expression: cron(...), rate(...) or at(...)."
  }
}

variable "recovery_schedule_timezone" {
  description = "IANA time zone in which recovery_schedule_expression is evaluated. Keep UTC unless you know why: budget months are UTC months."
  type        = string
  default     = "UTC"

  validation {
    condition     = length(var.recovery_schedule_timezone) > 0
    error_message = "recovery_schedule_timezone must not be empty."
  }
}

variable "monthly_drill_enabled" {
  description = "Whether a schedule invokes the kill switch every month with {\"reason\": \"monthly drill\", \"dryRun\": true}: a dry run that proves the path from trigger to Slack without changing anything."
  type        = bool
  default     = false
}

variable "monthly_drill_schedule_expression" {
  description = "EventBridge Scheduler expression of the monthly drill, in recovery_schedule_timezone (default 10:00 on the 15th)."
  type        = string
  default     = "cron(0 10 15 * ? *)"

  validation {
    condition     = can(regex("^(cron|rate|at)\\(.+\\)$", var.monthly_drill_schedule_expression))
    error_message = "monthly_drill_schedule_expression must be a Scheduler expression: cron(...), rate(...) or at(...)."
  }
}

variable "artifact_bucket" {
  description = "S3 bucket the function packages are uploaded to and deployed from (see the environments). Null = direct upload (Lambda's 50 MB limit)."
  type        = string
  default     = null
}

###############################################################################
# Usage tripwire (optional CloudWatch alarms that also fire the kill switch)
###############################################################################

variable "tripwire_alarms" {
  description = <<-EOT
    Optional CloudWatch alarms that fire the shutdown directly, ahead of the (delayed) billing data.
    Map key = short alarm id (used in the alarm name). region = "default" creates the alarm with the
    module's default provider; region = "us-east-1" creates it with the aws.us_east_1 provider, which
    CloudFront metrics (namespace AWS/CloudFront, dimension Region = "Global") require.
    Only ALARM transitions notify; OK/INSUFFICIENT_DATA never do.
  EOT
  type = map(object({
    namespace           = string
    metric_name         = string
    dimensions          = map(string)
    statistic           = string
    period              = number
    evaluation_periods  = number
    threshold           = number
    comparison_operator = string
    region              = optional(string, "default")
    treat_missing_data  = optional(string, "notBreaching")
  }))
  default = {}

  validation {
    condition     = alltrue([for k in keys(var.tripwire_alarms) : can(regex("^[A-Za-z0-9_-]{1,64}$", k))])
    error_message = "tripwire_alarms keys must be 1-64 letters, digits, hyphens or underscores."
  }

  validation {
    condition     = alltrue([for a in values(var.tripwire_alarms) : contains(["default", "us-east-1"], a.region)])
    error_message = "tripwire_alarms[*].region must be \"default\" or \"us-east-1\"."
  }

  validation {
    condition     = alltrue([for a in values(var.tripwire_alarms) : contains(["SampleCount", "Average", "Sum", "Minimum", "Maximum"], a.statistic)])
    error_message = "tripwire_alarms[*].statistic must be one of SampleCount, Average, Sum, Minimum, Maximum."
  }

  validation {
    condition = alltrue([for a in values(var.tripwire_alarms) : contains([
      "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
    ], a.comparison_operator)])
    error_message = "tripwire_alarms[*].comparison_operator must be GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold or LessThanOrEqualToThreshold."
  }

  validation {
    condition     = alltrue([for a in values(var.tripwire_alarms) : contains([10, 20, 30], a.period) || (a.period >= 60 && a.period % 60 == 0)])
    error_message = "tripwire_alarms[*].period must be 10, 20, 30 or a multiple of 60 seconds."
  }

  validation {
    condition     = alltrue([for a in values(var.tripwire_alarms) : a.evaluation_periods >= 1 && floor(a.evaluation_periods) == a.evaluation_periods])
    error_message = "tripwire_alarms[*].evaluation_periods must be a whole number >= 1."
  }

  validation {
    condition     = alltrue([for a in values(var.tripwire_alarms) : contains(["breaching", "notBreaching", "ignore", "missing"], a.treat_missing_data)])
    error_message = "tripwire_alarms[*].treat_missing_data must be breaching, notBreaching, ignore or missing."
  }
}

###############################################################################
# Slack via AWS Chatbot (optional)
###############################################################################

variable "slack_team_id" {
  description = "Slack workspace (team) ID, e.g. T07EA123LEP. Empty = no Chatbot resources. The workspace must already be authorised in the AWS Chatbot console."
  type        = string
  default     = ""

  validation {
    condition     = var.slack_team_id == "" || can(regex("^[0-9A-Z]{1,255}$", var.slack_team_id))
    error_message = "slack_team_id must be empty or an upper-case alphanumeric Slack team ID such as T07EA123LEP."
  }

  validation {
    condition     = (var.slack_team_id == "") == (var.slack_channel_id == "")
    error_message = "Set slack_team_id and slack_channel_id together (both empty or both non-empty)."
  }
}

variable "slack_channel_id" {
  description = "Slack channel ID that receives the result topic, e.g. C07EZ1ABC23 (channel details in Slack). Empty = no Chatbot resources. Private channels need the AWS app invited."
  type        = string
  default     = ""

  validation {
    condition     = var.slack_channel_id == "" || can(regex("^[A-Za-z0-9]{1,255}$", var.slack_channel_id))
    error_message = "slack_channel_id must be empty or an alphanumeric Slack channel ID such as C07EZ1ABC23."
  }
}

variable "chatbot_guardrail_policy_arns" {
  description = "IAM policy ARNs that cap what Chatbot may do in the channel. Null = the AWS managed ReadOnlyAccess policy."
  type        = list(string)
  default     = null

  validation {
    condition     = var.chatbot_guardrail_policy_arns == null || try(alltrue([for a in var.chatbot_guardrail_policy_arns : can(regex("^arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/.+$", a))]), false)
    error_message = "chatbot_guardrail_policy_arns entries must be IAM policy ARNs."
  }
}

variable "chatbot_logging_level" {
  description = "Logging level of the Chatbot channel configuration (ERROR, INFO or NONE)."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["ERROR", "INFO", "NONE"], var.chatbot_logging_level)
    error_message = "chatbot_logging_level must be ERROR, INFO or NONE."
  }
}

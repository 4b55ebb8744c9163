variable "name_prefix" {
  description = "Prefix of every resource name (e.g. cost-guard-dev)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 1-40 letters, digits or hyphens."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}

variable "package_type" {
  description = "native (provided.al2023, the default) or jvm (java21) Lambda package."
  type        = string
  default     = "native"
}

variable "package_path" {
  description = "Path of the function's zip (efs-scaler-fn/target/function.zip)."
  type        = string
}

variable "log_retention_days" {
  description = "Days the function's logs are kept."
  type        = number
  default     = 30
}

# ---- what is counted ------------------------------------------------------------

variable "file_system_id" {
  description = "The EFS file system that gets mount targets (fs-...)."
  type        = string

  validation {
    condition     = can(regex("^fs-[0-9a-f]{8,40}$", var.file_system_id))
    error_message = "file_system_id must be an EFS file system id (fs-0123456789abcdef0)."
  }
}

variable "access_point_arn" {
  description = "EFS access point the function mounts at /mnt/efs to count files (its root must make target_directory reachable)."
  type        = string
}

variable "target_directory" {
  description = "The directory whose files are counted, an absolute path under /mnt/efs (COSTGUARD_TARGET_DIRECTORY)."
  type        = string

  validation {
    condition     = can(regex("^/mnt/efs(/.*)?$", var.target_directory))
    error_message = "target_directory must be /mnt/efs or a path under it (the access point's mount)."
  }
}

variable "file_count_threshold" {
  description = "Above this many files a new mount target is added (COSTGUARD_FILE_COUNT_THRESHOLD)."
  type        = number

  validation {
    condition     = var.file_count_threshold >= 1 && var.file_count_threshold <= 2147483647 && floor(var.file_count_threshold) == var.file_count_threshold
    error_message = "file_count_threshold must be a whole number from 1 to 2147483647."
  }
}

variable "count_mode" {
  description = "entries (every name, no stat: fast, for a directory of files only) or regular-files (like find -maxdepth 1 -type f)."
  type        = string
  default     = "entries"

  validation {
    condition     = contains(["entries", "regular-files"], var.count_mode)
    error_message = "count_mode must be entries or regular-files."
  }
}

variable "count_recursive" {
  description = "Count subdirectories too."
  type        = bool
  default     = false
}

# ---- where mount targets go ---------------------------------------------------------

variable "vpc_id" {
  description = "The VPC whose subnets can take a mount target (COSTGUARD_VPC_ID)."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-0123456789abcdef0)."
  }
}

variable "mount_target_security_group_ids" {
  description = "Security groups of a new mount target (NFS 2049 from the consumers and the function); EFS accepts 1 to 5."
  type        = list(string)

  validation {
    condition     = length(var.mount_target_security_group_ids) >= 1 && length(var.mount_target_security_group_ids) <= 5 && alltrue([for g in var.mount_target_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", g))])
    error_message = "mount_target_security_group_ids must hold 1 to 5 security group ids (sg-...)."
  }
}

variable "mount_target_subnet_ids" {
  description = "Optional allow-list: the only subnets a new mount target may go to. Empty (the default): every subnet of vpc_id in a regular Availability Zone (Local and Wavelength Zones are always passed over)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.mount_target_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))]) && length(distinct(var.mount_target_subnet_ids)) == length(var.mount_target_subnet_ids)
    error_message = "mount_target_subnet_ids must hold distinct subnet ids (subnet-...)."
  }
}

variable "lambda_subnet_ids" {
  description = "Subnets the function runs in (it must reach a mount target of the file system and the AWS APIs)."
  type        = list(string)
}

variable "lambda_security_group_ids" {
  description = "Security groups of the function's network interfaces."
  type        = list(string)
}

variable "create_vpc_endpoints" {
  description = "Create interface VPC endpoints (private DNS) for EFS, EC2, SSM, ECS and SNS, for subnets without a NAT gateway. Off by default: 7.30 USD (us-east-1) to 10.22 USD (ap-northeast-1) a month per endpoint per zone, before data (README), and creation fails where the VPC already has one of them with private DNS (list those in existing_vpc_endpoint_services)."
  type        = bool
  default     = false
}

variable "existing_vpc_endpoint_services" {
  description = "Services whose interface endpoint (with private DNS) the VPC already has, e.g. [\"ssm\", \"ec2\"]: not created again (a second private-DNS endpoint for a service is refused)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.existing_vpc_endpoint_services : contains(["elasticfilesystem", "ec2", "ssm", "ecs", "sns"], s)])
    error_message = "existing_vpc_endpoint_services holds only elasticfilesystem, ec2, ssm, ecs or sns."
  }
}

variable "endpoint_subnet_ids" {
  description = "Subnets of the interface endpoints, at most one per Availability Zone (an endpoint takes one subnet per zone); empty = lambda_subnet_ids."
  type        = list(string)
  default     = []
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency of the scaler; null = unreserved (default: accounts with a concurrency quota of 10 or 50 refuse any reservation). 1 keeps runs from overlapping where the quota allows."
  type        = number
  default     = null

  validation {
    condition     = var.reserved_concurrent_executions == null || try(var.reserved_concurrent_executions >= 1, false)
    error_message = "reserved_concurrent_executions must be null or at least 1 (0 would stop the scaler)."
  }
}

# ---- what is published -------------------------------------------------------------

variable "mount_target_parameter_name" {
  description = "SSM parameter holding the mount-target list; null = /cost-guard/<name_prefix>/efs-mount-targets."
  type        = string
  default     = null
}

variable "initial_mount_target_list" {
  description = "Initial value of the parameter (the JSON list the scaler writes); the scaler overwrites it, Terraform then ignores the value. Null (the default): an empty list for file_system_id, which consumers read as \"no available target\" and answer with their default list."
  type        = string
  default     = null
}

variable "ecs_cluster_name" {
  description = "Cluster of the consumer ECS service, redeployed when the list changes."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.ecs_cluster_name))
    error_message = "ecs_cluster_name must be an ECS cluster name: 1 to 255 letters, digits, hyphens and underscores (not an ARN)."
  }
}

variable "ecs_service_name" {
  description = "The consumer ECS service, redeployed when the list changes."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.ecs_service_name))
    error_message = "ecs_service_name must be an ECS service name: 1 to 255 letters, digits, hyphens and underscores (not an ARN)."
  }
}

variable "poll_interval_seconds" {
  description = "Seconds between two looks at a mount target being created (1-60)."
  type        = number
  default     = 10

  validation {
    condition     = var.poll_interval_seconds >= 1 && var.poll_interval_seconds <= 60 && floor(var.poll_interval_seconds) == var.poll_interval_seconds
    error_message = "poll_interval_seconds must be a whole number from 1 to 60."
  }
}

variable "schedule_expression" {
  description = "When the scaler runs."
  type        = string
  default     = "rate(5 minutes)"
}

variable "schedule_enabled" {
  description = "false keeps the rule but stops the runs."
  type        = bool
  default     = true
}

variable "result_topic_arn" {
  description = "SNS topic for run reports; empty = reports are only logged."
  type        = string
  default     = ""
}

variable "parked_parameter_name" {
  description = "COSTGUARD_PARKED_PARAMETER: the kill switch's parked marker (the kill-switch module's parked_parameter_name output). While it exists the scaler counts and reports but creates no mount target. Empty: the scaler does not know about the kill switch."
  type        = string
  default     = ""

  validation {
    condition     = var.parked_parameter_name == "" || (can(regex("^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.parked_parameter_name)) && try(length(var.parked_parameter_name) <= 1011, false))
    error_message = "parked_parameter_name must be empty or a hierarchical SSM parameter name starting with '/'."
  }
}

variable "dry_run" {
  description = "Count and plan, change nothing."
  type        = bool
  default     = false
}

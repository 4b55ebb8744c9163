###############################################################################
# A complete composition for the EFS scaler (seed tasks 13.2, 13.3, 13.7):
# a VPC with private subnets in three Availability Zones, an EFS file system
# with mount targets in two of them, the consumer ECS service whose task
# definition mounts the file system, and the scaler that adds the third.
###############################################################################

terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  description = "Region to deploy the example into."
  type        = string
  default     = "ap-northeast-1"
}

variable "package_path" {
  description = "The scaler's Lambda zip."
  type        = string
  default     = "../../../../../efs-scaler-fn/target/function.zip"
}

variable "consumer_image" {
  description = "Container image of the consumer service (it reads the list and routes with EfsPathRouter)."
  type        = string
  default     = "public.ecr.aws/docker/library/busybox:stable"
}

locals {
  name  = "cost-guard-efs-example"
  zones = ["${var.region}a", "${var.region}c", "${var.region}d"]
}

# ---- network (13.2) ---------------------------------------------------------------

resource "aws_vpc" "this" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = local.name }
}

resource "aws_subnet" "private" {
  count = length(local.zones)

  vpc_id            = aws_vpc.this.id
  availability_zone = local.zones[count.index]
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index + 1)
  tags              = { Name = "${local.name}-${local.zones[count.index]}" }
}

resource "aws_security_group" "consumers" {
  name        = "${local.name}-consumers"
  description = "The consumer tasks and the scaler Lambda."
  vpc_id      = aws_vpc.this.id
}

resource "aws_vpc_security_group_egress_rule" "consumers_all" {
  security_group_id = aws_security_group.consumers.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "efs" {
  name        = "${local.name}-efs"
  description = "NFS from the consumers to the mount targets."
  vpc_id      = aws_vpc.this.id
}

resource "aws_vpc_security_group_ingress_rule" "efs_nfs" {
  security_group_id            = aws_security_group.efs.id
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = aws_security_group.consumers.id
}

# ---- file system (13.3): two of the three zones have a mount target ----------------

resource "aws_efs_file_system" "this" {
  encrypted = true
  tags      = { Name = local.name }
}

resource "aws_efs_mount_target" "initial" {
  count = 2

  file_system_id  = aws_efs_file_system.this.id
  subnet_id       = aws_subnet.private[count.index].id
  security_groups = [aws_security_group.efs.id]
}

resource "aws_efs_access_point" "scaler" {
  file_system_id = aws_efs_file_system.this.id

  posix_user {
    uid = 1000
    gid = 1000
  }

  root_directory {
    path = "/data"
    creation_info {
      owner_uid   = 1000
      owner_gid   = 1000
      permissions = "0755"
    }
  }
}

# ---- consumer service (13.7) --------------------------------------------------------

resource "aws_ecs_cluster" "this" {
  name = local.name
}

data "aws_iam_policy_document" "tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "task" {
  name               = "${local.name}-task"
  assume_role_policy = data.aws_iam_policy_document.tasks_assume.json
}

data "aws_iam_policy_document" "task" {
  statement {
    sid       = "ReadMountTargetList"
    actions   = ["ssm:GetParameter"]
    resources = ["arn:aws:ssm:${var.region}:*:parameter${module.efs_scaler.mount_target_parameter_name}"]
  }

  statement {
    sid       = "UseFileSystem"
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = [aws_efs_file_system.this.arn]
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "efs-consumer"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

resource "aws_ecs_task_definition" "consumer" {
  family                   = "${local.name}-consumer"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  task_role_arn            = aws_iam_role.task.arn

  # A task cannot choose a mount target: the volume names the file system, and
  # its DNS name resolves to the mount target in the task's own zone.
  volume {
    name = "efs-0"
    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.this.id
      transit_encryption = "ENABLED"
    }
  }

  container_definitions = jsonencode([{
    name      = "consumer"
    image     = var.consumer_image
    essential = true
    command   = ["sh", "-c", "while true; do ls /mnt/efs-0 > /dev/null; sleep 60; done"]
    environment = [
      { name = "MOUNT_TARGET_PARAMETER", value = module.efs_scaler.mount_target_parameter_name },
    ]
    mountPoints = [{ sourceVolume = "efs-0", containerPath = "/mnt/efs-0" }]
  }])
}

resource "aws_ecs_service" "consumer" {
  name            = "consumer"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.consumer.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets         = aws_subnet.private[*].id
    security_groups = [aws_security_group.consumers.id]
  }
}

# ---- the scaler ------------------------------------------------------------------

module "efs_scaler" {
  source = "../.."

  name_prefix  = local.name
  package_path = var.package_path

  file_system_id       = aws_efs_file_system.this.id
  access_point_arn     = aws_efs_access_point.scaler.arn
  target_directory     = "/mnt/efs/uploads"
  file_count_threshold = 100000

  vpc_id                          = aws_vpc.this.id
  mount_target_security_group_ids = [aws_security_group.efs.id]
  lambda_subnet_ids               = [aws_subnet.private[0].id, aws_subnet.private[1].id]
  lambda_security_group_ids       = [aws_security_group.consumers.id]

  initial_mount_target_list = jsonencode({
    schemaVersion = 1
    fileSystemId  = aws_efs_file_system.this.id
    mountTargets = [for t in aws_efs_mount_target.initial : {
      mountTargetId    = t.id
      availabilityZone = t.availability_zone_name
      subnetId         = t.subnet_id
      ipAddress        = t.ip_address
      lifeCycleState   = "available"
    }]
  })

  ecs_cluster_name = aws_ecs_cluster.this.name
  ecs_service_name = aws_ecs_service.consumer.name
}

output "mount_target_parameter_name" {
  description = "Where the consumer reads the list."
  value       = module.efs_scaler.mount_target_parameter_name
}

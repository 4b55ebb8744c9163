# Own-task-definition mode (batch_task): the batch image in a task definition of its own, beside the reuse mode.
# The password reaches the container only through ECS's secrets (Secrets Manager or an SSM SecureString), read by
# the execution role at start; it is never an environment value, a Terraform variable or an output.

locals {
  password_from_ssm = local.own_task && can(regex(":ssm:", var.batch_task.db_password_arn))
  # An ECR image (<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]) gets a pull grant on its
  # repository; another registry needs none from IAM.
  ecr_image = local.own_task ? regex("^(?:(?P<account>[0-9]{12})\\.dkr\\.ecr\\.(?P<region>[a-z0-9-]+)\\.amazonaws\\.com/(?P<repository>[^:@]+))?", var.batch_task.image) : null
}

resource "aws_cloudwatch_log_group" "batch" {
  count = local.own_task ? 1 : 0

  name              = "/ecs/${var.name_prefix}-batch-job"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_ecs_task_definition" "batch" {
  count = local.own_task ? 1 : 0

  family                   = "${var.name_prefix}-batch-job"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.batch_task.cpu
  memory                   = var.batch_task.memory
  execution_role_arn       = aws_iam_role.batch_execution[0].arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([{
    name      = "batch-job"
    image     = var.batch_task.image
    essential = true
    # The state machine overrides the command with batch_command plus the day; the image's CMD is the same command.
    environment = [
      { name = "DB_HOST", value = var.batch_task.db_host },
      { name = "DB_PORT", value = tostring(var.batch_task.db_port) },
      { name = "DB_NAME", value = var.batch_task.db_name },
      { name = "DB_USER", value = var.batch_task.db_user },
      { name = "BATCH_TIME_ZONE", value = var.time_zone },
    ]
    secrets = [{ name = "DB_PASSWORD", valueFrom = var.batch_task.db_password_arn }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.batch[0].name
        awslogs-region        = local.region
        awslogs-stream-prefix = "batch"
      }
    }
    # SIGTERM (StopTask, Spot reclaim) gets the job's own grace (BATCH_STOP_GRACE, 10 s) and some margin.
    stopTimeout = 30
  }])

  tags = var.tags
}

data "aws_iam_policy_document" "batch_execution_trust" {
  count = local.own_task ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "batch_execution" {
  count = local.own_task ? 1 : 0

  name               = "${var.name_prefix}-batch-job-execution"
  assume_role_policy = data.aws_iam_policy_document.batch_execution_trust[0].json
  tags               = var.tags
}

# What ECS needs to start the container: pull the image, ship its log, read the password. The job itself calls no
# AWS API, so the task has no task role.
data "aws_iam_policy_document" "batch_execution" {
  count = local.own_task ? 1 : 0

  # The password's store decides the one action (one statement, "ReadThePassword"); each written literally so
  # policy-check can judge it.
  dynamic "statement" {
    for_each = local.password_from_ssm ? [var.batch_task.db_password_arn] : []
    content {
      sid       = "ReadThePassword"
      actions   = ["ssm:GetParameters"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.password_from_ssm ? [] : [var.batch_task.db_password_arn]
    content {
      sid       = "ReadThePassword"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = var.batch_task.kms_key_arn == null ? [] : [var.batch_task.kms_key_arn]
    content {
      sid       = "DecryptThePassword"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }

  statement {
    sid       = "ShipTheLog"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.batch[0].arn}:*"]
  }

  dynamic "statement" {
    for_each = local.ecr_image.repository == null ? [] : [local.ecr_image]
    content {
      sid       = "PullTheImage"
      actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      resources = ["arn:${local.partition}:ecr:${statement.value.region}:${statement.value.account}:repository/${statement.value.repository}"]
    }
  }

  # GetAuthorizationToken has no resource-level permissions: AWS requires "*".
  dynamic "statement" {
    for_each = local.ecr_image.repository == null ? [] : [local.ecr_image]
    content {
      sid       = "LogInToEcr"
      actions   = ["ecr:GetAuthorizationToken"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "batch_execution" {
  count = local.own_task ? 1 : 0

  name   = "start-batch-job"
  role   = aws_iam_role.batch_execution[0].id
  policy = data.aws_iam_policy_document.batch_execution[0].json
}

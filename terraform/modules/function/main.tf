###############################################################################
# One Cost Guard Lambda function: arm64 function, its log group, its
# execution role with an inline least-privilege policy (the caller's
# statements plus log writes and, in a VPC, network interfaces) and its
# asynchronous invoke configuration.
###############################################################################

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  # Built from the name rather than read from the resource, so the policy is
  # known at plan time and its size is checked then.
  log_group_arn = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/${var.name}"

  runtime = var.package_type == "native" ? "provided.al2023" : "java21"
  handler = var.package_type == "native" ? "bootstrap" : "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  # SnapStart is for the JVM zip only: a native binary starts fast on its own and provided.al2023 has no SnapStart.
  snap_start = var.snap_start && var.package_type == "jvm"
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    sid     = "LambdaAssume"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  description        = var.role_description
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

# The caller's statements come first, then the ones every function needs.
data "aws_iam_policy_document" "this" {
  source_policy_documents = [var.policy_json]

  dynamic "statement" {
    for_each = var.on_failure_destination_arn != null ? [var.on_failure_destination_arn] : []

    content {
      sid       = "SendFailedInvocations"
      actions   = ["sqs:SendMessage"]
      resources = [statement.value]
    }
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.log_group_arn}:*"]
  }

}

resource "aws_iam_role_policy" "this" {
  name   = var.policy_name
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json

  lifecycle {
    # IAM counts an inline policy without its whitespace; the role's inline
    # policies together may not exceed 10,240 characters. Caught here, at plan
    # time, instead of by IAM halfway through an apply.
    precondition {
      condition     = length(replace(data.aws_iam_policy_document.this.json, "/\\s+/", "")) <= 10240
      error_message = "The inline IAM policy of ${var.name} is ${length(replace(data.aws_iam_policy_document.this.json, "/\\s+/", ""))} characters without whitespace; IAM's limit for a role's inline policies is 10,240. List fewer resources (e.g. fewer function names)."
    }
  }
}

# In a VPC, Lambda creates and deletes the function's network interfaces with
# the execution role. AWS's managed policy is used instead of an inline copy:
# written inline, its ENI write actions would need Resource "*" although they
# support resource-level permissions (see terraform/policy-check).
resource "aws_iam_role_policy_attachment" "vpc_access" {
  count = var.vpc_config != null ? 1 : 0

  role       = aws_iam_role.this.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  description   = var.description
  role          = aws_iam_role.this.arn

  architectures = ["arm64"]
  runtime       = local.runtime
  handler       = local.handler
  # From the artifacts bucket when one is given (no 50 MB direct-upload
  # limit; the hash keeps an unchanged package from being redeployed).
  filename         = var.artifact_bucket == null ? var.package_path : null
  s3_bucket        = var.artifact_bucket
  s3_key           = var.artifact_bucket == null ? null : aws_s3_object.package[0].key
  source_code_hash = filebase64sha256(var.package_path)
  timeout          = var.timeout
  memory_size      = var.memory_size

  # Every deployment publishes a version, and the triggers invoke the alias
  # below, never $LATEST: SnapStart only snapshots published versions.
  publish = true

  dynamic "snap_start" {
    for_each = local.snap_start ? [1] : []

    content {
      apply_on = "PublishedVersions"
    }
  }

  environment {
    variables = var.environment_variables
  }

  dynamic "vpc_config" {
    for_each = var.vpc_config != null ? [var.vpc_config] : []

    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = vpc_config.value.security_group_ids
    }
  }

  dynamic "file_system_config" {
    for_each = var.file_system_config != null ? [var.file_system_config] : []

    content {
      arn              = file_system_config.value.access_point_arn
      local_mount_path = file_system_config.value.local_mount_path
    }
  }

  reserved_concurrent_executions = var.reserved_concurrent_executions

  tags = var.tags

  lifecycle {
    # Lambda refuses an environment whose variables take more than 4 KB (the
    # JSON of the map); caught here, at plan time, with the limit named.
    precondition {
      condition     = length(jsonencode(var.environment_variables)) <= 4096
      error_message = "The environment of ${var.name} is ${length(jsonencode(var.environment_variables))} bytes as JSON; Lambda's limit for all environment variables together is 4 KB (4096 bytes). List fewer or shorter values (e.g. fewer function names)."
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.this,
    aws_iam_role_policy_attachment.vpc_access,
  ]
}

# What every trigger invokes: the version this deployment published.
resource "aws_lambda_alias" "live" {
  name             = var.alias_name
  description      = "The version Cost Guard's triggers invoke."
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

resource "aws_s3_object" "package" {
  count = var.artifact_bucket != null ? 1 : 0

  bucket = var.artifact_bucket
  key    = "${var.name}/${basename(var.package_path)}"
  source = var.package_path
  # Re-uploaded only when the package changes.
  source_hash = filemd5(var.package_path)
  tags        = var.tags
}

# Failures that leave no report of their own (an init error, a timeout, an
# exception) still reach Slack: AWS Chatbot renders CloudWatch alarm
# notifications, which it cannot do for Lambda's raw destination records.
resource "aws_cloudwatch_metric_alarm" "errors" {
  count = var.alarm_topic_arn != null ? 1 : 0

  alarm_name        = "${var.name}-errors"
  alarm_description = "${var.name} ended in an error (init error, timeout or a failed run): see its log group ${aws_cloudwatch_log_group.this.name}."
  namespace         = "AWS/Lambda"
  metric_name       = "Errors"
  dimensions = {
    FunctionName = var.name
  }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  tags                = var.tags
}

resource "aws_lambda_function_event_invoke_config" "this" {
  function_name                = aws_lambda_function.this.function_name
  qualifier                    = aws_lambda_alias.live.name
  maximum_retry_attempts       = var.maximum_retry_attempts
  maximum_event_age_in_seconds = var.maximum_event_age_in_seconds

  dynamic "destination_config" {
    for_each = var.on_failure_destination_arn != null ? [var.on_failure_destination_arn] : []

    content {
      on_failure {
        destination = destination_config.value
      }
    }
  }
}

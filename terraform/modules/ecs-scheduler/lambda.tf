resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    sid     = "LambdaAssume"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  name               = local.function_name
  description        = "Cost Guard ECS office-hours scheduler execution role."
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "lambda" {
  statement {
    sid       = "ScaleServices"
    actions   = ["ecs:DescribeServices", "ecs:UpdateService"]
    resources = local.service_arns
  }

  statement {
    sid = "ReadScalableTargets"
    # Describe* actions support no resource-level permissions.
    actions   = ["application-autoscaling:DescribeScalableTargets"]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = length(var.scalable_target_arns) > 0 ? [1] : []

    content {
      sid       = "AdjustScalableTargets"
      actions   = ["application-autoscaling:RegisterScalableTarget"]
      resources = var.scalable_target_arns
    }
  }

  statement {
    sid       = "SnapshotParameter"
    actions   = ["ssm:GetParameter", "ssm:PutParameter"]
    resources = [local.snapshot_parameter_arn]
  }

  dynamic "statement" {
    for_each = local.publish_results ? [1] : []

    content {
      sid       = "PublishResult"
      actions   = ["sns:Publish"]
      resources = [var.result_topic_arn]
    }
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }
}

resource "aws_iam_role_policy" "lambda" {
  name   = "cost-guard-ecs-scheduler"
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.lambda.json
}

resource "aws_lambda_function" "this" {
  function_name = local.function_name
  description   = "Cost Guard: scales ECS services to 0 outside business hours and back."
  role          = aws_iam_role.lambda.arn

  architectures    = ["arm64"]
  runtime          = local.runtime
  handler          = local.handler
  filename         = var.package_path
  source_code_hash = filebase64sha256(var.package_path)
  timeout          = 60
  memory_size      = 256

  environment {
    variables = {
      COSTGUARD_SERVICES              = join(",", local.service_pairs)
      COSTGUARD_SNAPSHOT_PARAMETER    = local.snapshot_parameter_name
      COSTGUARD_DEFAULT_DESIRED_COUNT = tostring(var.default_desired_count)
      COSTGUARD_SKIP_DATES            = join(",", var.skip_dates)
      COSTGUARD_TIME_ZONE             = var.time_zone
      COSTGUARD_RESULT_TOPIC_ARN      = var.result_topic_arn
      COSTGUARD_DRY_RUN               = tostring(var.dry_run)
    }
  }

  tags = var.tags

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.lambda,
  ]
}

# Scheduler invokes asynchronously. Start/stop converge on a target state, so
# Lambda's retries are kept, but a start or stop that is more than an hour
# late is dropped rather than applied at the wrong time of day. Failed
# invocations are reported to the result topic when one is given.
resource "aws_lambda_function_event_invoke_config" "this" {
  function_name                = aws_lambda_function.this.function_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 3600

  dynamic "destination_config" {
    for_each = local.publish_results ? [1] : []

    content {
      on_failure {
        destination = var.result_topic_arn
      }
    }
  }
}

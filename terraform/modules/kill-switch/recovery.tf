###############################################################################
# Recovery Lambda: starts the instance, waits for health, restores function
# concurrency and the CloudFront distribution from the snapshot.
###############################################################################

resource "aws_cloudwatch_log_group" "recovery" {
  name              = "/aws/lambda/${local.recovery_function_name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_iam_role" "recovery" {
  name               = local.recovery_function_name
  description        = "Cost Guard scheduled recovery execution role."
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "recovery" {
  statement {
    sid       = "StartInstance"
    actions   = ["ec2:StartInstances"]
    resources = [local.instance_arn]
  }

  statement {
    sid       = "DescribeInstances"
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
  }

  statement {
    sid = "RestoreRelayFunctions"
    actions = [
      "lambda:GetFunctionConcurrency",
      "lambda:PutFunctionConcurrency",
      "lambda:DeleteFunctionConcurrency",
    ]
    resources = local.relay_function_arns
  }

  statement {
    sid       = "EnableDistribution"
    actions   = ["cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution"]
    resources = [local.distribution_arn]
  }

  statement {
    sid       = "SnapshotParameter"
    actions   = ["ssm:GetParameter", "ssm:DeleteParameter"]
    resources = [local.snapshot_parameter_arn]
  }

  statement {
    sid       = "PublishResult"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.result.arn]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.recovery.arn}:*"]
  }

  # Same EC2 actions as the AWSLambdaVPCAccessExecutionRole managed policy;
  # none of them support resource-level permissions.
  dynamic "statement" {
    for_each = local.recovery_in_vpc ? [1] : []

    content {
      sid = "VpcNetworkInterfaces"
      actions = [
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
      ]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "recovery" {
  name   = "cost-guard-recovery"
  role   = aws_iam_role.recovery.id
  policy = data.aws_iam_policy_document.recovery.json
}

resource "aws_lambda_function" "recovery" {
  function_name = local.recovery_function_name
  description   = "Cost Guard recovery: brings the stack back after the budget month resets."
  role          = aws_iam_role.recovery.arn

  architectures    = ["arm64"]
  runtime          = local.lambda_runtime
  handler          = local.lambda_handler
  filename         = var.recovery_package_path
  source_code_hash = filebase64sha256(var.recovery_package_path)
  timeout          = local.lambda_timeout
  memory_size      = local.lambda_memory

  environment {
    variables = {
      COSTGUARD_FUNCTION_NAMES          = join(",", var.relay_lambda_function_names)
      COSTGUARD_INSTANCE_ID             = var.ec2_instance_id
      COSTGUARD_DISTRIBUTION_ID         = var.cloudfront_distribution_id
      COSTGUARD_RESULT_TOPIC_ARN        = aws_sns_topic.result.arn
      COSTGUARD_SNAPSHOT_PARAMETER      = local.snapshot_parameter_name
      COSTGUARD_HEALTH_URL              = var.health_check_url
      COSTGUARD_HEALTH_ATTEMPTS         = tostring(var.health_attempts)
      COSTGUARD_HEALTH_INTERVAL_SECONDS = tostring(var.health_interval_seconds)
      COSTGUARD_START_TIMEOUT_SECONDS   = tostring(var.start_timeout_seconds)
      COSTGUARD_DRY_RUN                 = tostring(var.dry_run)
    }
  }

  dynamic "vpc_config" {
    for_each = local.recovery_in_vpc ? [1] : []

    content {
      subnet_ids         = var.recovery_subnet_ids
      security_group_ids = var.recovery_security_group_ids
    }
  }

  tags = var.tags

  depends_on = [
    aws_cloudwatch_log_group.recovery,
    aws_iam_role_policy.recovery,
  ]
}

# Scheduler invokes asynchronously, so Lambda's own async retries (default 2)
# would re-run a failed recovery on top of the schedule's retry policy.
# Recovery is not safe to hammer (half-started stack, snapshot already
# consumed), so it runs at most once per trigger; a failure is reported to
# the result topic and is retried by a human (see README).
resource "aws_lambda_function_event_invoke_config" "recovery" {
  function_name          = aws_lambda_function.recovery.function_name
  maximum_retry_attempts = 0

  destination_config {
    on_failure {
      destination = aws_sns_topic.result.arn
    }
  }
}

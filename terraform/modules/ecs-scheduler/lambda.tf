# Function-specific permissions; the function module adds the log writes.
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
}

module "function" {
  source = "../function"

  name             = local.function_name
  description      = "Cost Guard: scales ECS services to 0 outside business hours and back."
  role_description = "Cost Guard ECS office-hours scheduler execution role."
  tags             = var.tags

  package_type       = var.package_type
  snap_start         = true # takes effect for the JVM zip only
  package_path       = var.package_path
  timeout            = 60
  memory_size        = 256
  log_retention_days = var.log_retention_days

  policy_name = "cost-guard-ecs-scheduler"
  policy_json = data.aws_iam_policy_document.lambda.json

  environment_variables = {
    COSTGUARD_SERVICES              = join(",", local.service_pairs)
    COSTGUARD_SNAPSHOT_PARAMETER    = local.snapshot_parameter_name
    COSTGUARD_DEFAULT_DESIRED_COUNT = tostring(var.default_desired_count)
    COSTGUARD_SKIP_DATES            = join(",", var.skip_dates)
    COSTGUARD_TIME_ZONE             = var.time_zone
    COSTGUARD_RESULT_TOPIC_ARN      = var.result_topic_arn
    COSTGUARD_DRY_RUN               = tostring(var.dry_run)
  }

  # Scheduler invokes asynchronously. Start/stop converge on a target state,
  # so Lambda's retries are kept, but a start or stop that is more than an
  # hour late is dropped rather than applied at the wrong time of day. Failed
  # invocations are reported to the result topic when one is given.
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 3600
  on_failure_destination_arn   = local.publish_results ? var.result_topic_arn : null
}

# Resources created before the function module existed keep their state.
moved {
  from = aws_cloudwatch_log_group.this
  to   = module.function.aws_cloudwatch_log_group.this
}

moved {
  from = aws_iam_role.lambda
  to   = module.function.aws_iam_role.this
}

moved {
  from = aws_iam_role_policy.lambda
  to   = module.function.aws_iam_role_policy.this
}

moved {
  from = aws_lambda_function.this
  to   = module.function.aws_lambda_function.this
}

moved {
  from = aws_lambda_function_event_invoke_config.this
  to   = module.function.aws_lambda_function_event_invoke_config.this
}

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

  # A scalable target's ARN ends in an id AWS assigns, so it cannot be built
  # from the services; copying ARNs by hand let one go missing (and that
  # service run all night). The grant is derived instead: the account's and
  # region's ECS desired-count targets, by the service's own condition keys.
  statement {
    sid       = "AdjustScalableTargets"
    actions   = ["application-autoscaling:RegisterScalableTarget"]
    resources = ["arn:${local.partition}:application-autoscaling:${local.region}:${local.account_id}:scalable-target/*"]

    condition {
      test     = "StringEquals"
      variable = "application-autoscaling:service-namespace"
      values   = ["ecs"]
    }

    condition {
      test     = "StringEquals"
      variable = "application-autoscaling:scalable-dimension"
      values   = ["ecs:service:DesiredCount"]
    }
  }

  statement {
    sid       = "SnapshotParameter"
    actions   = ["ssm:GetParameter", "ssm:PutParameter"]
    resources = [local.snapshot_parameter_arn]
  }

  # A start reads the kill switch's parked marker and wakes nothing while it is there.
  dynamic "statement" {
    for_each = var.parked_parameter_name == "" ? [] : [1]

    content {
      sid       = "ReadParkedMarker"
      actions   = ["ssm:GetParameter"]
      resources = ["arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${trimprefix(var.parked_parameter_name, "/")}"]
    }
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
  artifact_bucket    = var.artifact_bucket
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
    COSTGUARD_PARKED_PARAMETER      = var.parked_parameter_name
  }

  # Scheduler invokes asynchronously. Start/stop converge on a target state,
  # so Lambda's retries are kept, but a start or stop that is more than an
  # hour late is dropped rather than applied at the wrong time of day. No
  # on-failure destination: the next schedule converges anyway, and a failure
  # reaches Slack through the Errors alarm on the result topic (Chatbot
  # cannot render Lambda's destination record).
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 3600
  alarm_topic_arn              = local.publish_results ? var.result_topic_arn : null
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

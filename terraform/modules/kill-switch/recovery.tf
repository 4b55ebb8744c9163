###############################################################################
# Recovery Lambda: starts the instance, waits for health, restores function
# concurrency and the CloudFront distribution from the snapshot.
###############################################################################

# Function-specific permissions; the function module adds the log writes
# and, when attached to a VPC, the network-interface actions.
data "aws_iam_policy_document" "recovery" {
  source_policy_documents = [data.aws_iam_policy_document.recovery_parking.json]

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

  # The kill switch's cost-guard:prior-* tags: read when the snapshot lacks an item, removed once it is back.
  statement {
    sid       = "ReadRelayFunctionPriorTags"
    actions   = ["lambda:GetFunctionConfiguration", "lambda:ListTags"]
    resources = local.relay_function_arns
  }

  statement {
    sid       = "UntagRelayFunctionPriorState"
    actions   = ["lambda:UntagResource"]
    resources = local.relay_function_arns
    condition {
      test     = "ForAllValues:StringLike"
      variable = "aws:TagKeys"
      values   = [local.prior_tag_keys]
    }
  }

  statement {
    sid       = "UntagInstancePriorState"
    actions   = ["ec2:DeleteTags"]
    resources = [local.instance_arn]
    condition {
      test     = "ForAllValues:StringLike"
      variable = "aws:TagKeys"
      values   = [local.prior_tag_keys]
    }
    # ForAllValues holds for a request without keys, which would delete every tag; require that it names some.
    condition {
      test     = "Null"
      variable = "aws:TagKeys"
      values   = ["false"]
    }
  }

  statement {
    sid       = "ReadDistributionPriorTags"
    actions   = ["cloudfront:GetDistribution", "cloudfront:ListTagsForResource"]
    resources = [local.distribution_arn]
  }

  statement {
    sid       = "UntagDistributionPriorState"
    actions   = ["cloudfront:UntagResource"]
    resources = [local.distribution_arn]
    condition {
      test     = "ForAllValues:StringLike"
      variable = "aws:TagKeys"
      values   = [local.prior_tag_keys]
    }
  }

  statement {
    sid       = "PublishResult"
    actions   = ["sns:Publish"]
    resources = [local.result_topic_arn]
  }
}

module "recovery" {
  source = "../function"

  name             = local.recovery_function_name
  description      = "Cost Guard recovery: brings the stack back after the budget month resets."
  role_description = "Cost Guard scheduled recovery execution role."
  tags             = var.tags

  package_type       = var.package_type
  snap_start         = true # takes effect for the JVM zip only
  package_path       = var.recovery_package_path
  artifact_bucket    = var.artifact_bucket
  timeout            = local.lambda_timeout
  memory_size        = local.lambda_memory
  log_retention_days = var.log_retention_days

  policy_name = "cost-guard-recovery"
  policy_json = data.aws_iam_policy_document.recovery.json

  environment_variables = {
    COSTGUARD_FUNCTION_NAMES          = join(",", var.relay_lambda_function_names)
    COSTGUARD_INSTANCE_ID             = var.ec2_instance_id
    COSTGUARD_DISTRIBUTION_ID         = var.cloudfront_distribution_id
    COSTGUARD_RESULT_TOPIC_ARN        = local.result_topic_arn
    COSTGUARD_SNAPSHOT_PARAMETER      = local.snapshot_parameter_name
    COSTGUARD_HEALTH_URL              = var.health_check_url
    COSTGUARD_HEALTH_ATTEMPTS         = tostring(var.health_attempts)
    COSTGUARD_HEALTH_INTERVAL_SECONDS = tostring(var.health_interval_seconds)
    COSTGUARD_START_TIMEOUT_SECONDS   = tostring(var.start_timeout_seconds)
    COSTGUARD_RATE_LIMIT_PER_SECOND   = tostring(var.rate_limit_per_second)
    COSTGUARD_POOL_SIZE               = tostring(var.pool_size)
    COSTGUARD_DRY_RUN                 = tostring(var.dry_run)
    COSTGUARD_PARKED_PARAMETER        = local.parked_parameter_name
    COSTGUARD_ECS_SERVICES            = local.ecs_service_pairs
    COSTGUARD_ECS_SCHEDULER_PARAMETER = var.ecs_scheduler_parameter_name
    COSTGUARD_ECS_BUSINESS_HOURS      = var.ecs_business_hours
    COSTGUARD_ECS_TIME_ZONE           = var.ecs_time_zone
    COSTGUARD_ECS_SKIP_DATES          = join(",", var.ecs_skip_dates)
  }

  vpc_config = local.recovery_in_vpc ? {
    subnet_ids         = var.recovery_subnet_ids
    security_group_ids = var.recovery_security_group_ids
  } : null

  # Scheduler invokes asynchronously, so Lambda's own async retries (default
  # 2) would re-run a failed recovery on top of the schedule's retry policy.
  # A recovery that ran and failed is reported and retried by a person (see
  # docs/RUNBOOK.md); only an invoke that never reached the function is
  # retried, by the schedule (schedule.tf).
  maximum_retry_attempts     = 0
  on_failure_destination_arn = aws_sqs_queue.failed.arn
  alarm_topic_arn            = local.result_topic_arn
}

# Resources created before the function module existed keep their state.
moved {
  from = aws_cloudwatch_log_group.recovery
  to   = module.recovery.aws_cloudwatch_log_group.this
}

moved {
  from = aws_iam_role.recovery
  to   = module.recovery.aws_iam_role.this
}

moved {
  from = aws_iam_role_policy.recovery
  to   = module.recovery.aws_iam_role_policy.this
}

moved {
  from = aws_lambda_function.recovery
  to   = module.recovery.aws_lambda_function.this
}

moved {
  from = aws_lambda_function_event_invoke_config.recovery
  to   = module.recovery.aws_lambda_function_event_invoke_config.this
}

###############################################################################
# Shutdown Lambda: throttles the relay functions, drains and stops the API
# instance, disables the CloudFront distribution, and records a snapshot.
###############################################################################

# Function-specific permissions; the function module adds the log writes.
data "aws_iam_policy_document" "shutdown" {
  source_policy_documents = [data.aws_iam_policy_document.shutdown_parking.json]

  statement {
    sid       = "ThrottleRelayFunctions"
    actions   = ["lambda:GetFunctionConcurrency", "lambda:PutFunctionConcurrency"]
    resources = local.relay_function_arns
  }

  statement {
    sid       = "DrainApiService"
    actions   = ["ssm:SendCommand"]
    resources = [local.instance_arn, local.run_shell_script_document_arn]
  }

  statement {
    sid = "FollowAndCancelCommand"
    # GetCommandInvocation and CancelCommand support no resource-level
    # permissions. A stop command that cannot be followed is cancelled, so it
    # cannot stop the service later (after a quick manual recovery).
    actions   = ["ssm:GetCommandInvocation", "ssm:CancelCommand"]
    resources = ["*"]
  }

  statement {
    sid       = "SnapshotParameter"
    actions   = ["ssm:GetParameter", "ssm:PutParameter"]
    resources = [local.snapshot_parameter_arn]
  }

  statement {
    sid       = "StopInstance"
    actions   = ["ec2:StopInstances"]
    resources = [local.instance_arn]
  }

  statement {
    sid = "DescribeInstances"
    # Describe* actions support no resource-level permissions.
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
  }

  statement {
    sid       = "DisableDistribution"
    actions   = ["cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution"]
    resources = [local.distribution_arn]
  }

  # Prior state on the items (cost-guard:prior-* tags), read and written before each item is changed.
  # Lambda and CloudFront tag by ARN, which the function reads once (GetFunctionConfiguration, GetDistribution).
  statement {
    sid       = "ReadRelayFunctionPriorTags"
    actions   = ["lambda:GetFunctionConfiguration", "lambda:ListTags"]
    resources = local.relay_function_arns
  }

  statement {
    sid       = "TagRelayFunctionPriorState"
    actions   = ["lambda:TagResource"]
    resources = local.relay_function_arns
    condition {
      test     = "ForAllValues:StringLike"
      variable = "aws:TagKeys"
      values   = [local.prior_tag_keys]
    }
  }

  statement {
    sid       = "TagInstancePriorState"
    actions   = ["ec2:CreateTags"]
    resources = [local.instance_arn]
    condition {
      test     = "ForAllValues:StringLike"
      variable = "aws:TagKeys"
      values   = [local.prior_tag_keys]
    }
    # ForAllValues holds for a request without tags; require that it names some.
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
    sid       = "TagDistributionPriorState"
    actions   = ["cloudfront:TagResource"]
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

module "shutdown" {
  source = "../function"

  name             = local.shutdown_function_name
  description      = "Cost Guard kill switch: shuts the stack down when the budget or a tripwire fires."
  role_description = "Cost Guard kill switch (shutdown) execution role."
  tags             = var.tags

  package_type       = var.package_type
  snap_start         = true # takes effect for the JVM zip only
  package_path       = var.shutdown_package_path
  artifact_bucket    = var.artifact_bucket
  timeout            = local.lambda_timeout
  memory_size        = local.lambda_memory
  log_retention_days = var.log_retention_days

  reserved_concurrent_executions = var.shutdown_reserved_concurrency

  policy_name = "cost-guard-shutdown"
  policy_json = data.aws_iam_policy_document.shutdown.json

  environment_variables = {
    COSTGUARD_FUNCTION_NAMES          = join(",", var.relay_lambda_function_names)
    COSTGUARD_INSTANCE_ID             = var.ec2_instance_id
    COSTGUARD_DISTRIBUTION_ID         = var.cloudfront_distribution_id
    COSTGUARD_ALERT_TOPIC_ARN         = local.alert_topic_arn
    COSTGUARD_TRIPWIRE_TOPIC_ARNS     = join(",", local.tripwire_topic_arns)
    COSTGUARD_RESULT_TOPIC_ARN        = local.result_topic_arn
    COSTGUARD_SNAPSHOT_PARAMETER      = local.snapshot_parameter_name
    COSTGUARD_DRAIN_SECONDS           = tostring(var.drain_seconds)
    COSTGUARD_SERVICE_NAME            = var.api_service_name
    COSTGUARD_COMMAND_TIMEOUT_SECONDS = tostring(var.command_timeout_seconds)
    COSTGUARD_RATE_LIMIT_PER_SECOND   = tostring(var.rate_limit_per_second)
    COSTGUARD_POOL_SIZE               = tostring(var.pool_size)
    COSTGUARD_DRY_RUN                 = tostring(var.dry_run)
    COSTGUARD_PARKED_PARAMETER        = local.parked_parameter_name
    COSTGUARD_ECS_SERVICES            = local.ecs_service_pairs
  }

  # SNS invokes asynchronously. A run with a failed phase ends in an error
  # after its report is out, so Lambda's two retries finish a half-done
  # shutdown (safe: the first snapshot is kept, every call is idempotent).
  # An event that still fails is kept in the failed-invocations queue for a
  # replay (Chatbot could not render Lambda's record on the result topic);
  # Slack hears of it through the Errors alarm and the queue's alarm.
  maximum_retry_attempts     = 2
  on_failure_destination_arn = aws_sqs_queue.failed.arn
  alarm_topic_arn            = local.result_topic_arn
}

# Resources created before the function module existed keep their state.
moved {
  from = aws_cloudwatch_log_group.shutdown
  to   = module.shutdown.aws_cloudwatch_log_group.this
}

moved {
  from = aws_iam_role.shutdown
  to   = module.shutdown.aws_iam_role.this
}

moved {
  from = aws_iam_role_policy.shutdown
  to   = module.shutdown.aws_iam_role_policy.this
}

moved {
  from = aws_lambda_function.shutdown
  to   = module.shutdown.aws_lambda_function.this
}

moved {
  from = aws_lambda_function_event_invoke_config.shutdown
  to   = module.shutdown.aws_lambda_function_event_invoke_config.this
}

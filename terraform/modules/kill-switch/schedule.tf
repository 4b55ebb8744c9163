###############################################################################
# Monthly recovery schedule (EventBridge Scheduler -> recovery Lambda)
###############################################################################

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    sid     = "SchedulerAssume"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:scheduler:${local.region}:${local.account_id}:schedule/default/${local.recovery_schedule_name}"]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name_prefix}-recovery-scheduler"
  description        = "Lets EventBridge Scheduler invoke the Cost Guard recovery Lambda."
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeRecovery"
    actions   = ["lambda:InvokeFunction"]
    resources = [module.recovery.alias_arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "invoke-recovery"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_scheduler_schedule" "recovery" {
  name        = local.recovery_schedule_name
  group_name  = "default"
  description = "Cost Guard: restore the stack after the monthly budget resets."

  schedule_expression          = var.recovery_schedule_expression
  schedule_expression_timezone = var.recovery_schedule_timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = module.recovery.alias_arn
    role_arn = aws_iam_role.scheduler.arn

    # Without an explicit input Scheduler sends its own default payload.
    input = jsonencode({
      source  = "cost-guard.schedule"
      trigger = "schedule"
    })

    # No delivery retries: recovery runs at most once per month (see the
    # event invoke config in recovery.tf and the README).
    retry_policy {
      maximum_retry_attempts = 0
    }
  }

  depends_on = [aws_iam_role_policy.scheduler]
}

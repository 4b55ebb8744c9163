###############################################################################
# Monthly recovery schedule (EventBridge Scheduler -> recovery Lambda)
###############################################################################

# The schedules' own group: Scheduler assumes the role with the GROUP's ARN as aws:SourceArn, so the trust policy
# names the group (EventBridge Scheduler User Guide, "Confused deputy prevention": do not scope aws:SourceArn to a
# schedule or a name prefix). A group of its own keeps other schedules of the account from using the role.
resource "aws_scheduler_schedule_group" "this" {
  name = local.schedule_group_name
  tags = var.tags
}

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
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:scheduler:${local.region}:${local.account_id}:schedule-group/${local.schedule_group_name}"]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name_prefix}-recovery-scheduler"
  description        = "Lets EventBridge Scheduler invoke the Cost Guard recovery (and the monthly drill of the kill switch)."
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeRecovery"
    actions   = ["lambda:InvokeFunction"]
    resources = [module.recovery.alias_arn]
  }

  dynamic "statement" {
    for_each = var.monthly_drill_enabled ? [1] : []

    content {
      sid       = "InvokeDrill"
      actions   = ["lambda:InvokeFunction"]
      resources = [module.shutdown.alias_arn]
    }
  }

  statement {
    sid       = "DeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.failed.arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "invoke-recovery"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_scheduler_schedule" "recovery" {
  name        = local.recovery_schedule_name
  group_name  = aws_scheduler_schedule_group.this.name
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

    # Scheduler retries only when the invoke itself failed (the function
    # never ran), so a retry is safe; what still fails goes to the queue,
    # whose alarm tells Slack. Otherwise a month could pass without recovery
    # and without a word.
    retry_policy {
      maximum_retry_attempts       = 10
      maximum_event_age_in_seconds = 86400
    }

    dead_letter_config {
      arn = aws_sqs_queue.failed.arn
    }
  }

  depends_on = [aws_iam_role_policy.scheduler]
}

###############################################################################
# Monthly drill (off by default): a dry run of the kill switch, so the path
# from trigger to Slack is proven every month without changing anything.
###############################################################################

resource "aws_scheduler_schedule" "drill" {
  count = var.monthly_drill_enabled ? 1 : 0

  name        = local.drill_schedule_name
  group_name  = aws_scheduler_schedule_group.this.name
  description = "Cost Guard: monthly dry run of the kill switch (reports to Slack, changes nothing)."

  schedule_expression          = var.monthly_drill_schedule_expression
  schedule_expression_timezone = var.recovery_schedule_timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = module.shutdown.alias_arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode({ reason = "monthly drill", dryRun = true })

    retry_policy {
      maximum_retry_attempts       = 10
      maximum_event_age_in_seconds = 86400
    }

    dead_letter_config {
      arn = aws_sqs_queue.failed.arn
    }
  }

  depends_on = [aws_iam_role_policy.scheduler]
}

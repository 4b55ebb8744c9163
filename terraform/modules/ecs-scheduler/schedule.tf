# The schedules' own group, so only they can use the role.
resource "aws_scheduler_schedule_group" "this" {
  name = local.function_name
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

    # Scheduler sends the schedule GROUP's ARN (EventBridge Scheduler User Guide, "Confused deputy prevention").
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:scheduler:${local.region}:${local.account_id}:schedule-group/${local.function_name}"]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${local.function_name}-sched"
  description        = "Lets EventBridge Scheduler invoke the Cost Guard ECS scheduler Lambda."
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeEcsScheduler"
    actions   = ["lambda:InvokeFunction"]
    resources = [module.function.alias_arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "invoke-ecs-scheduler"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_scheduler_schedule" "this" {
  for_each = local.schedules

  name        = "${local.function_name}-${each.key}"
  group_name  = aws_scheduler_schedule_group.this.name
  description = "Cost Guard: ${each.key} the office-hours ECS services."
  state       = var.schedules_enabled ? "ENABLED" : "DISABLED"

  schedule_expression          = each.value
  schedule_expression_timezone = var.time_zone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = module.function.alias_arn
    role_arn = aws_iam_role.scheduler.arn

    # Without an explicit input Scheduler sends its own default payload.
    input = jsonencode({
      action  = each.key
      trigger = "schedule"
    })

    retry_policy {
      maximum_retry_attempts       = 3
      maximum_event_age_in_seconds = 3600
    }
  }

  depends_on = [aws_iam_role_policy.scheduler]
}

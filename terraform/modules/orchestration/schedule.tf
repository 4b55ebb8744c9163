# 02:00 in Tokyo by default. The rule passes only the event's time; the state machine turns it into the day.
resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "${local.state_machine}-schedule"
  description         = "Starts ${local.state_machine} every night."
  schedule_expression = var.schedule_expression
  state               = var.schedule_enabled ? "ENABLED" : "DISABLED"
  tags                = var.tags
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule     = aws_cloudwatch_event_rule.nightly.name
  arn      = aws_sfn_state_machine.nightly_batch.arn
  role_arn = aws_iam_role.schedule.arn

  input_transformer {
    input_paths = {
      time = "$.time"
    }
    # <time> is a string, so EventBridge writes it quoted: {"scheduledTime": "2026-11-30T17:00:00Z"}.
    input_template = "{\"scheduledTime\": <time>}"
  }
}

data "aws_iam_policy_document" "schedule_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "schedule" {
  name               = "${local.state_machine}-events"
  assume_role_policy = data.aws_iam_policy_document.schedule_trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "schedule" {
  statement {
    actions   = ["states:StartExecution"]
    resources = [aws_sfn_state_machine.nightly_batch.arn]
  }
}

resource "aws_iam_role_policy" "schedule" {
  name   = "start-nightly-batch"
  role   = aws_iam_role.schedule.id
  policy = data.aws_iam_policy_document.schedule.json
}

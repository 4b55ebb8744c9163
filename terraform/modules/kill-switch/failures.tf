###############################################################################
# Failures that leave no report of their own.
#
# One SQS queue keeps what could not be delivered or still failed after the
# retries: Lambda's on-failure records of the shutdown and the recovery, and
# the Scheduler's dead letters (a monthly recovery or drill whose invoke never
# reached the function). A queue rather than the result topic, because AWS
# Chatbot cannot render those records; an alarm on the queue tells Slack in a
# form it renders, and the message stays there for a replay (RUNBOOK.md).
###############################################################################

resource "aws_sqs_queue" "failed" {
  name                      = "${var.name_prefix}-failed-invocations"
  message_retention_seconds = 1209600 # 14 days, SQS's maximum
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_cloudwatch_metric_alarm" "failed_invocations" {
  alarm_name        = "${var.name_prefix}-failed-invocations"
  alarm_description = "A Cost Guard invocation failed for good or was never delivered (kill switch, recovery, drill). The event is in SQS queue ${aws_sqs_queue.failed.name}; see docs/RUNBOOK.md."
  namespace         = "AWS/SQS"
  metric_name       = "ApproximateNumberOfMessagesVisible"
  dimensions = {
    QueueName = aws_sqs_queue.failed.name
  }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.result.arn]
  tags                = var.tags
}

# Failures reach people even when the state machine's own notification cannot: an execution that failed (whatever
# failed in it, the SNS publish included), and a night that never ran or never finished (a disabled rule, a stuck
# execution, an account-level problem), both to the monitoring topic that AWS Chatbot renders.

resource "aws_cloudwatch_metric_alarm" "executions_failed" {
  alarm_name          = "${local.state_machine}-executions-failed"
  alarm_description   = "An execution of ${local.state_machine} failed, timed out or was aborted; its history names the error."
  namespace           = "AWS/States"
  metric_name         = "ExecutionsFailed"
  dimensions          = { StateMachineArn = aws_sfn_state_machine.nightly_batch.arn }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  tags                = var.tags
}

# No successful execution for success_alarm_hours: evaluated as that many one-hour periods, all of them without a
# success; missing data counts as breaching, so a night that never started alarms too. Only with the schedule on.
resource "aws_cloudwatch_metric_alarm" "no_recent_success" {
  count = var.schedule_enabled ? 1 : 0

  alarm_name          = "${local.state_machine}-no-success-${var.success_alarm_hours}h"
  alarm_description   = "No execution of ${local.state_machine} succeeded in the last ${var.success_alarm_hours} hours: the nightly batch did not run or did not finish."
  namespace           = "AWS/States"
  metric_name         = "ExecutionsSucceeded"
  dimensions          = { StateMachineArn = aws_sfn_state_machine.nightly_batch.arn }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = var.success_alarm_hours
  datapoints_to_alarm = var.success_alarm_hours
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]
  tags                = var.tags
}

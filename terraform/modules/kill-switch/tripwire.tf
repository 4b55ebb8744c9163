# Usage tripwires: metric alarms that fire the kill switch without waiting
# for billing data. Only alarm_actions are set, so returning to OK (or
# INSUFFICIENT_DATA) never triggers a shutdown.

resource "aws_cloudwatch_metric_alarm" "tripwire" {
  for_each = local.tripwire_alarms_default

  alarm_name          = "${var.name_prefix}-tripwire-${each.key}"
  alarm_description   = "Cost Guard tripwire: ALARM invokes the ${local.shutdown_function_name} kill switch."
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison_operator
  treat_missing_data  = each.value.treat_missing_data

  actions_enabled = true
  alarm_actions   = [aws_sns_topic.tripwire[0].arn]

  tags = var.tags

  depends_on = [aws_sns_topic_policy.tripwire]
}

resource "aws_cloudwatch_metric_alarm" "tripwire_us_east_1" {
  provider = aws.us_east_1
  for_each = local.tripwire_alarms_us_east_1

  alarm_name          = "${var.name_prefix}-tripwire-${each.key}"
  alarm_description   = "Cost Guard tripwire (us-east-1): ALARM invokes the ${local.shutdown_function_name} kill switch in ${local.region}."
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison_operator
  treat_missing_data  = each.value.treat_missing_data

  actions_enabled = true
  alarm_actions   = [aws_sns_topic.tripwire_us_east_1[0].arn]

  tags = var.tags

  depends_on = [aws_sns_topic_policy.tripwire_us_east_1]
}

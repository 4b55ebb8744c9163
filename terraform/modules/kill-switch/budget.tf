resource "aws_budgets_budget" "monthly" {
  name         = local.budget_name
  budget_type  = "COST"
  time_unit    = "MONTHLY"
  limit_amount = var.budget_limit_amount
  limit_unit   = var.budget_currency

  # Actual spend over the threshold fires the kill switch.
  notification {
    notification_type         = "ACTUAL"
    comparison_operator       = "GREATER_THAN"
    threshold                 = var.actual_threshold_percent
    threshold_type            = "PERCENTAGE"
    subscriber_sns_topic_arns = [aws_sns_topic.alert.arn]
  }

  # Forecasted spend only warns (result topic -> Slack), it never shuts down.
  dynamic "notification" {
    for_each = var.forecast_warning_enabled ? [1] : []

    content {
      notification_type         = "FORECASTED"
      comparison_operator       = "GREATER_THAN"
      threshold                 = var.forecast_threshold_percent
      threshold_type            = "PERCENTAGE"
      subscriber_sns_topic_arns = [aws_sns_topic.result.arn]
    }
  }

  tags = var.tags

  # Budgets validates that it may publish when the notification is created.
  depends_on = [
    aws_sns_topic_policy.alert,
    aws_sns_topic_policy.result,
  ]
}

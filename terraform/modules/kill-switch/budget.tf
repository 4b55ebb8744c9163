locals {
  # Budgets' TagKeyValue filter: "user:<key>$<value>" for an activated cost allocation tag.
  budget_tag_values = flatten([for key, values in var.budget_cost_filter.tags : [for v in values : format("user:%s$%s", key, v)]])
}

resource "aws_budgets_budget" "monthly" {
  name         = local.budget_name
  budget_type  = "COST"
  time_unit    = "MONTHLY"
  limit_amount = var.budget_limit_amount
  limit_unit   = var.budget_currency

  # Optional: only this environment's costs (cost allocation tags, or linked
  # accounts), so two environments in one account do not trip each other.
  dynamic "cost_filter" {
    for_each = length(local.budget_tag_values) > 0 ? [1] : []

    content {
      name   = "TagKeyValue"
      values = local.budget_tag_values
    }
  }

  dynamic "cost_filter" {
    for_each = length(var.budget_cost_filter.linked_account_ids) > 0 ? [1] : []

    content {
      name   = "LinkedAccount"
      values = var.budget_cost_filter.linked_account_ids
    }
  }

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

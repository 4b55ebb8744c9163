###############################################################################
# Alert topic: AWS Budgets (ACTUAL) -> shutdown Lambda
###############################################################################

resource "aws_sns_topic" "alert" {
  name = "${var.name_prefix}-budget-alert"
  tags = var.tags
}

data "aws_iam_policy_document" "alert_topic" {
  statement {
    sid       = "AllowBudgetsPublish"
    actions   = ["SNS:Publish"]
    resources = [aws_sns_topic.alert.arn]

    principals {
      type        = "Service"
      identifiers = ["budgets.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:budgets::${local.account_id}:*"]
    }
  }
}

resource "aws_sns_topic_policy" "alert" {
  arn    = aws_sns_topic.alert.arn
  policy = data.aws_iam_policy_document.alert_topic.json
}

###############################################################################
# Result topic: shutdown/recovery reports and the FORECASTED warning -> Slack
###############################################################################

resource "aws_sns_topic" "result" {
  name = "${var.name_prefix}-result"
  tags = var.tags
}

# The functions publish with their execution roles (same account, so no
# topic-policy grant is needed); only Budgets needs a resource-policy grant,
# and only when the forecast warning is on.
data "aws_iam_policy_document" "result_topic" {
  # The Errors and failed-invocation alarms publish here; with a topic policy
  # of its own, CloudWatch needs the grant explicitly.
  statement {
    sid       = "AllowCloudWatchAlarms"
    actions   = ["SNS:Publish"]
    resources = [aws_sns_topic.result.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  dynamic "statement" {
    for_each = var.forecast_warning_enabled ? [1] : []

    content {
      sid       = "AllowBudgetsPublish"
      actions   = ["SNS:Publish"]
      resources = [aws_sns_topic.result.arn]

      principals {
        type        = "Service"
        identifiers = ["budgets.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
      }

      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = ["arn:${local.partition}:budgets::${local.account_id}:*"]
      }
    }
  }
}

resource "aws_sns_topic_policy" "result" {
  arn    = aws_sns_topic.result.arn
  policy = data.aws_iam_policy_document.result_topic.json
}

###############################################################################
# Tripwire topics: CloudWatch alarms -> shutdown Lambda
# One per region that has alarms, because alarm actions must target a topic
# in the alarm's own region. The us-east-1 topic delivers cross-region to
# the Lambda, which SNS supports.
###############################################################################

resource "aws_sns_topic" "tripwire" {
  count = length(local.tripwire_alarms_default) > 0 ? 1 : 0

  name = "${var.name_prefix}-tripwire"
  tags = var.tags
}

data "aws_iam_policy_document" "tripwire_topic" {
  count = length(aws_sns_topic.tripwire)

  statement {
    sid       = "AllowCloudWatchAlarmsPublish"
    actions   = ["SNS:Publish"]
    resources = [aws_sns_topic.tripwire[0].arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:*"]
    }
  }
}

resource "aws_sns_topic_policy" "tripwire" {
  count = length(aws_sns_topic.tripwire)

  arn    = aws_sns_topic.tripwire[0].arn
  policy = data.aws_iam_policy_document.tripwire_topic[0].json
}

resource "aws_sns_topic" "tripwire_us_east_1" {
  provider = aws.us_east_1
  count    = length(local.tripwire_alarms_us_east_1) > 0 ? 1 : 0

  # Distinct name so it cannot collide with the default-region topic when the
  # default region is itself us-east-1.
  name = "${var.name_prefix}-tripwire-us-east-1"
  tags = var.tags
}

data "aws_iam_policy_document" "tripwire_us_east_1_topic" {
  count = length(aws_sns_topic.tripwire_us_east_1)

  statement {
    sid       = "AllowCloudWatchAlarmsPublish"
    actions   = ["SNS:Publish"]
    resources = [aws_sns_topic.tripwire_us_east_1[0].arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:cloudwatch:us-east-1:${local.account_id}:alarm:*"]
    }
  }
}

resource "aws_sns_topic_policy" "tripwire_us_east_1" {
  provider = aws.us_east_1
  count    = length(aws_sns_topic.tripwire_us_east_1)

  arn    = aws_sns_topic.tripwire_us_east_1[0].arn
  policy = data.aws_iam_policy_document.tripwire_us_east_1_topic[0].json
}

###############################################################################
# Subscriptions of the shutdown Lambda
###############################################################################

resource "aws_lambda_permission" "shutdown_from_alert" {
  statement_id  = "AllowInvokeFromAlertTopic"
  action        = "lambda:InvokeFunction"
  function_name = module.shutdown.function_name
  qualifier     = module.shutdown.alias_name
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.alert.arn
}

resource "aws_sns_topic_subscription" "shutdown_alert" {
  topic_arn = aws_sns_topic.alert.arn
  protocol  = "lambda"
  endpoint  = module.shutdown.alias_arn

  depends_on = [aws_lambda_permission.shutdown_from_alert]
}

resource "aws_lambda_permission" "shutdown_from_tripwire" {
  count = length(aws_sns_topic.tripwire)

  statement_id  = "AllowInvokeFromTripwireTopic"
  action        = "lambda:InvokeFunction"
  function_name = module.shutdown.function_name
  qualifier     = module.shutdown.alias_name
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.tripwire[0].arn
}

resource "aws_sns_topic_subscription" "shutdown_tripwire" {
  count = length(aws_sns_topic.tripwire)

  topic_arn = aws_sns_topic.tripwire[0].arn
  protocol  = "lambda"
  endpoint  = module.shutdown.alias_arn

  depends_on = [aws_lambda_permission.shutdown_from_tripwire]
}

# The permission lives with the function (default region); the subscription
# lives with the topic (us-east-1).
resource "aws_lambda_permission" "shutdown_from_tripwire_us_east_1" {
  count = length(aws_sns_topic.tripwire_us_east_1)

  statement_id  = "AllowInvokeFromTripwireTopicUsEast1"
  action        = "lambda:InvokeFunction"
  function_name = module.shutdown.function_name
  qualifier     = module.shutdown.alias_name
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.tripwire_us_east_1[0].arn
}

resource "aws_sns_topic_subscription" "shutdown_tripwire_us_east_1" {
  provider = aws.us_east_1
  count    = length(aws_sns_topic.tripwire_us_east_1)

  topic_arn = aws_sns_topic.tripwire_us_east_1[0].arn
  protocol  = "lambda"
  endpoint  = module.shutdown.alias_arn

  depends_on = [aws_lambda_permission.shutdown_from_tripwire_us_east_1]
}

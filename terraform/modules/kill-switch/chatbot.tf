###############################################################################
# Slack notifications via AWS Chatbot (Amazon Q Developer in chat
# applications). Created only when both slack_team_id and slack_channel_id
# are set. The provider sends Chatbot API calls to a region that hosts the
# Chatbot API on its own; the topic may live in any region.
###############################################################################

data "aws_iam_policy_document" "chatbot_assume" {
  count = local.chatbot_enabled ? 1 : 0

  statement {
    sid     = "ChatbotAssume"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["chatbot.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "chatbot" {
  count = local.chatbot_enabled ? 1 : 0

  name               = "${var.name_prefix}-chatbot"
  description        = "Channel role for the Cost Guard Slack channel (notifications only)."
  assume_role_policy = data.aws_iam_policy_document.chatbot_assume[0].json
  tags               = var.tags
}

# Enough for Chatbot to render CloudWatch alarm notifications (it fetches
# the alarm and metric graph); nothing that changes resources.
data "aws_iam_policy_document" "chatbot" {
  count = local.chatbot_enabled ? 1 : 0

  statement {
    sid = "ReadCloudWatchForNotifications"
    actions = [
      "cloudwatch:Describe*",
      "cloudwatch:Get*",
      "cloudwatch:List*",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "chatbot" {
  count = local.chatbot_enabled ? 1 : 0

  name   = "notifications-read-only"
  role   = aws_iam_role.chatbot[0].id
  policy = data.aws_iam_policy_document.chatbot[0].json
}

resource "aws_chatbot_slack_channel_configuration" "this" {
  count = local.chatbot_enabled ? 1 : 0

  configuration_name = "${var.name_prefix}-cost-guard"
  iam_role_arn       = aws_iam_role.chatbot[0].arn
  slack_team_id      = var.slack_team_id
  slack_channel_id   = var.slack_channel_id
  sns_topic_arns     = [aws_sns_topic.result.arn]
  logging_level      = var.chatbot_logging_level

  guardrail_policy_arns = (
    var.chatbot_guardrail_policy_arns != null
    ? var.chatbot_guardrail_policy_arns
    : ["arn:${local.partition}:iam::aws:policy/ReadOnlyAccess"]
  )

  tags = var.tags
}

resource "aws_cloudwatch_event_rule" "schedule" {
  name                = local.function_name
  description         = "Cost Guard: run the EFS mount-target scaler."
  schedule_expression = var.schedule_expression
  state               = var.schedule_enabled ? "ENABLED" : "DISABLED"
  tags                = var.tags
}

resource "aws_cloudwatch_event_target" "scaler" {
  rule = aws_cloudwatch_event_rule.schedule.name
  # The alias, like every other trigger: its async settings (no retries,
  # 300 s maximum age) are configured on the alias, not the function.
  arn = module.function.alias_arn

  # Explicit input: the function reads {"trigger": ...}, not the scheduled-event envelope.
  input = jsonencode({ trigger = "schedule" })
}

resource "aws_lambda_permission" "schedule" {
  statement_id  = "AllowEventBridgeSchedule"
  action        = "lambda:InvokeFunction"
  function_name = module.function.function_name
  qualifier     = module.function.alias_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.schedule.arn
}

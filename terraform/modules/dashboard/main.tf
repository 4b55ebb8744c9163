###############################################################################
# One CloudWatch dashboard for the suite: per function invocations, errors
# and duration; the last run reports (outcome per phase) from the report
# logs; the state machines' executions and failures.
###############################################################################

locals {
  function_rows = [
    for i, fn in var.function_names : {
      type   = "metric"
      x      = 0
      y      = i * 6
      width  = 24
      height = 6
      properties = {
        title   = fn
        region  = var.region
        view    = "timeSeries"
        stacked = false
        period  = 300
        metrics = [
          ["AWS/Lambda", "Invocations", "FunctionName", fn, { stat = "Sum" }],
          [".", "Errors", ".", ".", { stat = "Sum", color = "#d62728" }],
          [".", "Duration", ".", ".", { stat = "Maximum", yAxis = "right" }],
        ]
      }
    }
  ]

  report_rows = length(var.report_log_groups) == 0 ? [] : [{
    type   = "log"
    x      = 0
    y      = length(var.function_names) * 6
    width  = 24
    height = 6
    properties = {
      title  = "Last run reports (overall_success, summary)"
      region = var.region
      view   = "table"
      query = join(" | ", [
        "SOURCE ${join(" | SOURCE ", [for g in var.report_log_groups : "'${g}'"])}",
        "filter event = \"run_report\"",
        "fields @timestamp, @log, overall_success, summary",
        "sort @timestamp desc",
        "limit 20",
      ])
    }
  }]

  state_machine_rows = [
    for i, arn in var.state_machine_arns : {
      type   = "metric"
      x      = 0
      y      = (length(var.function_names) + 1 + i) * 6
      width  = 24
      height = 6
      properties = {
        title  = "State machine ${element(split(":", arn), length(split(":", arn)) - 1)}"
        region = var.region
        view   = "timeSeries"
        period = 300
        metrics = [
          ["AWS/States", "ExecutionsStarted", "StateMachineArn", arn, { stat = "Sum" }],
          [".", "ExecutionsSucceeded", ".", ".", { stat = "Sum" }],
          [".", "ExecutionsFailed", ".", ".", { stat = "Sum", color = "#d62728" }],
          [".", "ExecutionsTimedOut", ".", ".", { stat = "Sum" }],
        ]
      }
    }
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = concat(local.function_rows, local.report_rows, local.state_machine_rows) })
}

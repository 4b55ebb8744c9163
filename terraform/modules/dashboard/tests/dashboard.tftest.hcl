mock_provider "aws" {}

variables {
  name              = "cg-test"
  region            = "ap-northeast-1"
  function_names    = ["cg-test-shutdown", "cg-test-recovery"]
  report_log_groups = ["/aws/lambda/cg-test-shutdown"]
}

run "rows" {
  command = plan

  assert {
    condition     = length(jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets) == 3
    error_message = "One row per function and one for the run reports."
  }

  assert {
    condition     = strcontains(jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets[2].properties.query, "SOURCE '/aws/lambda/cg-test-shutdown' | filter event = \"run_report\"")
    error_message = "The report table reads the run_report lines."
  }
}

run "state_machine_row" {
  command = plan

  variables {
    state_machine_arns = ["arn:aws:states:ap-northeast-1:123456789012:stateMachine:cg-test-batch"]
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets[3].properties.title == "State machine cg-test-batch"
    error_message = "A state machine gets its own row."
  }
}

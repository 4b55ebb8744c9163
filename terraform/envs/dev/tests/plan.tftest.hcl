# Offline smoke test: plans the whole environment against mocked providers
# (no credentials, no network), with Slack enabled, to check the wiring
# between the modules. The packages are the modules' empty test stand-ins.

mock_provider "aws" {
  mock_data "aws_region" {
    defaults = { name = "ap-northeast-1" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
}

mock_provider "aws" {
  alias = "us_east_1"
}

variables {
  budget_limit_amount        = "10"
  slack_team_id              = "T07EA123LEP"
  slack_channel_id           = "C07EZ1ABC23"
  shutdown_package_path      = "../../modules/kill-switch/tests/function.zip"
  recovery_package_path      = "../../modules/kill-switch/tests/function.zip"
  ecs_scheduler_package_path = "../../modules/ecs-scheduler/tests/function.zip"
}

run "plan" {
  command = plan

  assert {
    condition     = length(module.kill_switch.tripwire_sns_topic_arns) > 0
    error_message = "The example environment configures tripwire alarms."
  }
}

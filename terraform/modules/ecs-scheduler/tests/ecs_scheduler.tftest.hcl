# Offline unit tests: `terraform test` with a mocked AWS provider, so no
# credentials or network are needed. function.zip is an empty stand-in for
# the Lambda package (only its hash is taken).

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "ap-northeast-1" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:mock", version = "3" }
  }
  mock_resource "aws_lambda_alias" {
    defaults = { arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:mock:live" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:ap-northeast-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
}

variables {
  name_prefix  = "cg-test"
  package_path = "./tests/function.zip"
  services = [
    { cluster = "main", service = "api" },
    { cluster = "main", service = "worker" },
  ]
}

run "defaults" {
  command = apply

  assert {
    condition = module.function.lambda_function.environment[0].variables == tomap({
      COSTGUARD_SERVICES              = "main/api,main/worker"
      COSTGUARD_SNAPSHOT_PARAMETER    = "/cost-guard/cg-test/ecs-scheduler-snapshot"
      COSTGUARD_DEFAULT_DESIRED_COUNT = "1"
      COSTGUARD_SKIP_DATES            = ""
      COSTGUARD_TIME_ZONE             = "Asia/Tokyo"
      COSTGUARD_RESULT_TOPIC_ARN      = ""
      COSTGUARD_DRY_RUN               = "false"
      COSTGUARD_PARKED_PARAMETER      = ""
    })
    error_message = "Unexpected environment."
  }

  assert {
    condition     = module.function.lambda_function.architectures == tolist(["arm64"]) && module.function.lambda_function.timeout == 60 && module.function.lambda_function.memory_size == 256
    error_message = "Function must be arm64, 60 s, 256 MB."
  }

  assert {
    condition     = local.service_arns == ["arn:aws:ecs:ap-northeast-1:123456789012:service/main/api", "arn:aws:ecs:ap-northeast-1:123456789012:service/main/worker"]
    error_message = "Unexpected service ARNs."
  }

  assert {
    condition     = jsondecode(aws_scheduler_schedule.this["start"].target[0].input) == { action = "start", trigger = "schedule" } && jsondecode(aws_scheduler_schedule.this["stop"].target[0].input) == { action = "stop", trigger = "schedule" }
    error_message = "Unexpected schedule inputs."
  }

  assert {
    condition     = aws_scheduler_schedule.this["start"].schedule_expression == "cron(0 9 ? * MON-FRI *)" && aws_scheduler_schedule.this["stop"].schedule_expression == "cron(0 22 ? * MON-FRI *)" && aws_scheduler_schedule.this["stop"].schedule_expression_timezone == "Asia/Tokyo"
    error_message = "Unexpected schedule expressions."
  }

  assert {
    condition     = length(module.function.event_invoke_config.destination_config) == 0
    error_message = "No failure destination without a result topic."
  }
}

run "with_results_and_skip_dates" {
  command = apply

  variables {
    result_topic_arn = "arn:aws:sns:ap-northeast-1:123456789012:cg-result"
    skip_dates       = ["2026-01-01", "2026-01-12"]
    time_zone        = "Europe/Berlin"
    package_type     = "jvm"
    dry_run          = true
  }

  assert {
    condition     = module.function.lambda_function.environment[0].variables["COSTGUARD_SKIP_DATES"] == "2026-01-01,2026-01-12" && module.function.lambda_function.environment[0].variables["COSTGUARD_RESULT_TOPIC_ARN"] == "arn:aws:sns:ap-northeast-1:123456789012:cg-result"
    error_message = "Skip dates and result topic must reach the function."
  }

  assert {
    condition     = module.function.lambda_function.environment[0].variables["COSTGUARD_TIME_ZONE"] == "Europe/Berlin" && alltrue([for s in aws_scheduler_schedule.this : s.schedule_expression_timezone == "Europe/Berlin"])
    error_message = "One time zone drives both the schedules and the skip dates."
  }

  assert {
    condition     = module.function.lambda_function.runtime == "java21"
    error_message = "jvm packaging must use java21."
  }

  assert {
    condition     = module.function.lambda_function.snap_start[0].apply_on == "PublishedVersions"
    error_message = "The JVM zip must run with SnapStart on its published versions."
  }

  assert {
    condition     = alltrue([for k, s in aws_scheduler_schedule.this : s.target[0].arn == "arn:aws:lambda:ap-northeast-1:123456789012:function:mock:live"])
    error_message = "Both schedules must invoke the live alias."
  }

  assert {
    condition     = length(module.function.event_invoke_config.destination_config) == 0 && module.function.errors_alarm_name == "cg-test-ecs-scheduler-errors"
    error_message = "Failures reach the result topic through the Errors alarm, not as Lambda's raw destination record."
  }
}

run "rejects_impossible_date" {
  command = plan

  variables {
    skip_dates = ["2026-02-30"]
  }

  expect_failures = [var.skip_dates]
}

run "rejects_empty_services" {
  command = plan

  variables {
    services = []
  }

  expect_failures = [var.services]
}

run "reads_the_parked_marker" {
  command = plan

  variables {
    parked_parameter_name = "/cost-guard/cg-test/parked"
  }

  assert {
    condition     = module.function.lambda_function.environment[0].variables["COSTGUARD_PARKED_PARAMETER"] == "/cost-guard/cg-test/parked"
    error_message = "The scheduler must be told the kill switch's parked marker."
  }

  assert {
    condition     = one([for st in data.aws_iam_policy_document.lambda.statement : st.resources if st.sid == "ReadParkedMarker"]) == toset(["arn:aws:ssm:ap-northeast-1:123456789012:parameter/cost-guard/cg-test/parked"])
    error_message = "ssm:GetParameter must be granted on the marker alone."
  }
}

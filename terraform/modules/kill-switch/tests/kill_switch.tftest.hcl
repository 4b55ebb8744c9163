# Offline unit tests: `terraform test` with mocked AWS providers, so no
# credentials or network are needed. function.zip is an empty stand-in for
# the Lambda packages (only its hash is taken).

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
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:ap-northeast-1:123456789012:mock" }
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
  mock_resource "aws_sqs_queue" {
    defaults = { arn = "arn:aws:sqs:ap-northeast-1:123456789012:mock" }
  }
}

mock_provider "aws" {
  alias = "us_east_1"

  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:us-east-1:123456789012:mock" }
  }
}

variables {
  name_prefix                 = "cg-test"
  budget_limit_amount         = "25"
  relay_lambda_function_names = ["relay-a", "relay-b"]
  ec2_instance_id             = "i-0123456789abcdef0"
  cloudfront_distribution_id  = "E2EXAMPLE0TEST"
  health_check_url            = "http://{privateIp}:8080/health"
  shutdown_package_path       = "./tests/function.zip"
  recovery_package_path       = "./tests/function.zip"
}

run "minimal" {
  command = apply

  assert {
    condition = module.shutdown.lambda_function.environment[0].variables == tomap({
      COSTGUARD_FUNCTION_NAMES          = "relay-a,relay-b"
      COSTGUARD_INSTANCE_ID             = "i-0123456789abcdef0"
      COSTGUARD_DISTRIBUTION_ID         = "E2EXAMPLE0TEST"
      COSTGUARD_ALERT_TOPIC_ARN         = "arn:aws:sns:ap-northeast-1:123456789012:cg-test-budget-alert"
      COSTGUARD_TRIPWIRE_TOPIC_ARNS     = ""
      COSTGUARD_RESULT_TOPIC_ARN        = "arn:aws:sns:ap-northeast-1:123456789012:cg-test-result"
      COSTGUARD_SNAPSHOT_PARAMETER      = "/cost-guard/cg-test/kill-switch-snapshot"
      COSTGUARD_DRAIN_SECONDS           = "30"
      COSTGUARD_SERVICE_NAME            = "nostr-api"
      COSTGUARD_COMMAND_TIMEOUT_SECONDS = "60"
      COSTGUARD_RATE_LIMIT_PER_SECOND   = "10"
      COSTGUARD_POOL_SIZE               = "4"
      COSTGUARD_DRY_RUN                 = "false"
      COSTGUARD_PARKED_PARAMETER        = "/cost-guard/cg-test/parked"
      COSTGUARD_ECS_SERVICES            = ""
    })
    error_message = "Unexpected shutdown environment."
  }

  assert {
    condition = module.recovery.lambda_function.environment[0].variables == tomap({
      COSTGUARD_FUNCTION_NAMES          = "relay-a,relay-b"
      COSTGUARD_INSTANCE_ID             = "i-0123456789abcdef0"
      COSTGUARD_DISTRIBUTION_ID         = "E2EXAMPLE0TEST"
      COSTGUARD_RESULT_TOPIC_ARN        = "arn:aws:sns:ap-northeast-1:123456789012:cg-test-result"
      COSTGUARD_SNAPSHOT_PARAMETER      = "/cost-guard/cg-test/kill-switch-snapshot"
      COSTGUARD_HEALTH_URL              = "http://{privateIp}:8080/health"
      COSTGUARD_HEALTH_ATTEMPTS         = "5"
      COSTGUARD_HEALTH_INTERVAL_SECONDS = "5"
      COSTGUARD_START_TIMEOUT_SECONDS   = "120"
      COSTGUARD_RATE_LIMIT_PER_SECOND   = "10"
      COSTGUARD_POOL_SIZE               = "4"
      COSTGUARD_DRY_RUN                 = "false"
      COSTGUARD_PARKED_PARAMETER        = "/cost-guard/cg-test/parked"
      COSTGUARD_ECS_SERVICES            = ""
      COSTGUARD_ECS_SCHEDULER_PARAMETER = ""
      COSTGUARD_ECS_BUSINESS_HOURS      = "MON-FRI 09:00-22:00"
      COSTGUARD_ECS_TIME_ZONE           = "Asia/Tokyo"
      COSTGUARD_ECS_SKIP_DATES          = ""
    })
    error_message = "Unexpected recovery environment."
  }

  assert {
    condition     = module.shutdown.lambda_function.runtime == "provided.al2023" && module.shutdown.lambda_function.handler == "bootstrap"
    error_message = "native packaging must use provided.al2023 / bootstrap."
  }

  assert {
    condition     = module.shutdown.lambda_function.architectures == tolist(["arm64"]) && module.shutdown.lambda_function.timeout == 180 && module.shutdown.lambda_function.memory_size == 256
    error_message = "shutdown must be arm64, 180 s, 256 MB."
  }

  assert {
    condition     = length(module.recovery.lambda_function.vpc_config) == 0
    error_message = "recovery must not be attached to a VPC by default."
  }

  assert {
    condition     = local.relay_function_arns == ["arn:aws:lambda:ap-northeast-1:123456789012:function:relay-a", "arn:aws:lambda:ap-northeast-1:123456789012:function:relay-b"]
    error_message = "Unexpected relay function ARNs."
  }

  assert {
    condition     = local.distribution_arn == "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE0TEST" && local.instance_arn == "arn:aws:ec2:ap-northeast-1:123456789012:instance/i-0123456789abcdef0"
    error_message = "Unexpected instance/distribution ARNs."
  }

  assert {
    condition     = local.snapshot_parameter_arn == "arn:aws:ssm:ap-northeast-1:123456789012:parameter/cost-guard/cg-test/kill-switch-snapshot"
    error_message = "Unexpected snapshot parameter ARN."
  }

  assert {
    condition     = jsondecode(aws_scheduler_schedule.recovery.target[0].input) == { source = "cost-guard.schedule", trigger = "schedule" }
    error_message = "Unexpected recovery schedule input."
  }

  assert {
    condition     = aws_scheduler_schedule.recovery.schedule_expression == "cron(5 0 1 * ? *)" && aws_scheduler_schedule.recovery.schedule_expression_timezone == "UTC"
    error_message = "Unexpected recovery schedule."
  }

  assert {
    condition     = aws_scheduler_schedule.recovery.target[0].retry_policy[0].maximum_retry_attempts > 0 && aws_scheduler_schedule.recovery.target[0].dead_letter_config[0].arn == aws_sqs_queue.failed.arn
    error_message = "The monthly recovery's delivery is retried, with the failed-invocations queue as dead-letter queue."
  }

  assert {
    condition     = module.recovery.event_invoke_config.maximum_retry_attempts == 0 && module.shutdown.event_invoke_config.maximum_retry_attempts == 2
    error_message = "A recovery that ran is not re-run by Lambda; a failed kill switch is retried twice to finish a half-done shutdown."
  }

  assert {
    condition = alltrue([for f in [module.shutdown, module.recovery] :
    f.event_invoke_config.destination_config[0].on_failure[0].destination == aws_sqs_queue.failed.arn])
    error_message = "Invocations that still fail go to the SQS queue, never to the Chatbot topic."
  }

  assert {
    condition     = module.shutdown.errors_alarm_name == "cg-test-shutdown-errors" && module.recovery.errors_alarm_name == "cg-test-recovery-errors" && aws_cloudwatch_metric_alarm.failed_invocations.alarm_actions == toset([aws_sns_topic.result.arn])
    error_message = "Each function's Errors alarm and the queue's alarm notify the result topic."
  }

  assert {
    condition     = length(aws_scheduler_schedule.drill) == 0
    error_message = "The monthly drill is off by default."
  }

  assert {
    condition     = length(aws_budgets_budget.monthly.notification) == 2
    error_message = "Expected ACTUAL and FORECASTED notifications."
  }

  assert {
    condition     = length(aws_sns_topic.tripwire) == 0 && length(aws_sns_topic.tripwire_us_east_1) == 0 && output.tripwire_sns_topic_arns == []
    error_message = "No tripwire topics without tripwire alarms."
  }

  assert {
    condition     = length(aws_chatbot_slack_channel_configuration.this) == 0 && output.chatbot_configuration_arn == null
    error_message = "No Chatbot resources without Slack IDs."
  }
}

run "full" {
  command = apply

  variables {
    package_type                = "jvm"
    dry_run                     = true
    forecast_warning_enabled    = false
    snapshot_parameter_name     = "/custom/snapshot"
    recovery_subnet_ids         = ["subnet-0123456789abcdef0"]
    recovery_security_group_ids = ["sg-0123456789abcdef0"]
    slack_team_id               = "T07EA123LEP"
    slack_channel_id            = "C07EZ1ABC23"
    tripwire_alarms = {
      cf = {
        namespace           = "AWS/CloudFront"
        metric_name         = "Requests"
        dimensions          = { DistributionId = "E2EXAMPLE0TEST", Region = "Global" }
        statistic           = "Sum"
        period              = 300
        evaluation_periods  = 1
        threshold           = 1000
        comparison_operator = "GreaterThanThreshold"
        region              = "us-east-1"
      }
      lambda = {
        namespace           = "AWS/Lambda"
        metric_name         = "Invocations"
        dimensions          = { FunctionName = "relay-a" }
        statistic           = "Sum"
        period              = 60
        evaluation_periods  = 3
        threshold           = 500
        comparison_operator = "GreaterThanOrEqualToThreshold"
      }
    }
  }

  assert {
    condition     = module.shutdown.lambda_function.runtime == "java21" && module.shutdown.lambda_function.handler == "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
    error_message = "jvm packaging must use java21 and the Quarkus stream handler."
  }

  assert {
    condition     = module.shutdown.lambda_function.environment[0].variables["COSTGUARD_TRIPWIRE_TOPIC_ARNS"] == "arn:aws:sns:ap-northeast-1:123456789012:cg-test-tripwire,arn:aws:sns:us-east-1:123456789012:cg-test-tripwire-us-east-1"
    error_message = "Both tripwire topics must be passed to the shutdown Lambda."
  }

  assert {
    condition     = keys(aws_cloudwatch_metric_alarm.tripwire) == ["lambda"] && keys(aws_cloudwatch_metric_alarm.tripwire_us_east_1) == ["cf"]
    error_message = "Alarms must be split by region."
  }

  assert {
    condition     = length(aws_sns_topic_subscription.shutdown_tripwire) == 1 && length(aws_sns_topic_subscription.shutdown_tripwire_us_east_1) == 1 && length(aws_lambda_permission.shutdown_from_tripwire_us_east_1) == 1
    error_message = "The shutdown Lambda must subscribe to both tripwire topics."
  }

  assert {
    condition = alltrue(concat(
      [for s in concat([aws_sns_topic_subscription.shutdown_alert], aws_sns_topic_subscription.shutdown_tripwire, aws_sns_topic_subscription.shutdown_tripwire_us_east_1) : s.endpoint == "arn:aws:lambda:ap-northeast-1:123456789012:function:mock:live"],
      [for p in concat([aws_lambda_permission.shutdown_from_alert], aws_lambda_permission.shutdown_from_tripwire, aws_lambda_permission.shutdown_from_tripwire_us_east_1) : p.qualifier == "live"],
    ))
    error_message = "Every SNS subscription must invoke the live alias, and every permission must name it as qualifier."
  }

  assert {
    condition     = aws_scheduler_schedule.recovery.target[0].arn == "arn:aws:lambda:ap-northeast-1:123456789012:function:mock:live" && length(data.aws_iam_policy_document.scheduler.statement[0].resources) == 1 && contains(data.aws_iam_policy_document.scheduler.statement[0].resources, "arn:aws:lambda:ap-northeast-1:123456789012:function:mock:live")
    error_message = "The recovery schedule must invoke the live alias, and its role may invoke exactly that."
  }

  assert {
    condition     = module.shutdown.lambda_function.snap_start[0].apply_on == "PublishedVersions" && module.recovery.lambda_function.snap_start[0].apply_on == "PublishedVersions"
    error_message = "The JVM zips of shutdown and recovery must run with SnapStart on their published versions."
  }

  assert {
    condition     = module.recovery.lambda_function.environment[0].variables["COSTGUARD_SNAPSHOT_PARAMETER"] == "/custom/snapshot" && module.recovery.lambda_function.environment[0].variables["COSTGUARD_DRY_RUN"] == "true"
    error_message = "Custom snapshot parameter and dry run must reach the functions."
  }

  assert {
    condition     = length(module.recovery.lambda_function.vpc_config) == 1
    error_message = "recovery must be attached to the VPC when subnets are given."
  }

  assert {
    condition     = length(aws_budgets_budget.monthly.notification) == 1
    error_message = "No forecast notification when disabled."
  }

  assert {
    condition     = length(aws_chatbot_slack_channel_configuration.this) == 1 && aws_chatbot_slack_channel_configuration.this[0].guardrail_policy_arns == tolist(["arn:aws:iam::aws:policy/ReadOnlyAccess"])
    error_message = "Chatbot must be configured with the ReadOnlyAccess guardrail."
  }
}

run "rejects_bad_instance_id" {
  command = plan

  variables {
    ec2_instance_id = "i-XYZ"
  }

  expect_failures = [var.ec2_instance_id]
}

run "rejects_half_slack_config" {
  command = plan

  variables {
    slack_team_id = "T07EA123LEP"
  }

  expect_failures = [var.slack_team_id]
}

run "rejects_rate_limit_above_15" {
  command = plan

  variables {
    rate_limit_per_second = 16
  }

  expect_failures = [var.rate_limit_per_second]
}

run "monthly_drill" {
  command = plan

  variables {
    monthly_drill_enabled = true
  }

  assert {
    condition     = jsondecode(aws_scheduler_schedule.drill[0].target[0].input) == { reason = "monthly drill", dryRun = true }
    error_message = "The drill invokes the kill switch as a dry run."
  }

  assert {
    condition     = aws_scheduler_schedule.drill[0].schedule_expression == "cron(0 10 15 * ? *)"
    error_message = "Unexpected drill schedule."
  }
}

run "parks_ecs_services" {
  command = plan

  variables {
    ecs_services = [
      { cluster = "demo-cluster", service = "web" },
      { cluster = "demo-cluster", service = "api" },
    ]
    ecs_scheduler_parameter_name = "/cost-guard/cg-test/ecs-scheduler-snapshot"
    ecs_skip_dates               = ["2026-11-03"]
  }

  assert {
    condition     = module.shutdown.lambda_function.environment[0].variables["COSTGUARD_ECS_SERVICES"] == "demo-cluster/web,demo-cluster/api" && module.recovery.lambda_function.environment[0].variables["COSTGUARD_ECS_SERVICES"] == "demo-cluster/web,demo-cluster/api"
    error_message = "Both functions must be told the same ECS services."
  }

  assert {
    condition     = module.recovery.lambda_function.environment[0].variables["COSTGUARD_ECS_SCHEDULER_PARAMETER"] == "/cost-guard/cg-test/ecs-scheduler-snapshot" && module.recovery.lambda_function.environment[0].variables["COSTGUARD_ECS_SKIP_DATES"] == "2026-11-03"
    error_message = "Recovery must know the scheduler's parameter and skip dates."
  }

  assert {
    condition     = [for st in data.aws_iam_policy_document.shutdown_parking.statement : st.sid] == ["WriteParkedMarker", "ParkServices", "KeepServiceSizes", "ReadScalableTargets", "ParkScalableTargets"]
    error_message = "The kill switch's parking grants are not the expected five statements."
  }

  assert {
    condition     = data.aws_iam_policy_document.shutdown_parking.statement[1].resources == toset(["arn:aws:ecs:ap-northeast-1:123456789012:service/demo-cluster/web", "arn:aws:ecs:ap-northeast-1:123456789012:service/demo-cluster/api"])
    error_message = "ECS calls must be granted on the configured services' long ARNs only."
  }

  assert {
    condition     = one(data.aws_iam_policy_document.shutdown_parking.statement[2].condition).variable == "aws:TagKeys" && one(data.aws_iam_policy_document.recovery_parking.statement[2].condition).variable == "aws:TagKeys"
    error_message = "Tagging must be limited to the cost-guard:prior-* keys."
  }

  assert {
    condition     = [for st in data.aws_iam_policy_document.recovery_parking.statement : st.sid] == ["LiftParkedMarker", "WakeServices", "ClearServiceSizes", "ReadScalableTargets", "WakeScalableTargets", "HandSizesToScheduler"]
    error_message = "Recovery's parking grants are not the expected six statements."
  }
}

run "without_ecs_services_only_the_marker_is_granted" {
  command = plan

  assert {
    condition     = length(data.aws_iam_policy_document.shutdown_parking.statement) == 1 && length(data.aws_iam_policy_document.recovery_parking.statement) == 1
    error_message = "Without ECS services the functions get the parked marker and nothing of ECS."
  }
}

run "reserves_concurrency_for_the_kill_switch" {
  command = plan

  assert {
    condition     = module.shutdown.lambda_function.reserved_concurrent_executions == 1
    error_message = "The kill switch keeps one concurrent execution the relay functions cannot take."
  }
}

run "rejects_its_own_functions_as_relay_functions" {
  command = plan

  variables {
    relay_lambda_function_names = ["relay-a", "cg-test-recovery"]
  }

  expect_failures = [var.relay_lambda_function_names]
}

run "budget_counts_only_this_environment_when_filtered" {
  command = plan

  variables {
    budget_cost_filter = { tags = { Environment = ["prod"] }, linked_account_ids = ["210987654321"] }
  }

  assert {
    condition     = jsonencode({ for f in aws_budgets_budget.monthly.cost_filter : f.name => f.values }) == jsonencode({ TagKeyValue = ["user:Environment$prod"], LinkedAccount = ["210987654321"] })
    error_message = "The budget filters on the environment's cost allocation tag and linked account."
  }
}

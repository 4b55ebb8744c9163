# Offline unit tests: `terraform test` with a mocked AWS provider (no credentials, no network).
# The definition's ASL validity and its retry/catch shape are checked by tools/check-definition.sh.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:ap-northeast-1:123456789012:log-group:/aws/vendedlogs/states/cg-test-nightly-batch" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
  mock_resource "aws_ecs_task_definition" {
    defaults = { arn = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/cg-test-batch-job:3" }
  }
  mock_resource "aws_sfn_state_machine" {
    defaults = { arn = "arn:aws:states:ap-northeast-1:123456789012:stateMachine:cg-test-nightly-batch" }
  }
}

variables {
  name_prefix         = "cg-test"
  cluster_arn         = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/app"
  task_definition_arn = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/app-api:7"
  task_role_arns = [
    "arn:aws:iam::123456789012:role/app-api-execution",
    "arn:aws:iam::123456789012:role/app-api-task",
  ]
  container_name     = "api"
  subnet_ids         = ["subnet-0123456789abcdef0"]
  security_group_ids = ["sg-0123456789abcdef0"]
  alarm_topic_arn    = "arn:aws:sns:ap-northeast-1:123456789012:app-monitoring"
}

run "defaults" {
  command = plan

  assert {
    condition     = aws_sfn_state_machine.nightly_batch.type == "STANDARD"
    error_message = "the state machine must be STANDARD (an ECS .sync wait can last hours)"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.nightly.state == "DISABLED"
    error_message = "the schedule must be off unless schedule_enabled = true"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.nightly.schedule_expression == "cron(0 17 * * ? *)"
    error_message = "the default schedule is 02:00 JST"
  }
  assert {
    condition     = aws_sfn_state_machine.nightly_batch.logging_configuration[0].level == "ALL" && aws_sfn_state_machine.nightly_batch.logging_configuration[0].include_execution_data
    error_message = "execution logging must be ALL with execution data"
  }
  assert {
    condition     = aws_cloudwatch_log_group.executions.retention_in_days == 30
    error_message = "the log group keeps the default retention"
  }
  assert {
    condition     = jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.LaunchType == "FARGATE" && !can(jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.CapacityProviderStrategy)
    error_message = "regular FARGATE is the default capacity (prod, seed 003); dev and staging set use_fargate_spot = true"
  }
  assert {
    condition     = jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.Overrides.ContainerOverrides[0]["Command.$"] == "States.Array('java', '-XX:MaxRAMPercentage=75', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:SharedArchiveFile=/opt/cost-guard/batch-job/app-cds.jsa', '-Xshare:auto', '-Xlog:disable', '-Xlog:all=warning:stderr', '-jar', '/opt/cost-guard/batch-job/quarkus-run.jar', $.run.argument)"
    error_message = "the batch command gets the day or the schedule's time as its last argument"
  }
  assert {
    condition     = jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.Overrides.ContainerOverrides[0].Environment[0] == { Name = "BATCH_TIME_ZONE", Value = "Asia/Tokyo" }
    error_message = "the state machine sets the job's zone from time_zone"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.executions_failed.metric_name == "ExecutionsFailed" && aws_cloudwatch_metric_alarm.executions_failed.alarm_actions == toset([var.alarm_topic_arn])
    error_message = "failed executions alarm to the monitoring topic"
  }
  assert {
    condition     = length(aws_cloudwatch_metric_alarm.no_recent_success) == 0
    error_message = "without a schedule there is no 'no success' alarm (dev starts runs by hand)"
  }
  assert {
    condition     = aws_cloudwatch_event_target.nightly.input_transformer[0].input_paths.time == "$.time" && aws_cloudwatch_event_target.nightly.input_transformer[0].input_template == "{\"scheduledTime\": <time>}"
    error_message = "the rule must pass the event's time as scheduledTime"
  }
}

run "dev_runs_on_fargate_spot" {
  command = plan

  variables {
    use_fargate_spot = true
  }

  assert {
    condition     = jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.CapacityProviderStrategy[0].CapacityProvider == "FARGATE_SPOT" && !can(jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.LaunchType)
    error_message = "use_fargate_spot = true runs on the FARGATE_SPOT capacity provider"
  }
}

run "prod_runs_on_demand_fargate_on_schedule" {
  command = plan

  variables {
    schedule_enabled   = true
    log_retention_days = 365
    time_zone          = "America/New_York"
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.no_recent_success[0].metric_name == "ExecutionsSucceeded" && aws_cloudwatch_metric_alarm.no_recent_success[0].period * aws_cloudwatch_metric_alarm.no_recent_success[0].evaluation_periods == 26 * 3600 && aws_cloudwatch_metric_alarm.no_recent_success[0].treat_missing_data == "breaching"
    error_message = "a scheduled batch alarms when no execution succeeded in 26 h (missing data included)"
  }
  assert {
    condition     = jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.Overrides.ContainerOverrides[0].Environment[0].Value == "America/New_York"
    error_message = "time_zone reaches the container as BATCH_TIME_ZONE"
  }

  assert {
    condition     = aws_cloudwatch_event_rule.nightly.state == "ENABLED"
    error_message = "schedule_enabled = true enables the rule"
  }
  assert {
    condition     = jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.LaunchType == "FARGATE" && !can(jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.CapacityProviderStrategy)
    error_message = "use_fargate_spot = false runs launch type FARGATE, without a capacity provider strategy"
  }
  assert {
    condition     = aws_cloudwatch_log_group.executions.retention_in_days == 365
    error_message = "log_retention_days sets the retention"
  }
}

run "role_is_scoped_as_runtask_sync_needs" {
  command = plan

  assert {
    condition     = one([for s in data.aws_iam_policy_document.state_machine.statement : s.resources if s.sid == "RunTheBatchTask"]) == toset(["arn:aws:ecs:ap-northeast-1:123456789012:task-definition/app-api:7"])
    error_message = "ecs:RunTask only on the pinned task definition"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.state_machine.statement : s.resources if s.sid == "WatchAndStopItsTasks"]) == toset(["arn:aws:ecs:ap-northeast-1:123456789012:task/app/*"])
    error_message = "DescribeTasks/StopTask only on the cluster's tasks"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.state_machine.statement : s.resources if s.sid == "ManagedTaskStateRule"]) == toset(["arn:aws:events:ap-northeast-1:123456789012:rule/StepFunctionsGetEventsForECSTaskRule"])
    error_message = "the events permissions cover only the managed rule"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.state_machine.statement : s.resources if s.sid == "PassTheTaskRoles"]) == toset(var.task_role_arns)
    error_message = "iam:PassRole only on the task's roles"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.state_machine.statement : s.resources if s.sid == "ReportFailure"]) == toset([var.alarm_topic_arn])
    error_message = "sns:Publish only on the monitoring topic"
  }
}

run "unpinned_task_definition_grants_its_revisions" {
  command = plan

  variables {
    task_definition_arn = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/app-api"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.state_machine.statement : s.resources if s.sid == "RunTheBatchTask"]) == toset(["arn:aws:ecs:ap-northeast-1:123456789012:task-definition/app-api", "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/app-api:*"])
    error_message = "a family without revision runs its latest revision, which the grant must cover"
  }
}

run "rejects_malformed_settings" {
  command = plan

  variables {
    cluster_arn         = "app"
    task_definition_arn = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/app"
    batch_command       = ["java", "-jar", "it's.jar"]
    subnet_ids          = ["vpc-0123456789abcdef0"]
    security_group_ids  = []
    alarm_topic_arn     = "app-monitoring"
    log_retention_days  = 10
    schedule_expression = "rate(1 day)"
    time_zone           = "Tokyo"
    success_alarm_hours = 1
  }

  expect_failures = [
    var.cluster_arn,
    var.task_definition_arn,
    var.batch_command,
    var.subnet_ids,
    var.security_group_ids,
    var.alarm_topic_arn,
    var.log_retention_days,
    var.schedule_expression,
    var.time_zone,
    var.success_alarm_hours,
  ]
}

run "reads_the_parked_marker_first" {
  command = plan

  variables {
    parked_parameter_name = "/cost-guard/cg-test/parked"
  }

  assert {
    condition     = jsondecode(aws_sfn_state_machine.nightly_batch.definition).StartAt == "CheckParked" && jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.CheckParked.Parameters.Name == "/cost-guard/cg-test/parked"
    error_message = "The state machine must read the parked marker before anything else."
  }

  assert {
    condition     = one([for st in data.aws_iam_policy_document.state_machine.statement : st.resources if st.sid == "ReadParkedMarker"]) == toset(["arn:aws:ssm:ap-northeast-1:123456789012:parameter/cost-guard/cg-test/parked"])
    error_message = "ssm:GetParameter must be granted on the marker alone."
  }
}

run "without_a_marker_the_night_starts_at_resolve_day" {
  command = plan

  assert {
    condition     = jsondecode(aws_sfn_state_machine.nightly_batch.definition).StartAt == "ResolveDay" && length([for st in data.aws_iam_policy_document.state_machine.statement : st if st.sid == "ReadParkedMarker"]) == 0
    error_message = "Without a marker the state machine and its role stay as they were."
  }
}

run "own_task_definition_takes_the_password_from_a_secret" {
  # apply (with the mocked provider): the registered revision's ARN is known only then.
  command = apply

  variables {
    task_definition_arn = null
    task_role_arns      = null
    container_name      = null
    batch_task = {
      image           = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/cost-guard-batch-job:1.4.0"
      db_host         = "app.cluster-abc.ap-northeast-1.rds.amazonaws.com"
      db_name         = "app"
      db_user         = "nightly"
      db_password_arn = "arn:aws:ssm:ap-northeast-1:123456789012:parameter/app/nightly/password"
      kms_key_arn     = "arn:aws:kms:ap-northeast-1:123456789012:key/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab"
    }
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.batch[0].container_definitions)[0].secrets == [{ name = "DB_PASSWORD", valueFrom = "arn:aws:ssm:ap-northeast-1:123456789012:parameter/app/nightly/password" }]
    error_message = "DB_PASSWORD comes from the task definition's secrets"
  }
  assert {
    condition     = !contains([for e in jsondecode(aws_ecs_task_definition.batch[0].container_definitions)[0].environment : e.name], "DB_PASSWORD") && toset([for e in jsondecode(aws_ecs_task_definition.batch[0].container_definitions)[0].environment : e.name]) == toset(["DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "BATCH_TIME_ZONE"])
    error_message = "the environment holds the connection but never the password"
  }
  assert {
    condition     = !can(jsondecode(aws_ecs_task_definition.batch[0].container_definitions)[0].entryPoint) && aws_ecs_task_definition.batch[0].requires_compatibilities == toset(["FARGATE"])
    error_message = "a Fargate task definition without an ENTRYPOINT override"
  }
  assert {
    condition     = jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.TaskDefinition == "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/cg-test-batch-job:3" && jsondecode(aws_sfn_state_machine.nightly_batch.definition).States.RunBatch.Parameters.Overrides.ContainerOverrides[0].Name == "batch-job"
    error_message = "the state machine runs the module's own task definition and its batch-job container"
  }
  assert {
    condition     = one([for st in data.aws_iam_policy_document.batch_execution[0].statement : st.actions if st.sid == "ReadThePasswordParameter"]) == toset(["ssm:GetParameters"]) && one([for st in data.aws_iam_policy_document.batch_execution[0].statement : st.resources if st.sid == "ReadThePasswordParameter"]) == toset(["arn:aws:ssm:ap-northeast-1:123456789012:parameter/app/nightly/password"])
    error_message = "the execution role reads only that parameter"
  }
  assert {
    condition     = one([for st in data.aws_iam_policy_document.batch_execution[0].statement : st.resources if st.sid == "PullTheImage"]) == toset(["arn:aws:ecr:ap-northeast-1:123456789012:repository/cost-guard-batch-job"])
    error_message = "the execution role pulls only the batch image's repository"
  }
  assert {
    condition     = one([for st in data.aws_iam_policy_document.state_machine.statement : st.resources if st.sid == "RunTheBatchTask"]) == toset(["arn:aws:ecs:ap-northeast-1:123456789012:task-definition/cg-test-batch-job:3"])
    error_message = "ecs:RunTask only on the registered revision"
  }
  assert {
    condition     = output.task_definition_arn == "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/cg-test-batch-job:3"
    error_message = "the output names the task definition the state machine runs"
  }
}

run "own_task_definition_refuses_a_plain_password" {
  command = plan

  variables {
    task_definition_arn = null
    task_role_arns      = null
    container_name      = null
    batch_task = {
      image           = "cost-guard-batch-job:1.4.0"
      db_host         = "db"
      db_name         = "app"
      db_user         = "nightly"
      db_password_arn = "hunter2"
    }
  }

  expect_failures = [var.batch_task]
}

run "refuses_both_modes_at_once" {
  command = plan

  variables {
    batch_task = {
      image           = "cost-guard-batch-job:1.4.0"
      db_host         = "db"
      db_name         = "app"
      db_user         = "nightly"
      db_password_arn = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:app/nightly-AbCdEf"
    }
  }

  expect_failures = [var.task_definition_arn]
}

run "reuse_mode_needs_the_task_roles_and_container" {
  command = plan

  variables {
    task_role_arns = []
    container_name = null
  }

  expect_failures = [var.task_role_arns, var.container_name]
}

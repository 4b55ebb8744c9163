# Offline plan tests of the composition, shared by every environment
# (terraform/envs/<env>/tests links here): mocked providers (no credentials,
# no network), Slack enabled. What differs between environments is one row of
# `expected` below, picked by var.environment. tests/artifacts holds empty
# stand-ins named as `make package` names them.

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
}

mock_provider "aws" {
  alias = "us_east_1"
}

variables {
  budget_limit_amount         = "10"
  slack_team_id               = "T07EA123LEP"
  slack_channel_id            = "C07EZ1ABC23"
  artifacts_dir               = "tests/artifacts"
  relay_lambda_function_names = ["relay-a", "relay-b"]
  ec2_instance_id             = "i-0123456789abcdef0"
  cloudfront_distribution_id  = "E2EXAMPLE0TEST"
  health_check_url            = "http://{publicIp}:8080/health"
  ecs_services                = [{ cluster = "c", service = "s" }]
  api_service_name            = "nostr-api"

  # One row per environment: what its defaults must give.
  expected = {
    dev = {
      log_retention_days = 7
      batch_schedule     = "DISABLED"
      batch_on_spot      = true
      drill              = false
      tripwires          = ["cloudfront-requests", "relay-invocations-relay-a", "relay-invocations-relay-b"]
    }
    prod = {
      log_retention_days = 90
      batch_schedule     = "ENABLED"
      batch_on_spot      = false
      drill              = true
      tripwires          = ["cloudfront-bytes-out", "cloudfront-requests"]
    }
  }
}

run "native_from_s3" {
  command = plan

  variables {
    artifact_kind = "native"
  }

  assert {
    condition     = module.kill_switch.shutdown_lambda_function.runtime == "provided.al2023" && module.kill_switch.shutdown_lambda_function.handler == "bootstrap"
    error_message = "A native artifact runs on provided.al2023 with handler bootstrap."
  }

  assert {
    condition     = module.kill_switch.shutdown_lambda_function.s3_key == "${local.name_prefix}-shutdown/shutdown-fn-native.zip" && module.kill_switch.shutdown_lambda_function.filename == null
    error_message = "The functions are deployed from the artifacts bucket, by key."
  }
}

run "jvm" {
  command = plan

  variables {
    artifact_kind = "jvm"
  }

  assert {
    condition     = module.kill_switch.shutdown_lambda_function.runtime == "java21" && module.ecs_scheduler.lambda_function.runtime == "java21"
    error_message = "A JVM artifact runs on java21."
  }
}

run "batch_and_efs_scaler" {
  command = plan

  variables {
    orchestration = {
      cluster_arn         = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/nostr"
      task_definition_arn = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/nostr-api:7"
      task_role_arns      = ["arn:aws:iam::123456789012:role/nostr-api-execution"]
      container_name      = "api"
      subnet_ids          = ["subnet-0123456789abcdef0"]
      security_group_ids  = ["sg-0123456789abcdef0"]
    }
    efs_scaler = {
      file_system_id                  = "fs-0123456789abcdef0"
      access_point_arn                = "arn:aws:elasticfilesystem:ap-northeast-1:123456789012:access-point/fsap-0123456789abcdef0"
      target_directory                = "/mnt/efs/data"
      file_count_threshold            = 100000
      vpc_id                          = "vpc-0123456789abcdef0"
      mount_target_security_group_ids = ["sg-0123456789abcdef1"]
      lambda_subnet_ids               = ["subnet-0123456789abcdef1"]
      lambda_security_group_ids       = ["sg-0123456789abcdef2"]
      ecs_cluster_name                = "nostr"
      ecs_service_name                = "nostr-api"
    }
  }

  assert {
    condition     = module.orchestration[0].schedule_state == var.expected[var.environment].batch_schedule
    error_message = "The nightly batch schedule's state is the environment's default."
  }

  assert {
    condition     = strcontains(module.orchestration[0].definition, "FARGATE_SPOT") == var.expected[var.environment].batch_on_spot
    error_message = "The batch runs on FARGATE_SPOT in dev and on regular FARGATE in prod (seed 003)."
  }

  assert {
    condition     = module.efs_scaler[0].function_name == "${local.name_prefix}-efs-scaler"
    error_message = "The EFS scaler is deployed when efs_scaler is set."
  }
}

run "environment_defaults" {
  command = plan

  assert {
    condition     = module.kill_switch.shutdown_lambda_function.environment[0].variables.COSTGUARD_DRY_RUN == "true"
    error_message = "Every environment deploys dry until armed on purpose (dry_run = false)."
  }

  assert {
    condition     = jsonencode(sort(keys(local.tripwire_alarms))) == jsonencode(var.expected[var.environment].tripwires)
    error_message = "The tripwires are the environment's defaults: ${jsonencode(keys(local.tripwire_alarms))}."
  }

  assert {
    condition     = local.log_retention_days == var.expected[var.environment].log_retention_days
    error_message = "Log retention is the environment's default."
  }

  assert {
    condition     = local.monthly_drill_enabled == var.expected[var.environment].drill
    error_message = "The monthly drill is the environment's default."
  }
}

run "one_relay_function_plans" {
  command = plan

  variables {
    relay_lambda_function_names = ["relay-only"]
  }

  assert {
    condition     = module.kill_switch.shutdown_lambda_function.environment[0].variables.COSTGUARD_FUNCTION_NAMES == "relay-only"
    error_message = "A single relay function is a valid environment."
  }
}

run "recovery_in_the_vpc" {
  command = plan

  variables {
    health_check_url            = "http://{privateIp}:8080/health"
    recovery_subnet_ids         = ["subnet-0123456789abcdef0"]
    recovery_security_group_ids = ["sg-0123456789abcdef0"]
  }

  assert {
    condition     = jsonencode(module.kill_switch.recovery_lambda_function.vpc_config[0].subnet_ids) == jsonencode(["subnet-0123456789abcdef0"])
    error_message = "Every environment passes the recovery subnets on to the function."
  }
}

run "inputs_reach_the_functions" {
  command = plan

  variables {
    api_service_name    = "my-api"
    tripwire_thresholds = { cloudfront_requests_per_5_minutes = 1234 }
  }

  assert {
    condition     = module.kill_switch.shutdown_lambda_function.environment[0].variables.COSTGUARD_SERVICE_NAME == "my-api"
    error_message = "api_service_name reaches the kill switch."
  }

  assert {
    condition     = local.tripwire_alarms["cloudfront-requests"].threshold == 1234
    error_message = "A tripwire threshold given overrides the environment's default."
  }
}

run "looks_up_what_it_acts_on" {
  command = plan

  assert {
    condition     = keys(data.aws_lambda_function.relay) == ["relay-a", "relay-b"] && keys(data.aws_ecs_service.office_hours) == ["c/s"]
    error_message = "Every relay function and ECS service is looked up at plan."
  }
}

run "refuses_a_terminated_instance" {
  command = plan

  override_data {
    target = data.aws_instance.api
    values = { instance_state = "terminated" }
  }

  expect_failures = [data.aws_instance.api]
}

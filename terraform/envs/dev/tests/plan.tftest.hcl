# Offline smoke test: plans the whole environment against mocked providers
# (no credentials, no network), with Slack enabled, to check the wiring
# between the modules. tests/artifacts holds empty stand-ins named as
# `make package` names them.

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
    condition     = module.kill_switch.shutdown_lambda_function.s3_key == "${var.name_prefix}-shutdown/shutdown-fn-native.zip" && module.kill_switch.shutdown_lambda_function.filename == null
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
      cluster_arn         = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/nostr-dev"
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
      ecs_cluster_name                = "nostr-dev"
      ecs_service_name                = "nostr-api"
    }
  }

  assert {
    condition     = module.orchestration[0].schedule_state == "DISABLED"
    error_message = "The nightly batch schedule is DISABLED in dev."
  }

  assert {
    condition     = module.efs_scaler[0].function_name == "${var.name_prefix}-efs-scaler"
    error_message = "The EFS scaler is deployed when efs_scaler is set."
  }
}

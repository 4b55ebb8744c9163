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
    defaults = { arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:mock" }
  }
  mock_resource "aws_lambda_alias" {
    defaults = { arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:cg-test-efs-scaler:live", name = "live" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:ap-northeast-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:ap-northeast-1:123456789012:rule/mock" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
}

variables {
  name_prefix                     = "cg-test"
  package_path                    = "./tests/function.zip"
  file_system_id                  = "fs-0123456789abcdef0"
  access_point_arn                = "arn:aws:elasticfilesystem:ap-northeast-1:123456789012:access-point/fsap-0123456789abcdef0"
  target_directory                = "/mnt/efs/uploads"
  file_count_threshold            = 100000
  vpc_id                          = "vpc-0a1b2c3d4e5f60718"
  mount_target_security_group_ids = ["sg-0123456789abcdef0"]
  lambda_subnet_ids               = ["subnet-0a", "subnet-0c"]
  lambda_security_group_ids       = ["sg-0fedcba9876543210"]
  ecs_cluster_name                = "bookmark-dev"
  ecs_service_name                = "bookmark-web"
}

run "defaults" {
  command = apply

  assert {
    condition = module.function.lambda_function.environment[0].variables == tomap({
      COSTGUARD_TARGET_DIRECTORY       = "/mnt/efs/uploads"
      COSTGUARD_FILE_COUNT_THRESHOLD   = "100000"
      COSTGUARD_COUNT_MODE             = "entries"
      COSTGUARD_COUNT_RECURSIVE        = "false"
      COSTGUARD_FILE_SYSTEM_ID         = "fs-0123456789abcdef0"
      COSTGUARD_VPC_ID                 = "vpc-0a1b2c3d4e5f60718"
      COSTGUARD_SECURITY_GROUP_IDS     = "sg-0123456789abcdef0"
      COSTGUARD_SUBNET_IDS             = ""
      COSTGUARD_MOUNT_TARGET_PARAMETER = "/cost-guard/cg-test/efs-mount-targets"
      COSTGUARD_ECS_CLUSTER            = "bookmark-dev"
      COSTGUARD_ECS_SERVICE            = "bookmark-web"
      COSTGUARD_POLL_INTERVAL_SECONDS  = "10"
      COSTGUARD_RESULT_TOPIC_ARN       = ""
      COSTGUARD_DRY_RUN                = "false"
      COSTGUARD_PARKED_PARAMETER       = ""
    })
    error_message = "The environment must be exactly the variables of EfsScalerConfig."
  }

  # efs-scaler-fn's TerraformDefaultListTest decodes this exact value with the router's codec.
  assert {
    condition     = aws_ssm_parameter.mount_targets.value == "{\"fileSystemId\":\"fs-0123456789abcdef0\",\"mountTargets\":[],\"schemaVersion\":1}"
    error_message = "The parameter's initial value must be an empty list for this file system, which the list codec reads."
  }

  assert {
    condition     = module.function.lambda_function.architectures == tolist(["arm64"]) && module.function.lambda_function.reserved_concurrent_executions == null
    error_message = "arm64, and no reserved concurrency unless asked (quota 10 or 50 accounts refuse any)."
  }

  assert {
    condition     = module.function.lambda_function.file_system_config[0].local_mount_path == "/mnt/efs" && module.function.lambda_function.file_system_config[0].arn == var.access_point_arn
    error_message = "The access point must be mounted at /mnt/efs."
  }

  assert {
    condition     = module.function.lambda_function.vpc_config[0].subnet_ids == toset(["subnet-0a", "subnet-0c"])
    error_message = "The function must run in the given subnets."
  }

  assert {
    condition     = aws_cloudwatch_event_rule.schedule.schedule_expression == "rate(5 minutes)" && jsondecode(aws_cloudwatch_event_target.scaler.input) == { trigger = "schedule" }
    error_message = "Every 5 minutes, with the explicit scheduled input."
  }

  assert {
    condition     = length(aws_vpc_endpoint.api) == 0 && length(aws_security_group.endpoints) == 0
    error_message = "No interface endpoints unless asked (they cost more than a small account's budget)."
  }

  assert {
    condition     = aws_cloudwatch_event_target.scaler.arn == module.function.alias_arn && aws_lambda_permission.schedule.qualifier == "live"
    error_message = "The schedule invokes the live alias (its async settings apply there), and the permission is for the alias."
  }

  assert {
    condition     = local.file_system_arn == "arn:aws:elasticfilesystem:ap-northeast-1:123456789012:file-system/fs-0123456789abcdef0" && local.parameter_arn == "arn:aws:ssm:ap-northeast-1:123456789012:parameter/cost-guard/cg-test/efs-mount-targets" && local.service_arn == "arn:aws:ecs:ap-northeast-1:123456789012:service/bookmark-dev/bookmark-web"
    error_message = "Permissions are scoped to the one file system, parameter and service."
  }

  assert {
    condition     = module.function.log_group_name == "/aws/lambda/cg-test-efs-scaler"
    error_message = "Unexpected log group."
  }
}

run "behind_a_nat_with_results" {
  command = apply

  variables {
    create_vpc_endpoints = false
    result_topic_arn     = "arn:aws:sns:ap-northeast-1:123456789012:cg-result"
    count_mode           = "regular-files"
  }

  assert {
    condition     = length(aws_vpc_endpoint.api) == 0 && length(aws_security_group.endpoints) == 0
    error_message = "No endpoints when the VPC has NAT."
  }

  assert {
    condition     = module.function.lambda_function.environment[0].variables["COSTGUARD_RESULT_TOPIC_ARN"] == "arn:aws:sns:ap-northeast-1:123456789012:cg-result" && module.function.lambda_function.environment[0].variables["COSTGUARD_COUNT_MODE"] == "regular-files"
    error_message = "Result topic and count mode must reach the function."
  }
}

run "rejects_a_relative_directory" {
  command = plan

  variables {
    target_directory = "uploads"
  }

  expect_failures = [var.target_directory]
}

run "rejects_a_bad_subnet_allow_list" {
  command = plan

  variables {
    mount_target_subnet_ids = ["subnet-0123456789abcdef0", "subnet-x"]
  }

  expect_failures = [var.mount_target_subnet_ids]
}

run "rejects_too_many_security_groups" {
  command = plan

  variables {
    mount_target_security_group_ids = ["sg-00000001", "sg-00000002", "sg-00000003", "sg-00000004", "sg-00000005", "sg-00000006"]
  }

  expect_failures = [var.mount_target_security_group_ids]
}

run "rejects_a_fractional_threshold" {
  command = plan

  variables {
    file_count_threshold = 1.5
  }

  expect_failures = [var.file_count_threshold]
}

run "reads_the_parked_marker" {
  command = plan

  variables {
    parked_parameter_name = "/cost-guard/cg-test/parked"
  }

  assert {
    condition     = module.function.lambda_function.environment[0].variables["COSTGUARD_PARKED_PARAMETER"] == "/cost-guard/cg-test/parked"
    error_message = "The scaler must be told the kill switch's parked marker."
  }

  assert {
    condition     = one([for st in data.aws_iam_policy_document.lambda.statement : st.resources if st.sid == "ReadParkedMarker"]) == toset(["arn:aws:ssm:ap-northeast-1:123456789012:parameter/cost-guard/cg-test/parked"])
    error_message = "ssm:GetParameter must be granted on the marker alone."
  }
}

run "endpoints_on_request_one_subnet_per_zone" {
  command = plan

  variables {
    create_vpc_endpoints           = true
    existing_vpc_endpoint_services = ["ssm"]
    endpoint_subnet_ids            = ["subnet-0a"]
  }

  override_data {
    target = data.aws_subnet.endpoint
    values = { availability_zone = "ap-northeast-1a" }
  }

  assert {
    condition     = keys(aws_vpc_endpoint.api) == ["ec2", "ecs", "elasticfilesystem"] && aws_vpc_endpoint.api["ec2"].service_name == "com.amazonaws.ap-northeast-1.ec2"
    error_message = "Interface endpoints for EFS, EC2 and ECS, not for the VPC's existing SSM endpoint (SNS only with a result topic)."
  }
}

run "refuses_two_endpoint_subnets_in_one_zone" {
  command = plan

  variables {
    create_vpc_endpoints = true
  }

  override_data {
    target = data.aws_subnet.endpoint
    values = { availability_zone = "ap-northeast-1a" }
  }

  expect_failures = [aws_vpc_endpoint.api]
}

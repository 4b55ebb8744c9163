# Offline unit tests: `terraform test` with a mocked AWS provider, so no
# credentials or network are needed. function.zip is an empty stand-in for
# the Lambda package (only its hash is taken).

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:mock", version = "7" }
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
  name             = "cg-test-fn"
  description      = "Test function."
  role_description = "Test function execution role."
  package_path     = "./tests/function.zip"
  timeout          = 60
  memory_size      = 256
  policy_name      = "cg-test-fn"
  policy_json      = "{}"
  environment_variables = {
    COSTGUARD_A = "a"
    COSTGUARD_B = ""
  }
}

run "defaults" {
  command = apply

  assert {
    condition     = aws_lambda_function.this.environment[0].variables == tomap({ COSTGUARD_A = "a", COSTGUARD_B = "" })
    error_message = "Environment variables must be passed through unchanged."
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023" && aws_lambda_function.this.handler == "bootstrap"
    error_message = "native packaging must use provided.al2023 / bootstrap."
  }

  assert {
    condition     = aws_lambda_function.this.architectures == tolist(["arm64"]) && aws_lambda_function.this.timeout == 60 && aws_lambda_function.this.memory_size == 256
    error_message = "Function must be arm64 with the given timeout and memory."
  }

  assert {
    condition     = aws_lambda_function.this.function_name == "cg-test-fn" && aws_iam_role.this.name == "cg-test-fn" && output.log_group_name == "/aws/lambda/cg-test-fn" && aws_cloudwatch_log_group.this.retention_in_days == 7
    error_message = "Function, role and log group must share the name."
  }

  assert {
    condition     = aws_lambda_function.this.role == "arn:aws:iam::123456789012:role/mock" && output.role_arn == "arn:aws:iam::123456789012:role/mock" && aws_iam_role_policy.this.name == "cg-test-fn"
    error_message = "The function must run with its own role and inline policy."
  }

  assert {
    condition     = length(aws_lambda_function.this.vpc_config) == 0
    error_message = "No VPC attachment without vpc_config."
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.this.maximum_retry_attempts == 2 && aws_lambda_function_event_invoke_config.this.maximum_event_age_in_seconds == null && length(aws_lambda_function_event_invoke_config.this.destination_config) == 0
    error_message = "Default async config: two retries, default event age, no failure destination."
  }

  assert {
    condition     = aws_lambda_function.this.publish == true && aws_lambda_alias.live.name == "live" && aws_lambda_alias.live.function_version == "7" && output.alias_arn == "arn:aws:lambda:ap-northeast-1:123456789012:function:mock:live" && output.published_version == "7"
    error_message = "Every deployment must publish a version and point the live alias at it."
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.this.qualifier == "live"
    error_message = "The async config must apply to the alias the triggers invoke."
  }

  assert {
    condition     = length(aws_lambda_function.this.snap_start) == 0
    error_message = "No SnapStart unless asked for."
  }
}

run "snap_start_on_the_jvm_zip" {
  command = apply

  variables {
    package_type = "jvm"
    snap_start   = true
  }

  assert {
    condition     = length(aws_lambda_function.this.snap_start) == 1 && aws_lambda_function.this.snap_start[0].apply_on == "PublishedVersions"
    error_message = "A JVM function with snap_start must snapshot its published versions."
  }
}

run "no_snap_start_for_native" {
  command = apply

  variables {
    package_type = "native"
    snap_start   = true
  }

  assert {
    condition     = length(aws_lambda_function.this.snap_start) == 0
    error_message = "provided.al2023 has no SnapStart: the native package must not ask for it."
  }
}

run "jvm_vpc_failure_destination" {
  command = apply

  variables {
    package_type                 = "jvm"
    log_retention_days           = 30
    maximum_retry_attempts       = 0
    maximum_event_age_in_seconds = 3600
    on_failure_destination_arn   = "arn:aws:sns:ap-northeast-1:123456789012:cg-result"
    vpc_config = {
      subnet_ids         = ["subnet-0123456789abcdef0"]
      security_group_ids = ["sg-0123456789abcdef0"]
    }
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "java21" && aws_lambda_function.this.handler == "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
    error_message = "jvm packaging must use java21 and the Quarkus stream handler."
  }

  assert {
    condition     = length(aws_lambda_function.this.vpc_config) == 1 && aws_lambda_function.this.vpc_config[0].subnet_ids == toset(["subnet-0123456789abcdef0"])
    error_message = "The function must be attached to the given subnets."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "Log retention must be passed through."
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.this.maximum_retry_attempts == 0 && aws_lambda_function_event_invoke_config.this.maximum_event_age_in_seconds == 3600 && aws_lambda_function_event_invoke_config.this.destination_config[0].on_failure[0].destination == "arn:aws:sns:ap-northeast-1:123456789012:cg-result"
    error_message = "Retries, event age and failure destination must be passed through."
  }
}

run "rejects_bad_package_type" {
  command = plan

  variables {
    package_type = "docker"
  }

  expect_failures = [var.package_type]
}

run "rejects_retries_above_2" {
  command = plan

  variables {
    maximum_retry_attempts = 3
  }

  expect_failures = [var.maximum_retry_attempts]
}

run "rejects_bad_alias_name" {
  command = plan

  variables {
    alias_name = "1-live"
  }

  expect_failures = [var.alias_name]
}

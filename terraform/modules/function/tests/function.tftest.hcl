# Offline unit tests: `terraform test` with a mocked AWS provider, so no
# credentials or network are needed. function.zip is an empty stand-in for
# the Lambda package (only its hash is taken).

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
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
    on_failure_destination_arn   = "arn:aws:sqs:ap-northeast-1:123456789012:cg-failed"
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
    condition     = aws_lambda_function_event_invoke_config.this.maximum_retry_attempts == 0 && aws_lambda_function_event_invoke_config.this.maximum_event_age_in_seconds == 3600 && aws_lambda_function_event_invoke_config.this.destination_config[0].on_failure[0].destination == "arn:aws:sqs:ap-northeast-1:123456789012:cg-failed"
    error_message = "Retries, event age and failure destination must be passed through."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.vpc_access[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
    error_message = "In a VPC the role gets AWS's VPC access policy (its ENI actions are not copied inline on Resource \"*\")."
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

run "rejects_sns_failure_destination" {
  command = plan

  variables {
    on_failure_destination_arn = "arn:aws:sns:ap-northeast-1:123456789012:cg-result"
  }

  expect_failures = [var.on_failure_destination_arn]
}

run "rejects_package_of_the_other_kind" {
  command = plan

  variables {
    package_type = "native"
    package_path = "./tests/shutdown-fn-jvm.zip"
  }

  expect_failures = [var.package_path]
}

run "from_artifact_bucket_with_errors_alarm" {
  command = plan

  variables {
    artifact_bucket = "cg-artifacts"
    alarm_topic_arn = "arn:aws:sns:ap-northeast-1:123456789012:cg-result"
  }

  assert {
    condition     = aws_lambda_function.this.s3_bucket == "cg-artifacts" && aws_lambda_function.this.s3_key == "cg-test-fn/function.zip" && aws_lambda_function.this.filename == null
    error_message = "With an artifact bucket the function is deployed from S3, keyed by function and file name."
  }

  assert {
    condition     = aws_s3_object.package[0].source_hash == filemd5("./tests/function.zip")
    error_message = "The upload is keyed to the package's hash (no re-upload when unchanged)."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.errors[0].metric_name == "Errors" && aws_cloudwatch_metric_alarm.errors[0].alarm_actions == toset(["arn:aws:sns:ap-northeast-1:123456789012:cg-result"])
    error_message = "The Errors alarm notifies the given topic."
  }
}

# 300 function names of ~25 characters, as the kill switch would carry them.
run "rejects_environment_over_4_kb" {
  command = plan

  variables {
    environment_variables = {
      COSTGUARD_FUNCTION_NAMES = join(",", [for i in range(300) : format("nostr-relay-prod-fn-%04d", i)])
    }
  }

  expect_failures = [aws_lambda_function.this]
}

run "rejects_policy_over_10240_characters" {
  command = plan

  override_data {
    target = data.aws_iam_policy_document.this
    values = {
      # 150 function ARNs: 11961 characters.
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lambda:PutFunctionConcurrency\",\"Resource\":[\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0000\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0001\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0002\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0003\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0004\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0005\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0006\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0007\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0008\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0009\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0010\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0011\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0012\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0013\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0014\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0015\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0016\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0017\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0018\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0019\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0020\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0021\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0022\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0023\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0024\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0025\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0026\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0027\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0028\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0029\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0030\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0031\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0032\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0033\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0034\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0035\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0036\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0037\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0038\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0039\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0040\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0041\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0042\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0043\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0044\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0045\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0046\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0047\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0048\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0049\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0050\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0051\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0052\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0053\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0054\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0055\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0056\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0057\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0058\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0059\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0060\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0061\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0062\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0063\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0064\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0065\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0066\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0067\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0068\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0069\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0070\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0071\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0072\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0073\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0074\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0075\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0076\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0077\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0078\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0079\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0080\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0081\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0082\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0083\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0084\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0085\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0086\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0087\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0088\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0089\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0090\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0091\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0092\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0093\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0094\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0095\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0096\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0097\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0098\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0099\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0100\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0101\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0102\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0103\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0104\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0105\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0106\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0107\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0108\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0109\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0110\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0111\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0112\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0113\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0114\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0115\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0116\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0117\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0118\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0119\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0120\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0121\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0122\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0123\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0124\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0125\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0126\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0127\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0128\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0129\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0130\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0131\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0132\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0133\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0134\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0135\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0136\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0137\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0138\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0139\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0140\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0141\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0142\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0143\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0144\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0145\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0146\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0147\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0148\",\"arn:aws:lambda:ap-northeast-1:123456789012:function:nostr-relay-prod-fn-0149\"]}]}"
    }
  }

  expect_failures = [aws_iam_role_policy.this]
}

# Renders every IAM policy of an environment as the AWS provider writes it, offline, for simulate.mjs.
# run.sh copies this file into a scratch copy of the environment and runs `terraform test -json -verbose`,
# whose plan carries each role's trust policy and inline policy. The real provider evaluates the policy
# documents (it makes no AWS call for them); what would call AWS is overridden: the account ID, and the ARNs
# AWS assigns on create that a policy names (override_during = plan, so they are known in the plan).
# The inputs are the fake account's resources (demo/), so the calls the tests log name the same ARNs.

provider "aws" {
  region                      = "ap-northeast-1"
  access_key                  = "offline"
  secret_key                  = "offline"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

provider "aws" {
  alias                       = "us_east_1"
  region                      = "us-east-1"
  access_key                  = "offline"
  secret_key                  = "offline"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variables {
  name_prefix                 = "cost-guard-demo"
  budget_limit_amount         = "10"
  artifacts_dir               = "tests/artifacts"
  relay_lambda_function_names = ["relay-connect", "relay-disconnect", "relay-default"]
  ec2_instance_id             = "i-0c0ffee5eed000001"
  api_service_name            = "nostr-api"
  cloudfront_distribution_id  = "E2DEMO0CDN0001"
  health_check_url            = "http://{privateIp}:8080/health"
  ecs_services                = [{ cluster = "demo-cluster", service = "web" }, { cluster = "demo-cluster", service = "api" }]
  monthly_drill_enabled       = true
  slack_team_id               = "T07EA123LEP"
  slack_channel_id            = "C07EZ1ABC23"
  orchestration = {
    cluster_arn         = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/demo-cluster"
    task_definition_arn = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/demo-api:3"
    task_role_arns      = ["arn:aws:iam::123456789012:role/demo-api-execution", "arn:aws:iam::123456789012:role/demo-api-task"]
    container_name      = "api"
    subnet_ids          = ["subnet-0ef5000000000000a"]
    security_group_ids  = ["sg-0ef5000000000000a"]
  }
  efs_scaler = {
    file_system_id                  = "fs-0ef5000000000000a"
    access_point_arn                = "arn:aws:elasticfilesystem:ap-northeast-1:123456789012:access-point/fsap-0ef5000000000000a"
    target_directory                = "/mnt/efs/uploads"
    file_count_threshold            = 5
    vpc_id                          = "vpc-0ef5000000000000a"
    mount_target_security_group_ids = ["sg-0ef5000000000000a"]
    lambda_subnet_ids               = ["subnet-0ef5000000000000a"]
    lambda_security_group_ids       = ["sg-0ef5000000000000a"]
    ecs_cluster_name                = "demo-cluster"
    ecs_service_name                = "web"
  }
}

override_data {
  target = data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.kill_switch.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.kill_switch.module.shutdown.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.kill_switch.module.recovery.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.ecs_scheduler.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.ecs_scheduler.module.function.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.efs_scaler[0].data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.efs_scaler[0].module.function.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

# The plan-time lookups of what Cost Guard acts on (stack/lookups.tf) would call AWS.
override_data {
  target = data.aws_lambda_function.relay
  values = {}
}

override_data {
  target = data.aws_instance.api
  values = { instance_state = "running" }
}

override_data {
  target = data.aws_cloudfront_distribution.api
  values = {}
}

override_data {
  target = data.aws_ecs_service.office_hours
  values = {}
}

# The provider validates a state machine definition through the Step Functions API at plan; its ARN is the one
# AWS assigns (arn:aws:states:<region>:<account>:stateMachine:<name>).
override_resource {
  target          = module.orchestration[0].aws_sfn_state_machine.nightly_batch
  override_during = plan
  values          = { arn = "arn:aws:states:ap-northeast-1:123456789012:stateMachine:cost-guard-demo-nightly-batch" }
}

# ARNs AWS assigns on create that policies and permissions name.
override_resource {
  target          = module.kill_switch.aws_sqs_queue.failed
  override_during = plan
  values          = { arn = "arn:aws:sqs:ap-northeast-1:123456789012:cost-guard-demo-failed-invocations" }
}

override_resource {
  target          = module.kill_switch.aws_sns_topic.alert
  override_during = plan
  values          = { arn = "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-budget-alert" }
}

override_resource {
  target          = module.kill_switch.aws_sns_topic.result
  override_during = plan
  values          = { arn = "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result" }
}

override_resource {
  target          = module.kill_switch.aws_sns_topic.tripwire[0]
  override_during = plan
  values          = { arn = "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-tripwire" }
}

override_resource {
  target          = module.kill_switch.aws_sns_topic.tripwire_us_east_1[0]
  override_during = plan
  values          = { arn = "arn:aws:sns:us-east-1:123456789012:cost-guard-demo-tripwire-us-east-1" }
}

override_resource {
  target          = module.kill_switch.module.shutdown.aws_lambda_alias.live
  override_during = plan
  values          = { arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:cost-guard-demo-shutdown:live" }
}

override_resource {
  target          = module.kill_switch.module.recovery.aws_lambda_alias.live
  override_during = plan
  values          = { arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:cost-guard-demo-recovery:live" }
}

override_resource {
  target          = module.ecs_scheduler.module.function.aws_lambda_alias.live
  override_during = plan
  values          = { arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:cost-guard-demo-ecs-scheduler:live" }
}

override_resource {
  target          = module.efs_scaler[0].module.function.aws_lambda_alias.live
  override_during = plan
  values          = { arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:cost-guard-demo-efs-scaler:live" }
}

override_resource {
  target          = module.efs_scaler[0].aws_cloudwatch_event_rule.schedule
  override_during = plan
  values          = { arn = "arn:aws:events:ap-northeast-1:123456789012:rule/cost-guard-demo-efs-scaler" }
}

run "render" {
  command = plan
}

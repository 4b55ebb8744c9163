# The demo's environment for make doctor and make smoke against the fake account (demo/doctor-demo.sh): the fake's
# sample deployment "costguard-demo", described as terraform/envs/<env>/terraform.tfvars would describe a real one.
region                           = "eu-west-1"
name_prefix                      = "costguard-demo"
budget_limit_amount              = "20"
relay_lambda_function_names      = ["relay-connect", "relay-disconnect", "relay-default"]
ec2_instance_id                  = "i-0c0ffee5eed000001"
cloudfront_distribution_id       = "E2DEMO0CDN0001"
kill_switch_reserved_concurrency = 10
dry_run                          = false
ecs_services = [
  { cluster = "demo-cluster", service = "web" },
  { cluster = "demo-cluster", service = "api" },
]
# The default VPC of the fake account, which already has an SSM endpoint with private DNS: the doctor warns.
efs_scaler = {
  file_system_id   = "fs-0ef5000000000000a"
  vpc_id           = "vpc-0de0fa017c0a0000a"
  target_directory = "/mnt/efs/data"
}
orchestration = {
  cluster_arn         = "arn:aws:ecs:eu-west-1:123456789012:cluster/demo-cluster"
  task_definition_arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/nostr-api:1"
  container_name      = "api"
}

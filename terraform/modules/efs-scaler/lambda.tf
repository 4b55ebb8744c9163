# Function-specific permissions; the function module adds log writes and the
# VPC network-interface actions of the function itself.
data "aws_iam_policy_document" "lambda" {
  statement {
    sid       = "MountTargets"
    actions   = ["elasticfilesystem:DescribeFileSystems", "elasticfilesystem:DescribeMountTargets", "elasticfilesystem:CreateMountTarget"]
    resources = [local.file_system_arn]
  }

  # CreateMountTarget makes a network interface in the chosen subnet with the
  # caller's permissions. The Describe calls take no resource-level scoping
  # (DescribeAvailabilityZones tells regular zones from Local Zones); the
  # interface creation is scoped to this VPC's subnets, security groups and
  # new interfaces.
  statement {
    sid       = "DescribeSubnetsAndInterfaces"
    actions   = ["ec2:DescribeSubnets", "ec2:DescribeAvailabilityZones", "ec2:DescribeNetworkInterfaces"]
    resources = ["*"]
  }

  statement {
    sid     = "MountTargetNetworkInterfaces"
    actions = ["ec2:CreateNetworkInterface"]
    resources = [
      "arn:${local.partition}:ec2:${local.region}:${local.account_id}:network-interface/*",
      "arn:${local.partition}:ec2:${local.region}:${local.account_id}:subnet/*",
      "arn:${local.partition}:ec2:${local.region}:${local.account_id}:security-group/*",
    ]

    condition {
      test     = "ArnEquals"
      variable = "ec2:Vpc"
      values   = ["arn:${local.partition}:ec2:${local.region}:${local.account_id}:vpc/${var.vpc_id}"]
    }
  }

  statement {
    sid       = "ReadFilesThroughAccessPoint"
    actions   = ["elasticfilesystem:ClientMount"]
    resources = [local.file_system_arn]

    condition {
      test     = "StringEquals"
      variable = "elasticfilesystem:AccessPointArn"
      values   = [var.access_point_arn]
    }
  }

  statement {
    sid       = "MountTargetList"
    actions   = ["ssm:GetParameter", "ssm:PutParameter"]
    resources = [local.parameter_arn]
  }

  statement {
    sid       = "RedeployConsumer"
    actions   = ["ecs:UpdateService"]
    resources = [local.service_arn]
  }

  # While the kill switch's parked marker exists no mount target is created.
  dynamic "statement" {
    for_each = var.parked_parameter_name == "" ? [] : [1]

    content {
      sid       = "ReadParkedMarker"
      actions   = ["ssm:GetParameter"]
      resources = ["arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${trimprefix(var.parked_parameter_name, "/")}"]
    }
  }

  dynamic "statement" {
    for_each = local.publish_results ? [1] : []

    content {
      sid       = "PublishResult"
      actions   = ["sns:Publish"]
      resources = [var.result_topic_arn]
    }
  }
}

module "function" {
  source = "../function"

  name             = local.function_name
  description      = "Cost Guard: adds EFS mount targets as a directory fills and publishes the list to SSM."
  role_description = "Cost Guard EFS mount-target scaler execution role."
  tags             = var.tags

  package_type       = var.package_type
  package_path       = var.package_path
  timeout            = 180
  memory_size        = 512
  log_retention_days = var.log_retention_days

  policy_name = "cost-guard-efs-scaler"
  policy_json = data.aws_iam_policy_document.lambda.json

  vpc_config = {
    subnet_ids         = var.lambda_subnet_ids
    security_group_ids = var.lambda_security_group_ids
  }
  file_system_config = {
    access_point_arn = var.access_point_arn
    local_mount_path = "/mnt/efs"
  }
  # Unreserved by default: a reservation takes from the account's unreserved
  # pool, which Lambda keeps at 100 or more, and new accounts with a
  # concurrency quota of 10 or 50 refuse any. Runs rarely overlap (every
  # 5 minutes, seconds each); 1 keeps them apart where the quota allows.
  reserved_concurrent_executions = var.reserved_concurrent_executions

  # Exactly the variables of EfsScalerConfig.
  environment_variables = {
    COSTGUARD_TARGET_DIRECTORY       = var.target_directory
    COSTGUARD_FILE_COUNT_THRESHOLD   = tostring(var.file_count_threshold)
    COSTGUARD_COUNT_MODE             = var.count_mode
    COSTGUARD_COUNT_RECURSIVE        = tostring(var.count_recursive)
    COSTGUARD_FILE_SYSTEM_ID         = var.file_system_id
    COSTGUARD_VPC_ID                 = var.vpc_id
    COSTGUARD_SECURITY_GROUP_IDS     = join(",", var.mount_target_security_group_ids)
    COSTGUARD_SUBNET_IDS             = join(",", var.mount_target_subnet_ids)
    COSTGUARD_MOUNT_TARGET_PARAMETER = aws_ssm_parameter.mount_targets.name
    COSTGUARD_ECS_CLUSTER            = var.ecs_cluster_name
    COSTGUARD_ECS_SERVICE            = var.ecs_service_name
    COSTGUARD_POLL_INTERVAL_SECONDS  = tostring(var.poll_interval_seconds)
    COSTGUARD_RESULT_TOPIC_ARN       = var.result_topic_arn
    COSTGUARD_DRY_RUN                = tostring(var.dry_run)
    COSTGUARD_PARKED_PARAMETER       = var.parked_parameter_name
  }

  # A missed run is simply the next one 5 minutes later: no retries, and an
  # event older than one period is dropped.
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = 300
  # Not an on-failure destination: modules/function takes only an SQS queue
  # there (Chatbot cannot render Lambda's destination record). A run that fails
  # raises the Errors alarm on the result topic instead.
  alarm_topic_arn = local.publish_results ? var.result_topic_arn : null
}

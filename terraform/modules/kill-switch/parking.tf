###############################################################################
# Parking the estate: the parked marker every Cost Guard function reads, and
# the ECS services the kill switch parks at 0 and recovery brings back.
###############################################################################

locals {
  parked_parameter_name = coalesce(var.parked_parameter_name, "/cost-guard/${var.name_prefix}/parked")
  parked_parameter_arn  = "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${trimprefix(local.parked_parameter_name, "/")}"

  parks_services = length(var.ecs_services) > 0
  ecs_service_arns = [
    for s in var.ecs_services : "arn:${local.partition}:ecs:${local.region}:${local.account_id}:service/${s.cluster}/${s.service}"
  ]
  ecs_scheduler_parameter_arn = var.ecs_scheduler_parameter_name == "" ? "" : "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${trimprefix(var.ecs_scheduler_parameter_name, "/")}"

  ecs_service_pairs = join(",", [for s in var.ecs_services : "${s.cluster}/${s.service}"])
}

# The kill switch writes the marker (PutParameter with Overwrite=false) and
# parks the services: their size kept as cost-guard:prior-* tags first.
data "aws_iam_policy_document" "shutdown_parking" {
  statement {
    sid       = "WriteParkedMarker"
    actions   = ["ssm:PutParameter"]
    resources = [local.parked_parameter_arn]
  }

  dynamic "statement" {
    for_each = local.parks_services ? [1] : []

    content {
      sid       = "ParkServices"
      actions   = ["ecs:DescribeServices", "ecs:UpdateService", "ecs:ListTagsForResource"]
      resources = local.ecs_service_arns
    }
  }

  # Only Cost Guard's own tag keys: a role that can tag a service can
  # otherwise rewrite tags that drive cost allocation or access control.
  dynamic "statement" {
    for_each = local.parks_services ? [1] : []

    content {
      sid       = "KeepServiceSizes"
      actions   = ["ecs:TagResource"]
      resources = local.ecs_service_arns

      condition {
        test     = "ForAllValues:StringLike"
        variable = "aws:TagKeys"
        values   = ["cost-guard:prior-*"]
      }
    }
  }

  dynamic "statement" {
    for_each = local.parks_services ? [1] : []

    content {
      sid = "ReadScalableTargets"
      # Describe* actions support no resource-level permissions.
      actions   = ["application-autoscaling:DescribeScalableTargets"]
      resources = ["*"]
    }
  }

  # A scalable target's ARN ends in an id AWS assigns: the grant is the
  # account's and region's ECS desired-count targets, by condition keys.
  dynamic "statement" {
    for_each = local.parks_services ? [1] : []

    content {
      sid       = "ParkScalableTargets"
      actions   = ["application-autoscaling:RegisterScalableTarget"]
      resources = ["arn:${local.partition}:application-autoscaling:${local.region}:${local.account_id}:scalable-target/*"]

      condition {
        test     = "StringEquals"
        variable = "application-autoscaling:service-namespace"
        values   = ["ecs"]
      }

      condition {
        test     = "StringEquals"
        variable = "application-autoscaling:scalable-dimension"
        values   = ["ecs:service:DesiredCount"]
      }
    }
  }
}

# Recovery brings the services back, hands their sizes to the ECS scheduler
# when it runs outside business hours, removes their tags, and lifts the
# marker last.
data "aws_iam_policy_document" "recovery_parking" {
  statement {
    sid       = "LiftParkedMarker"
    actions   = ["ssm:DeleteParameter"]
    resources = [local.parked_parameter_arn]
  }

  dynamic "statement" {
    for_each = local.parks_services ? [1] : []

    content {
      sid       = "WakeServices"
      actions   = ["ecs:DescribeServices", "ecs:UpdateService", "ecs:ListTagsForResource"]
      resources = local.ecs_service_arns
    }
  }

  dynamic "statement" {
    for_each = local.parks_services ? [1] : []

    content {
      sid       = "ClearServiceSizes"
      actions   = ["ecs:UntagResource"]
      resources = local.ecs_service_arns

      condition {
        test     = "ForAllValues:StringLike"
        variable = "aws:TagKeys"
        values   = ["cost-guard:prior-*"]
      }
    }
  }

  dynamic "statement" {
    for_each = local.parks_services ? [1] : []

    content {
      sid       = "ReadScalableTargets"
      actions   = ["application-autoscaling:DescribeScalableTargets"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = local.parks_services ? [1] : []

    content {
      sid       = "WakeScalableTargets"
      actions   = ["application-autoscaling:RegisterScalableTarget"]
      resources = ["arn:${local.partition}:application-autoscaling:${local.region}:${local.account_id}:scalable-target/*"]

      condition {
        test     = "StringEquals"
        variable = "application-autoscaling:service-namespace"
        values   = ["ecs"]
      }

      condition {
        test     = "StringEquals"
        variable = "application-autoscaling:scalable-dimension"
        values   = ["ecs:service:DesiredCount"]
      }
    }
  }

  dynamic "statement" {
    for_each = local.parks_services && var.ecs_scheduler_parameter_name != "" ? [1] : []

    content {
      sid       = "HandSizesToScheduler"
      actions   = ["ssm:GetParameter", "ssm:PutParameter"]
      resources = [local.ecs_scheduler_parameter_arn]
    }
  }
}

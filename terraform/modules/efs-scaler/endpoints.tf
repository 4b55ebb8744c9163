# A Lambda in a VPC has no internet access: without a NAT gateway it reaches
# the EFS, EC2, SSM, ECS and SNS APIs only through interface endpoints.
locals {
  endpoint_services = var.create_vpc_endpoints ? setsubtract(toset(concat(
    ["elasticfilesystem", "ec2", "ssm", "ecs"],
    local.publish_results ? ["sns"] : [],
  )), var.existing_vpc_endpoint_services) : toset([])
  endpoint_subnet_ids = length(var.endpoint_subnet_ids) > 0 ? var.endpoint_subnet_ids : var.lambda_subnet_ids
}

resource "aws_security_group" "endpoints" {
  count = var.create_vpc_endpoints ? 1 : 0

  name        = "${local.function_name}-endpoints"
  description = "HTTPS from the Cost Guard EFS scaler to the AWS API endpoints."
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_https" {
  for_each = var.create_vpc_endpoints ? toset(var.lambda_security_group_ids) : toset([])

  security_group_id            = aws_security_group.endpoints[0].id
  description                  = "HTTPS from the efs-scaler function"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = each.value
}

# The zones of the endpoint subnets, looked up at plan: an interface endpoint
# takes one subnet per Availability Zone and refuses two in one zone.
data "aws_subnet" "endpoint" {
  for_each = var.create_vpc_endpoints ? toset(local.endpoint_subnet_ids) : toset([])
  id       = each.value
}

resource "aws_vpc_endpoint" "api" {
  for_each = local.endpoint_services

  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${local.region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = local.endpoint_subnet_ids
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true
  tags                = merge(var.tags, { Name = "${local.function_name}-${each.value}" })

  lifecycle {
    precondition {
      condition     = length(distinct([for s in data.aws_subnet.endpoint : s.availability_zone])) == length(local.endpoint_subnet_ids)
      error_message = "The endpoint subnets must be one per Availability Zone (${join(", ", [for s in data.aws_subnet.endpoint : "${s.id}: ${s.availability_zone}"])}); set endpoint_subnet_ids to one subnet of each zone."
    }
  }
}

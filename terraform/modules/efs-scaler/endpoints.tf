# A Lambda in a VPC has no internet access: without a NAT gateway it reaches
# the EFS, EC2, SSM, ECS and SNS APIs only through interface endpoints.
locals {
  endpoint_services = var.create_vpc_endpoints ? toset(concat(
    ["elasticfilesystem", "ec2", "ssm", "ecs"],
    local.publish_results ? ["sns"] : [],
  )) : toset([])
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

resource "aws_vpc_endpoint" "api" {
  for_each = local.endpoint_services

  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${local.region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = local.endpoint_subnet_ids
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true
  tags                = merge(var.tags, { Name = "${local.function_name}-${each.value}" })
}

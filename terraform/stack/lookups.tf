# Plan-time lookups of what Cost Guard acts on but does not create: a typo in
# an ID fails `terraform plan` with the provider's "not found" error, not the
# kill switch on its worst day. (The offline tests mock them.)

data "aws_lambda_function" "relay" {
  for_each      = toset(var.relay_lambda_function_names)
  function_name = each.value
}

data "aws_instance" "api" {
  instance_id = var.ec2_instance_id

  lifecycle {
    postcondition {
      condition     = self.instance_state != "terminated" && self.instance_state != "shutting-down"
      error_message = "ec2_instance_id ${var.ec2_instance_id} is ${self.instance_state}: the kill switch would have nothing to stop and recovery nothing to start."
    }
  }
}

data "aws_cloudfront_distribution" "api" {
  id = var.cloudfront_distribution_id
}

data "aws_ecs_service" "office_hours" {
  for_each     = { for s in var.ecs_services : "${s.cluster}/${s.service}" => s }
  cluster_arn  = each.value.cluster
  service_name = each.value.service
}

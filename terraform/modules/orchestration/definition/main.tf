# The nightly batch's state machine definition: the Amazon States Language template rendered with the module's
# settings. A module of its own, without providers, so tools/check-definition.sh renders it exactly as the
# orchestration module does, offline, validates the result and executes it in an ASL interpreter.

locals {
  # One task plus three retries. The retries are the definition's own loop (not a Retry field), so that a bad
  # argument (exit 2) is not retried, the notification can say how many attempts ran, and on Spot the last attempt
  # can run on regular Fargate.
  max_attempts = 4

  # The batch command plus the day or the schedule's time, e.g. States.Array('java', '-jar', '/app.jar',
  # $.run.argument). The validation keeps quotes and braces out of the words, so no escaping is needed inside the
  # intrinsic function.
  command_with_day = format("States.Array(%s, $.run.argument)", join(", ", [for word in var.batch_command : "'${word}'"]))

  # On Spot every attempt but the last asks for FARGATE_SPOT; the last one runs on FARGATE (RunBatchOnFargate), so a
  # night of Spot shortage or reclaims still ends with a run.
  capacities = var.use_fargate_spot ? { RunBatch = "FARGATE_SPOT", RunBatchOnFargate = "FARGATE" } : { RunBatch = "FARGATE" }

  run_task_states = { for name, capacity in local.capacities : name => {
    Type     = "Task"
    Comment  = "runTask.sync waits for the task to stop and fails when any of its containers exits non-zero (${capacity})."
    Resource = "arn:aws:states:::ecs:runTask.sync"
    Parameters = merge(
      {
        Cluster        = var.cluster_arn
        TaskDefinition = var.task_definition_arn
      },
      { for key, value in { LaunchType = "FARGATE" } : key => value if capacity == "FARGATE" },
      { for key, value in { CapacityProviderStrategy = [{ CapacityProvider = "FARGATE_SPOT", Weight = 1 }] } : key => value if capacity == "FARGATE_SPOT" },
      {
        NetworkConfiguration = {
          AwsvpcConfiguration = {
            Subnets        = var.subnet_ids
            SecurityGroups = var.security_group_ids
            AssignPublicIp = var.assign_public_ip ? "ENABLED" : "DISABLED"
          }
        }
        Overrides = {
          ContainerOverrides = [{
            Name        = var.container_name
            "Command.$" = local.command_with_day
            Environment = [
              { Name = "BATCH_TIME_ZONE", Value = var.time_zone },
              { Name = "BATCH_DRY_RUN", "Value.$" = "$.run.dryRun" },
            ]
          }]
        }
      }
    )
    TimeoutSeconds = var.task_timeout_seconds
    ResultPath     = null
    Catch = [{
      ErrorEquals = ["States.ALL"]
      ResultPath  = "$.error"
      Next        = "ReadFailure"
    }]
    Next = "Succeeded"
  } }
}

output "json" {
  description = "The state machine definition (Amazon States Language, JSON)."
  value = templatefile("${path.module}/state-machine.asl.json.tftpl", {
    run_task_states      = local.run_task_states
    use_fargate_spot     = var.use_fargate_spot
    container_name       = var.container_name
    task_timeout_seconds = var.task_timeout_seconds
    retry_interval       = var.retry_interval_seconds
    max_attempts         = local.max_attempts
    alarm_topic_arn      = var.alarm_topic_arn
    parked_parameter     = var.parked_parameter_name
    time_zone            = var.time_zone
  })
}
